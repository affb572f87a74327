"""Above `extra.full_text_search_limit` articles, Material's index holds titles, summaries and names, and the
digest's term index every word of the texts and notes besides; pages stay the same."""

from __future__ import annotations

import json
import re
import sys
from itertools import accumulate
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.chromium import watch_for_trouble
from tests.conftest import SEEDS
from tests.sitebuild import prepare_project, run
from tests.test_browser import (
    ARTICLE_001,
    ARTICLE_002,
    ARTICLE_003,
    ARTICLE_004,
    _first_result,
    browser,  # noqa: F401 (a fixture, used by name)
)

pytestmark = pytest.mark.slow

ARTICLE_000 = "articles/2025/iran-dan-pakistan-desak-perang-melawan-terorisme-untuk-tingkatkan-keamanan/"
MATERIAL_WORKER = re.compile(r'("search": "[^"]*)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js')


@pytest.fixture(scope="module")
def compact_site(tmp_path_factory):
    """The five seeds built with a limit of 2 articles, so search takes its large-digest form."""
    work = tmp_path_factory.mktemp("compact-search")
    config_path = prepare_project(SEEDS, work)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config.setdefault("extra", {})["full_text_search_limit"] = 2
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_path)])
    return work / "site"


def index(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_article_pages_are_the_same_whatever_search_indexes(compact_site, seeds_site):
    """Only the search worker each page names differs."""
    pages = sorted(p.relative_to(seeds_site) for p in (seeds_site / "articles").rglob("*.html"))
    assert len(pages) == 5
    for page in pages:
        compact = (compact_site / page).read_text(encoding="utf-8")
        full = (seeds_site / page).read_text(encoding="utf-8")
        assert compact == MATERIAL_WORKER.sub(r"\g<1>search/digest_worker.js", full)
        assert compact != full


def test_every_page_uses_the_digest_worker_and_its_term_index_is_written(compact_site):
    pages = list(compact_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not MATERIAL_WORKER.search(html), page
        assert "search/digest_worker.js" in html, page
    assert (compact_site / "search" / "digest_worker.js").read_text(encoding="utf-8").startswith("// Search worker")
    terms = json.loads((compact_site / "search" / "digest_index.json").read_text(encoding="utf-8"))
    assert terms["count"] == len(index(compact_site))
    assert terms["terms"] == sorted(terms["terms"])
    assert len(terms["postings"]) == len(terms["terms"])


def test_a_site_under_the_limit_keeps_materials_worker(seeds_site):
    assert MATERIAL_WORKER.search((seeds_site / "index.html").read_text(encoding="utf-8"))
    assert not (seeds_site / "search" / "digest_index.json").exists()


def test_titles_summaries_and_names_are_indexed_but_not_the_text_nor_listing_pages(compact_site):
    entries = index(compact_site)
    articles = [e for e in entries if e["location"].startswith("articles/")]
    assert len(articles) == 5  # one entry per article: no sections of the text
    indexed = json.dumps(articles, ensure_ascii=False)
    assert "Patrushev" in indexed  # a person named in an annotation
    assert "border markets against smuggling" in indexed  # a phrase of an English summary
    assert "gencatan senjata" not in indexed.lower()  # a phrase of the article text only
    assert not any(e["location"].startswith(("timeline/", "countries/iran")) for e in entries)


def test_the_term_index_holds_every_word_of_the_texts_and_notes(compact_site):
    """Each word of an article's text or notes lists the article in the text field; words in no page of
    the site are not there. The numbers are stored as differences (generator/search_index.py)."""
    terms = json.loads((compact_site / "search" / "digest_index.json").read_text(encoding="utf-8"))
    locations = [e["location"] for e in index(compact_site)]
    text_bit = terms["fields"]["text"]["bit"]
    found = {
        term: [(locations[code >> 3], code & 7) for code in accumulate(listed)]
        for term, listed in zip(terms["terms"], terms["postings"], strict=True)
    }
    assert found["bertajuk"] == [(ARTICLE_004, text_bit)]  # a word of the Indonesian text only
    assert found["spelled"] == [(ARTICLE_001, text_bit)]  # a word of a note only
    gencatan = {location for location, _ in found["gencatan"] if location.startswith("articles/")}
    assert len(gencatan) == 2  # in two of the texts
    assert "kerahasiaan" not in found


def test_country_and_topic_names_still_find_articles_in_the_compact_index(compact_site):
    entries = [e for e in index(compact_site) if e["location"].startswith("articles/")]
    tajikistan = [e["location"] for e in entries if "Tajikistan" in e.get("tags", ())]
    assert tajikistan == [e["location"] for e in entries if "csto" in e["location"]]
    assert any("Drug trafficking" in e.get("tags", ()) for e in entries)


# In Chromium: the digest's worker answers Material's search box on a site above the limit.


@pytest.fixture(scope="module")
def compact_url(compact_site):
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(compact_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def compact_page(browser, compact_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.trouble = watch_for_trouble(page)  # from the first load on
    page.goto(compact_url)
    page.requested = requested
    yield page
    context.close()


def _results(page) -> list[str]:
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    return [urlsplit(href).path for href in links.evaluate_all("links => links.map(a => a.href)")]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Patrushev", ARTICLE_001),  # a person in the annotation's people
        ("Taliban", ARTICLE_003),  # an organisation
        ("smuggling", ARTICLE_000),  # a word of the English summary only
        ("bertajuk", ARTICLE_004),  # a word of the Indonesian text only
        ("spelled", ARTICLE_001),  # a word of a note only
        ("Azerbaijan", ARTICLE_004),
        ("Tajikistan", ARTICLE_003),  # an English country name, only a tag of the article
        ("tajik", ARTICLE_003),  # words are matched as prefixes while typing
        ("+tags:azerbaijan iran", ARTICLE_004),
        ("Sabah", ARTICLE_003),  # the original source in the box (Daily Sabah), not in the text
    ],
)
def test_the_digest_worker_shows_the_right_article_first(compact_page, query, expected):
    assert _first_result(compact_page, query).endswith(expected), query
    assert any(url.endswith("/search/digest_index.json") for url in compact_page.requested)


@pytest.mark.browser
def test_the_digest_worker_requires_a_word_with_a_plus_as_the_home_page_says(compact_page):
    _first_result(compact_page, "+tags:russia +putin")
    assert sorted(set(_results(compact_page))) == sorted(["/" + ARTICLE_002, "/" + ARTICLE_003])


@pytest.mark.browser
def test_a_topic_label_finds_its_articles_and_articles_rank_above_index_pages(compact_page, compact_site):
    tagged = {"/" + e["location"] for e in index(compact_site) if "Drug trafficking" in e.get("tags", ())}
    assert tagged
    first = _first_result(compact_page, "Drug trafficking")
    assert first in tagged
    compact_page.locator("input.md-search__input").fill("Iran")
    compact_page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 1")
    found = _results(compact_page)
    articles = [path.startswith("/articles/") for path in found]
    assert articles[0] and articles == sorted(articles, reverse=True), found  # every article before any other page


@pytest.mark.browser
def test_a_word_of_the_text_found_by_the_digest_worker_is_marked_on_the_opened_page(compact_page):
    """The result for a word only the Indonesian text holds shows the summary; the page it opens marks
    the word where the text has it (Material's `search.highlight`, from the terms the worker reports)."""
    assert _first_result(compact_page, "bertajuk").endswith(ARTICLE_004)
    compact_page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    compact_page.wait_for_url(f"**/{ARTICLE_004}*")
    marked = compact_page.locator(".digest-article-text mark")
    marked.first.wait_for(timeout=10_000)
    assert marked.first.inner_text().lower() == "bertajuk"


@pytest.mark.browser
def test_a_result_for_a_word_of_the_text_shows_the_passage_that_holds_it(compact_page):
    """Its summary holds no word searched for, so the worker fetches the page and shows the words around
    the first one, marked; a result whose summary holds the word keeps the summary."""
    assert _first_result(compact_page, "bertajuk").endswith(ARTICLE_004)
    first = compact_page.locator(".md-search-result__item").first
    first.locator("p mark").first.wait_for(timeout=10_000)
    assert first.locator("p mark").first.inner_text().lower() == "bertajuk"
    passage = first.locator("p").first.inner_text()
    assert passage.startswith("… ") and passage.endswith(" …") and len(passage) < 260, passage
    assert "Latihan Gabungan Aras" in passage  # the words around it in the Indonesian text
    assert any(url.endswith("/" + ARTICLE_004) for url in compact_page.requested)

    compact_page.locator("input.md-search__input").fill("")
    assert _first_result(compact_page, "smuggling").endswith(ARTICLE_000)  # a word of the English summary
    compact_page.wait_for_function(
        "document.querySelector('.md-search-result__item p mark')?.textContent.toLowerCase() === 'smuggling'"
    )
    teaser = compact_page.locator(".md-search-result__item").first.locator("p").all_inner_texts()
    assert any(text.startswith("Iran's chief of staff") for text in teaser), teaser  # the summary, whole


@pytest.mark.browser
def test_a_page_that_could_not_be_fetched_gets_its_passage_with_a_later_query(compact_page):
    """The connection drops while the worker fetches the page: the result keeps its summary, and the
    same search once the connection is back shows the passage (a failed fetch is not kept)."""
    compact_page.context.route(f"**/{ARTICLE_004}", lambda route: route.abort())
    assert _first_result(compact_page, "bertajuk").endswith(ARTICLE_004)
    compact_page.wait_for_timeout(1_000)  # the worker's wait, and its failed fetch
    first = compact_page.locator(".md-search-result__item").first
    assert first.locator("p mark").count() == 0
    compact_page.context.unroute(f"**/{ARTICLE_004}")
    compact_page.locator("input.md-search__input").fill("")
    assert _first_result(compact_page, "bertajuk").endswith(ARTICLE_004)
    first.locator("p mark").first.wait_for(timeout=10_000)
    assert first.locator("p mark").first.inner_text().lower() == "bertajuk"


@pytest.mark.browser
def test_a_search_through_the_digest_worker_makes_no_failed_request_and_logs_no_error(compact_page):
    """From the home page to the opened result: the term index, the passage's page fetch, the page."""
    assert _first_result(compact_page, "bertajuk").endswith(ARTICLE_004)
    compact_page.locator(".md-search-result__item").first.locator("p mark").first.wait_for(timeout=10_000)
    compact_page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    compact_page.wait_for_url(f"**/{ARTICLE_004}*")
    compact_page.wait_for_load_state("networkidle")
    assert compact_page.trouble.failed == []
    assert compact_page.trouble.errors == []


WORKER_SOURCE = Path(__file__).parent.parent / "generator" / "data" / "search_worker.js"


@pytest.mark.browser
def test_passages_are_plain_text_cut_at_spaces_and_escaped(compact_page):
    """The worker's `plainText` and `passage`, run in the browser on made-up pages."""
    compact_page.add_script_tag(content=WORKER_SOURCE.read_text(encoding="utf-8"))
    run = compact_page.evaluate
    html = (
        '<header>outside</header><article class="md-content__inner"><nav class="md-tags"><span>Iran</span></nav>'
        '<h1>Title<a class="headerlink" href="#t">&para;</a></h1><svg><path d="x"/></svg>'
        "<p>Iran&#x27;s &quot;Aras&quot; drill &amp; more &lt;b&gt;&#233;t&eacute;</p></article><footer>f</footer>"
    )
    # Named entities other than the usual few stay as they are (Python-Markdown writes no others).
    assert run("html => plainText(html)", html) == 'Title Iran\'s "Aras" drill & more <b>ét&eacute;'
    assert run("html => plainText(html)", "<p>no article here</p>") == ""
    assert run("html => plainText(html)", "<article>&#99999999; &#x41;</article>") == "&#99999999; A"
    marker = "term => new RegExp('(^|[^\\\\p{L}\\\\p{N}])(' + term + ')', 'giu')"
    words = " ".join(f"w{i}" for i in range(100))
    assert run(f"([text, term]) => passage(text, ({marker})(term))", ["Drill <b> & more", "drill"]) == (
        "<p><mark>Drill</mark> &lt;b&gt; &amp; more</p>"
    )
    cut = run(f"([text, term]) => passage(text, ({marker})(term))", [words, "w50"])
    assert cut.startswith("<p>… w") and cut.endswith(" …</p>") and "<mark>w50</mark>" in cut
    inner = cut.removeprefix("<p>… ").removesuffix(" …</p>").replace("<mark>w50</mark>", "w50").split(" ")
    assert inner == words.split(" ")[words.split(" ").index(inner[0]) :][: len(inner)]  # whole words, in order
    assert run(f"([text, term]) => passage(text, ({marker})(term))", [words, "x"]) is None
    assert run(f"([text, term]) => passage(text, ({marker})(term))", ["aw1 w1", "w1"]) == "<p>aw1 <mark>w1</mark></p>"
