"""Above `extra.full_text_search_limit` articles, Material's index holds titles, summaries and names, and the
digest's term index every word of the texts and notes besides; pages stay the same."""

from __future__ import annotations

import json
import re
import sys
from itertools import accumulate
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

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
    OVERVIEWS,
    PROJECT_PAGES,
    _first_result,
    _settled_results,
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
        ("Pezeshkiān", ARTICLE_002),  # diacritics folded: the text writes "Pezeshkian"
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
@pytest.mark.parametrize("query", ["Putin", "Central Asia", "Anadolu", "gencatan senjata"])
def test_a_name_or_a_place_finds_the_articles_not_the_projects_pages_above_the_limit(compact_page, query):
    """As up to the limit (test_browser.py): the worker ranks the pages matching more of the words first,
    and only Home and About held both of "Central Asia", in the list of what the digest covers."""
    found = _settled_results(compact_page, query)
    assert found and found[0].startswith("/articles/") and not PROJECT_PAGES & set(found), found


@pytest.mark.browser
@pytest.mark.parametrize("query", ["21 January 2025", "2025"])
def test_a_date_or_a_year_finds_its_articles_not_the_overviews_above_the_limit(compact_page, query):
    """The Countries and Topics pages stay in Material's index above the limit (the timeline and the
    pages of each country and topic do not): their tables' latest dates made them results for a day."""
    found = _settled_results(compact_page, query)
    assert found[0] == "/" + ARTICLE_000 and not OVERVIEWS & set(found), found


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
def test_a_page_found_by_its_sections_links_its_title_with_the_words_and_opens_marked(compact_page):
    """About is found for "performance" by its section "Searching" only: the worker adds the page itself to
    the result, unscored, with the words its sections were found by. Added with none, its title linked to
    `?h=` empty, and the page it opened marked nothing."""
    search = compact_page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("performance", delay=20)
    title = compact_page.locator(".md-search-result__item > a.md-search-result__link").first
    # The section's own link, which Material gives the words it was found by, once the word is typed whole.
    compact_page.wait_for_function(
        "document.querySelectorAll('.md-search-result__item a.md-search-result__link')[1]?.href"
        ".endsWith('?h=performance#searching')"
    )
    assert urlsplit(title.get_attribute("href")).path == "/about/"
    assert parse_qs(urlsplit(title.get_attribute("href")).query) == {"h": ["performance"]}
    compact_page.wait_for_timeout(1_000)  # the worker's wait for passages: its sections show the words, none is fetched
    assert not any(urlsplit(url).path == "/about/" for url in compact_page.requested)
    title.click()
    compact_page.wait_for_url("**/about/?h=performance")
    marked = compact_page.locator("article mark[data-md-highlight]")
    marked.first.wait_for(timeout=10_000)
    assert marked.first.inner_text().lower() == "performance"


@pytest.mark.browser
def test_a_result_for_a_word_of_the_text_shows_the_passage_that_holds_it(compact_page):
    """Its summary holds no word searched for, so the worker fetches the page and shows the words around
    the first one, marked, from the paragraph that holds it; a result whose summary holds the word keeps
    the summary."""
    assert _first_result(compact_page, "bertajuk").endswith(ARTICLE_004)
    first = compact_page.locator(".md-search-result__item").first
    first.locator("p mark").first.wait_for(timeout=10_000)
    assert first.locator("p mark").first.inner_text().lower() == "bertajuk"
    passage = first.locator("p").first.inner_text()
    # The word is the paragraph's sixth: no words of the paragraph before it ("… hubungan kedua negara. Latihan").
    assert passage.startswith("Latihan gabungan selama empat hari bertajuk") and passage.endswith(" …"), passage
    assert "Latihan Gabungan Aras" in passage and len(passage) < 260  # the words around it in the Indonesian text
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
    assert run("html => plainText(html)", html) == 'Title\nIran\'s "Aras" drill & more <b>ét&eacute;'
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


def _worker(page, site, docs: list[dict], in_text=None) -> None:
    """The worker's functions in `page`, and `digest`, its state for made-up `docs` of Material's index,
    with the term index that generator/search_index.py builds for them with the site's configuration."""
    from generator.search_index import build

    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    page.add_script_tag(content=WORKER_SOURCE.read_text(encoding="utf-8"))
    page.evaluate(
        """([config, docs, index]) => {
          window.digest = setup({ config, docs }, index);
          digest.byLocation = new Map(docs.map(doc => [doc.location, doc]));
        }""",
        [config, docs, build({"config": config, "docs": docs}, in_text)],
    )


def _found(page, query: str) -> list[str]:
    """The locations of the pages the worker finds for `query`, best first."""
    return page.evaluate("query => search(digest, query).items.map(items => items[0].location)", query)


def _serve(page, texts: dict[str, str]) -> None:
    """Made-up article pages, for the worker to take passages from (`texts`: location → the paragraphs'
    HTML of its article text)."""

    def serving(body: str):  # a handler of one argument: Playwright passes the request to one of two
        return lambda route: route.fulfill(content_type="text/html", body=body)

    for location, text in texts.items():
        body = f'<div class="digest-article-text" lang="id">{text}</div><h2 id="related-coverage">Related</h2>'
        page.route(f"**/{location}", serving(body))


def _shown_with_passages(page, query: str) -> list[str]:
    """The text each result shows for `query` once the worker has added passages."""
    return page.evaluate(
        """async query => {
          const result = search(digest, query);
          await withPassages(result);
          return result.items.map(items => items[0].text);
        }""",
        query,
    )


@pytest.mark.browser
def test_a_word_the_summary_does_not_show_gets_its_passage_below_the_summary(compact_page, compact_site):
    """The summary shows "Afghanistan", not the village only the Indonesian text names: the passage with
    the village goes below it. A summary that shows no word searched for is replaced, one that shows them
    all kept; a word found among the tags needs no passage (the result shows its tags)."""
    docs = [
        {
            "location": "articles/2025/a/",
            "title": "Talks",
            "text": "<p>Afghanistan and its allies.</p>",
            "tags": ["Iran"],
        },
        {"location": "articles/2024/b/", "title": "Other talks", "text": "<p>Afghanistan.</p>"},
    ]
    _worker(compact_page, compact_site, docs, {"kelukokokoko": [0], "iran": [0]})
    _serve(
        compact_page, {"articles/2025/a/": "<p>Di Kabul, Iran.</p><p>Pertemuan di desa Kelukokokoko pekan depan.</p>"}
    )
    village = "<p>Pertemuan di desa <mark>Kelukokokoko</mark> pekan depan.</p>"
    shown = _shown_with_passages(compact_page, "afghanistan Kelukokokoko")
    assert shown == ["<p><mark>Afghanistan</mark> and its allies.</p>" + village, "<p><mark>Afghanistan</mark>.</p>"]
    assert _shown_with_passages(compact_page, "Kelukokokoko") == [village]
    assert _shown_with_passages(compact_page, "afghanistan")[0] == "<p><mark>Afghanistan</mark> and its allies.</p>"
    assert _shown_with_passages(compact_page, "tags:iran") == ["<p>Afghanistan and its allies.</p>"]


@pytest.mark.browser
def test_a_passage_shows_the_word_being_typed_as_it_is_before_a_word_it_begins(compact_page, compact_site):
    """The United States ("AS"), not "Astana", which comes first in the text."""
    _worker(
        compact_page, compact_site, [{"location": "articles/2025/a/", "title": "Talks"}], {"as": [0], "astana": [0]}
    )
    _serve(compact_page, {"articles/2025/a/": "<p>Di Astana.</p><p>Intervensi AS di Suriah.</p>"})
    assert _shown_with_passages(compact_page, "AS") == ["<p>Intervensi <mark>AS</mark> di Suriah.</p>"]


@pytest.mark.browser
def test_a_word_of_the_text_beside_a_word_of_the_summary_shows_both_on_the_site(compact_page):
    """The Aras drill's result marks "Azerbaijan" in its title and summary; "bertajuk" is only in its
    Indonesian text: the passage that holds it is shown below the summary."""
    assert _first_result(compact_page, "azerbaijan bertajuk").endswith(ARTICLE_004)
    first = compact_page.locator(".md-search-result__item").first
    first.locator("p mark", has_text="bertajuk").wait_for(timeout=10_000)
    shown = first.locator("p").all_inner_texts()
    summary = next(at for at, text in enumerate(shown) if text.startswith("On Sunday 24 November 2024 Iran's"))
    assert "bertajuk" in shown[-1] and summary < len(shown) - 1, shown


@pytest.mark.browser
def test_only_the_word_being_typed_is_a_prefix(compact_page, compact_site):
    """Material completes every word but those with `+` or `-` (quoted words get a `+`); the worker only
    the last word of the query (not once a space follows it), and a word with Lunr's `*`. A word is found
    with an apostrophe after it ("Iran's" is one term)."""
    docs = [
        {"location": "articles/2025/a/", "title": "Talks on 20 March"},
        {"location": "articles/2025/b/", "title": "March 2025 talks"},
        {"location": "articles/2025/c/", "title": "Iran's army"},
    ]
    _worker(compact_page, compact_site, docs)
    prefixes = "query => parse(digest, query).map(clause => [clause.term, clause.prefix])"
    assert compact_page.evaluate(prefixes, "20 March 2025") == [["20", False], ["march", False], ["2025", True]]
    assert compact_page.evaluate(prefixes, "20 March 2025 ") == [["20", False], ["march", False], ["2025", False]]
    assert compact_page.evaluate(prefixes, 'tajik* "iran" +putin -x al-zul') == [
        *(["tajik", True], ["iran", False], ["putin", False], ["x", False], ["al", False], ["zul", True])
    ]
    assert _found(compact_page, "+20 march") == ["articles/2025/a/"]  # not "2025"
    assert _found(compact_page, "+march 20") == ["articles/2025/a/", "articles/2025/b/"]  # being typed
    assert _found(compact_page, '"20" march') == ["articles/2025/a/"]
    assert _found(compact_page, "+iran army") == ["articles/2025/c/"]


@pytest.mark.browser
def test_a_completion_never_ranks_above_the_word_itself(compact_page, compact_site):
    """The United States ("AS") in 744 of 1,000 articles, "ask" on one page: the rarer completion had
    ranked that page first."""
    docs = [
        {
            "location": f"articles/2025/a{n}/",
            "title": f"Article {n}",
            "text": "<p>AS</p>" if n < 744 else "",
            "boost": 4,
        }
        for n in range(999)
    ] + [{"location": "data/", "title": "Open data", "text": "<p>Ask the publisher</p>"}]
    _worker(compact_page, compact_site, docs)
    found = _found(compact_page, "AS")
    assert len(found) == 745 and found[-1] == "data/"


@pytest.mark.browser
def test_equally_good_results_come_newest_first(compact_page, compact_site):
    """By the date each article's box shows, which Material's index holds (generator/mkdocs_hooks.py):
    equal scores came in path order, oldest first. A better score still comes first."""
    dated = [("2016/a", "3 July 2016"), ("2025/a", "1 January 2025"), ("2025/z", "31 December 2025"), ("2020/b", "")]
    docs = [
        {"location": f"articles/{path}/", "title": "Talks", "text": f"<p>Putin spoke.</p><p>{date} · Tehran</p>"}
        for path, date in dated
    ] + [{"location": "articles/2016/t/", "title": "Putin", "text": "<p>3 July 2016</p>"}]
    _worker(compact_page, compact_site, docs)
    assert _found(compact_page, "putin") == [
        *("articles/2016/t/", "articles/2025/z/", "articles/2025/a/", "articles/2016/a/", "articles/2020/b/")
    ]


def test_the_term_index_holds_the_date_of_each_article(compact_site):
    """Days since 1 January 1970, as the open data has them; 0 for other pages."""
    import datetime as dt

    articles = json.loads((compact_site.parent / "docs" / "data" / "articles.json").read_text(encoding="utf-8"))
    published = {re.search(r"articles/.*", a["page_url"]).group(): a["published"] for a in articles["articles"]}
    dates = json.loads((compact_site / "search" / "digest_index.json").read_text(encoding="utf-8"))["dates"]
    days = [
        (dt.date.fromisoformat(published[e["location"]]) - dt.date(1970, 1, 1)).days
        if e["location"] in published
        else 0
        for e in index(compact_site)
    ]
    assert dates == days and days.count(0) == len(days) - 5


@pytest.mark.browser
def test_passages_are_taken_from_an_articles_text_and_notes_only(compact_page, compact_site):
    """Not from the box ("Countries: 🇦🇫 Afghanistan…"), the related coverage or the source, and from one
    paragraph or note: a passage ran from the text's last words into the next heading."""
    compact_page.add_script_tag(content=WORKER_SOURCE.read_text(encoding="utf-8"))
    html = (compact_site / ARTICLE_000 / "index.html").read_text(encoding="utf-8")
    lines = compact_page.evaluate("html => plainText(html)", html).split("\n")
    assert lines[0].startswith("Islam Abad, Purna Warta – Pimpinan militer Iran dan Pakistan")
    assert lines[-2].startswith('"Jaish al-Zulm" ("army of injustice") is the name')  # the notes, each a line
    assert lines[-1].endswith("a rounded one used by the speaker.")  # without "↩"
    text = "\n".join(lines)
    assert "Jaish al-Zulm (Tentara Kebrutalan) dan mencatat" in text  # without the note's number
    for outside in ("About this report", "Purna Warta Dateline", "Summary", "Related coverage", "Source", "seeds/"):
        assert outside not in text
    cut = "([text, term]) => passage(text, marker([{ term, prefix: false }]))"
    lines = ["Kata pertama.", "Di desa Kelukokokoko pekan depan.", "Catatan."]
    assert compact_page.evaluate(cut, ["\n".join(lines), "kelukokokoko"]) == (
        "<p>Di desa <mark>Kelukokokoko</mark> pekan depan.</p>"
    )


@pytest.mark.browser
def test_words_are_marked_whole_and_the_word_being_typed_as_a_prefix(compact_page, compact_site):
    _worker(compact_page, compact_site, [{"location": "", "title": "Home"}])
    mark = "([query, text]) => highlight(text, marker(parse(digest, query)))"
    assert compact_page.evaluate(mark, ["20 March 2025", "On 20 March 2025 (2020, Marches)"]) == (
        "On <mark>20</mark> <mark>March</mark> <mark>2025</mark> (2020, Marches)"
    )
    assert compact_page.evaluate(mark, ["AS ", "AS and Aslan"]) == "<mark>AS</mark> and Aslan"
    assert compact_page.evaluate(mark, ["AS", "AS and Aslan"]) == "<mark>AS</mark> and <mark>As</mark>lan"
    assert compact_page.evaluate(mark, ["iran army", "Iran's Iranian army"]) == (
        "<mark>Iran</mark>'s Iranian <mark>army</mark>"
    )


@pytest.mark.browser
def test_diacritics_are_folded_in_the_index_and_the_query_alike(compact_page, compact_site):
    """Typed "Teherán", "Pezeshkiān" or "Bāqerī" found nothing; words are marked with or without them."""
    from generator.search_index import text_terms

    words = ["Teherán", "Pezeshkiān", "Bāqerī", "TÜRKIYE", "İstanbul", "naïve-café", "Tehera\u0301n", "Iran's"]
    separator = re.compile(
        json.loads((compact_site / "search" / "search_index.json").read_text())["config"]["separator"]
    )
    terms = [sorted(text_terms(word, separator)) for word in words]
    assert terms[:3] == [["teheran"], ["pezeshkian"], ["baqeri"]]
    _worker(compact_page, compact_site, [{"location": "", "title": "Home"}])
    assert compact_page.evaluate("words => words.map(word => tokens(digest, word).sort())", words) == terms
    mark = "([query, text]) => highlight(text, marker(parse(digest, query)))"
    assert compact_page.evaluate(mark, ["teheran ", "Teherán, TEHERÁN, Tehera\u0301n, Teheran"]) == (
        "<mark>Teherán</mark>, <mark>TEHERÁN</mark>, <mark>Tehera\u0301n</mark>, <mark>Teheran</mark>"
    )


# Near spellings above the limit: a word the index does not hold as typed finds the terms a few edits away.


def _first_link(page):
    return page.locator(".md-search-result__item > a.md-search-result__link").first


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected", "written"),
    [
        ("Bagheri", ARTICLE_000, "Baqeri"),  # "gh" for "q": two edits, in the summary
        ("Sergei", ARTICLE_003, "Sergey"),  # one edit, in the summary
        ("Baluchistan", ARTICLE_000, "Baluchestan"),  # one edit, in a note only: the passage shows it
    ],
)
def test_a_name_spelt_otherwise_finds_its_article_and_marks_the_spelling_found(compact_page, query, expected, written):
    """Each article writes the name one way only. The result marks the text's spelling, links the page with
    it (`?h=`) and lists no word as missing."""
    assert _first_result(compact_page, query).endswith(expected), query
    first = compact_page.locator(".md-search-result__item").first
    first.locator("mark", has_text=written).first.wait_for(timeout=10_000)
    assert parse_qs(urlsplit(_first_link(compact_page).get_attribute("href")).query) == {"h": [written.lower()]}
    assert first.locator(".md-search-result__terms").count() == 0


@pytest.mark.browser
def test_the_page_opened_from_a_near_spelling_marks_the_spelling_found(compact_page):
    assert _first_result(compact_page, "Bagheri").endswith(ARTICLE_000)
    _first_link(compact_page).click()
    compact_page.wait_for_url(f"**/{ARTICLE_000}?h=baqeri")
    marked = compact_page.locator(".digest-article-text mark[data-md-highlight]")  # not the notes' marks
    marked.first.wait_for(timeout=10_000)
    assert {text.lower() for text in marked.all_inner_texts()} == {"baqeri"}


@pytest.mark.browser
def test_a_page_found_by_a_near_spelling_comes_after_every_page_found_as_typed(compact_page):
    """Of "Bagheri Putin", the pages "Putin" finds come as "Putin" alone lists them, then the article that
    writes "Baqeri" (and not "Putin")."""
    putin = _settled_results(compact_page, "Putin")
    assert len(putin) == 2 and ARTICLE_000 not in "".join(putin)
    compact_page.locator("input.md-search__input").fill("")
    assert _settled_results(compact_page, "Bagheri Putin") == [*putin, "/" + ARTICLE_000]


@pytest.mark.browser
def test_a_near_spelling_only_orders_pages_the_words_as_typed_found_equally(compact_page, compact_site):
    """A near spelling never lifts a page above one the words as typed found better (the title's
    "Pakistan" above the text's "Pakistan" beside "Baqeri"); it orders pages they found equally, and
    those it alone found come last, fewer edits first ("Bageri", one, before "Baqeri", two)."""
    docs = [
        {"location": "articles/2025/title/", "title": "Pakistan"},
        {"location": "articles/2025/both/", "title": "Talks", "text": "<p>Baqeri in Pakistan.</p>"},
        {"location": "articles/2025/text/", "title": "Talks", "text": "<p>Pakistan.</p>"},
        {"location": "articles/2025/two-edits/", "title": "Baqeri"},
        {"location": "articles/2025/one-edit/", "title": "Talks", "text": "<p>Bageri.</p>"},
    ]
    _worker(compact_page, compact_site, docs)
    assert _found(compact_page, "bagheri pakistan") == [
        *("articles/2025/title/", "articles/2025/both/", "articles/2025/text/"),
        *("articles/2025/one-edit/", "articles/2025/two-edits/"),
    ]


@pytest.mark.browser
def test_a_word_found_as_typed_brings_no_near_spelling(compact_page, compact_site):
    """The two spellings are one edit apart: "Bageri" and "Baqeri" each find their own pages only, as they
    always did; "Bagerri", found as neither, finds both, the nearer first."""
    docs = [
        {"location": "articles/2025/a/", "title": "Bageri"},
        {"location": "articles/2025/b/", "title": "Talks", "text": "<p>Baqeri and Bageri.</p>"},
        {"location": "articles/2025/c/", "title": "Baqeri"},
    ]
    _worker(compact_page, compact_site, docs)
    assert _found(compact_page, "bageri") == ["articles/2025/a/", "articles/2025/b/"]
    assert _found(compact_page, "baqeri") == ["articles/2025/c/", "articles/2025/b/"]
    assert _found(compact_page, "baqeri bageri") == ["articles/2025/b/", "articles/2025/c/", "articles/2025/a/"]
    assert _found(compact_page, "bagerri") == ["articles/2025/a/", "articles/2025/b/", "articles/2025/c/"]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "near"),
    [
        ("Putn", "Pitin"),  # four letters get no near spelling: "Iran" is one edit from "Iraq"
        ("50.001", "Patrushef"),  # numbers neither: "50.000" is another figure
        ('"Bagheri"', "Bagheri"),  # a word in quotation marks is taken as written
    ],
)
def test_short_words_numbers_and_quoted_words_get_no_near_spelling(compact_page, query, near):
    """Each finds nothing, where a near spelling beside it finds its article."""
    assert _settled_results(compact_page, query) == []
    compact_page.locator("input.md-search__input").fill("")
    assert _settled_results(compact_page, near) != []


def test_an_estimated_date_reads_about_in_the_search_text_as_on_the_page(compact_site, seeds_site):
    """A result's line of places and sources shows the date as the page does; the worker still reads it."""
    article = "articles/2025/iran-dan-pakistan-desak-perang-melawan-terorisme-untuk-tingkatkan-keamanan/"
    for site, location in ((compact_site, article), (seeds_site, article + "#about-this-report--panel")):
        text = next(doc["text"] for doc in index(site) if doc["location"] == location)
        assert "<p>about 21 January 2025 · Islamabad · " in text, site
