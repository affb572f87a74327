"""In a real browser: the built seeds site served on 127.0.0.1, read as a reader would.

Headless Debian Chromium driven by Playwright for Python (`playwright install` is never needed).
Screenshots go to `test-artifacts/screenshots/` (or $DIGEST_SCREENSHOTS) for a person to look at.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS, watch_for_trouble
from tests.sitebuild import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(os.environ.get("DIGEST_SCREENSHOTS", ROOT / "test-artifacts" / "screenshots"))
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

ARTICLE_001 = "articles/2017/iran-dan-rusia-tingkatkan-koordinasi-untuk-cegah-intervensi-as-di-suriah/"
ARTICLE_003 = "articles/2021/csto-dan-rusia-akan-kerahkan-pasukan-di-sepanjang-perbatasan-tajikistan-dan/"
ARTICLE_004 = "articles/2024/iran-adakan-latihan-militer-gabungan-bersama-azerbaijan/"
ARTICLE_002 = "articles/2024/presiden-iran-dan-rusia-bahas-kerja-sama-membantu-suriah-memerangi-terorisme/"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serving(folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[int]:
    """`folder` served on 127.0.0.1 by `handler` in a thread, for as long as the block runs: its port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(seeds_site):
    with serving(seeds_site) as port:
        yield f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def requests_seen():
    return []


@pytest.fixture
def page(browser, requests_seen):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.on("request", lambda request: requests_seen.append(request.url))
    yield page
    context.close()


def _off_host(urls: list[str], base_url: str) -> list[str]:
    host = urlsplit(base_url).netloc
    return [
        url for url in urls if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != host
    ]


def _first_result(page, query: str) -> str:
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=20)
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    first.wait_for(state="visible", timeout=10_000)
    return urlsplit(first.get_attribute("href")).path


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Patrushev", ARTICLE_001),
        ("gencatan senjata", ARTICLE_001),
        ("Taliban", ARTICLE_003),
        ("Azerbaijan", ARTICLE_004),
        ("Tajikistan", ARTICLE_003),  # an English country name, not in the Indonesian text's title
        ("+tags:azerbaijan iran", ARTICLE_004),  # narrowed to a country's tag
    ],
)
def test_search_shows_the_right_article_first(page, base_url, query, expected):
    page.goto(base_url)
    assert _first_result(page, query).endswith(expected), query


def test_a_search_and_the_opened_result_make_no_failed_request_and_log_no_error(page, base_url):
    trouble = watch_for_trouble(page)
    page.goto(base_url)
    assert _first_result(page, "Patrushev") == urlsplit(base_url).path + ARTICLE_001
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_url(f"**/{ARTICLE_001}*")
    page.wait_for_load_state("networkidle")
    assert trouble.failed == []
    assert trouble.errors == []


def test_a_search_narrowed_to_a_tag_lists_only_its_articles(page, base_url):
    page.goto(base_url)
    _first_result(page, "+tags:tajikistan")
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    assert [urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")] == [
        "/" + ARTICLE_003
    ]


def test_a_word_with_a_plus_must_be_found_in_the_articles_of_a_tag(page, base_url):
    """`+tags:russia putin` lists every article about Russia (the word is optional); with `+putin` only
    those that name him, as the home page says."""
    page.goto(base_url)
    _first_result(page, "+tags:russia +putin")
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    found = sorted({urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")})
    assert found == sorted(["/" + ARTICLE_003, "/" + ARTICLE_002])
    assert "+tags:russia +putin" in page.locator("article.md-content__inner").inner_text()  # the home page's example


def _settled_results(page, query: str) -> list[str]:
    """The pages the result list shows for `query`, best first, once it no longer changes (Material
    answers every key typed), scrolled to the end (Material shows ten, and more as the list scrolls)."""
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=20)
    page.locator(".md-search-result__meta", has_text="matching").wait_for(timeout=10_000)
    read = "() => [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')].map(a => a.href)"
    shown, same = None, 0
    while same < 3:
        page.wait_for_timeout(150)
        page.locator(".md-search__scrollwrap").evaluate("wrap => wrap.scrollTop = wrap.scrollHeight")
        now = page.evaluate(read)
        same, shown = (same + 1 if now == shown else 0), now
    return list(dict.fromkeys(urlsplit(href).path for href in shown))


# The project's own pages: found by what they are about, not by the names their examples give.
PROJECT_PAGES = {"/", "/about/", "/contributing/", "/data/"}


@pytest.mark.parametrize("query", ["Putin", "Central Asia", "Anadolu", "gencatan senjata"])
def test_a_name_or_a_place_finds_the_articles_not_the_projects_pages(page, base_url, query):
    """The home page, About and Open data named them in examples ("+tags:russia +putin", "for example
    Anadolu") or in what the digest covers: "Central Asia" listed Home and About above its article."""
    page.goto(base_url)
    found = _settled_results(page, query)
    assert found and found[0].startswith("/articles/") and not PROJECT_PAGES & set(found), found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("performance", "/about/"),
        ("contributing", "/contributing/"),
        ("annotation", "/contributing/"),
        ("open data", "/data/"),
    ],
)
def test_the_projects_pages_are_found_by_what_they_are_about(page, base_url, query, expected):
    page.goto(base_url)
    assert _settled_results(page, query)[0] == expected


def test_the_projects_pages_come_after_the_articles_for_the_words_they_share(page, base_url):
    """Home and About, which say what the digest covers, ranked above two of its five articles."""
    page.goto(base_url)
    found = _settled_results(page, "security cooperation")
    articles = [at for at, path in enumerate(found) if path.startswith("/articles/")]
    assert articles and all(at > articles[-1] for at, path in enumerate(found) if path in PROJECT_PAGES), found


# The overviews whose tables and figures gave dates: each country's and topic's latest, the digest's span.
OVERVIEWS = {"/", "/countries/", "/topics/"}


@pytest.mark.parametrize(("query", "article"), [("24 November 2024", ARTICLE_004), ("2024", ARTICLE_004)])
def test_a_date_or_a_year_finds_its_articles_not_the_overviews(page, base_url, query, article):
    """Countries and Topics were results for "24 November 2024" above the other article of 2024 (their
    tables' "Latest" dates), and for "2024"; the home page for its first and last days. (The timeline,
    whose headings are its months and years, is found too: it lists the articles of the month.)"""
    page.goto(base_url)
    found = _settled_results(page, query)
    assert "/" + article in found and not OVERVIEWS & set(found), found


def test_an_articles_tags_show_on_its_search_result_not_above_its_title(page, base_url):
    page.goto(base_url + ARTICLE_004)
    # The box under the title links the countries and topics; pills above it repeated them, unlinked.
    assert page.locator("article nav.md-tags").count() == 1
    assert not page.locator("article nav.md-tags").is_visible()
    assert page.locator(".admonition a", has_text="Azerbaijan").first.is_visible()
    _first_result(page, "latihan Aras")
    result = page.locator(".md-search-result__item").first
    tags = result.locator(".md-tag").all_inner_texts()
    assert tags[:2] == ["Azerbaijan", "Iran"] and "Military exercises" in tags  # main countries first
    # Once, under the title: Material repeats them under each section found in the page.
    shown = [row for row in result.locator(".md-tags").all() if row.is_visible()]
    assert result.locator(".md-tags").count() > 1 and len(shown) == 1


@pytest.mark.parametrize(
    ("path", "chart"),
    [
        ("countries/iran/", "#country-chart-t"),
        ("topics/diplomacy/", "#topic-chart-t"),
        ("timeline/", "#timeline-chart-t"),
    ],
)
def test_index_pages_render_their_lists_and_charts(page, base_url, path, chart):
    page.goto(base_url + path)
    svg = page.locator("figure.digest-chart svg[role=img]")
    assert svg.count() == 1
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 50
    assert page.locator(chart).count() == 1
    # The bars are drawn, in a colour that is not the page background.
    bar = page.locator("figure.digest-chart path.digest-bar")
    assert len(bar.get_attribute("d")) > 10
    fill = bar.evaluate("element => getComputedStyle(element).fill")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert fill not in ("none", background)
    links = page.locator("article a[href*='articles/']")
    assert links.count() >= 1


def test_countries_index_shows_the_ranked_chart(page, base_url):
    page.goto(base_url + "countries/")
    labels = page.locator("figure.digest-chart svg text").all_text_contents()
    assert labels[0] == "Iran"  # the most covered country comes first


def test_related_coverage_links_go_where_they_say(page, base_url):
    page.goto(base_url + ARTICLE_004)
    related = page.locator("h2#related-coverage + ul li a").first
    title = related.inner_text()
    related.click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text().removesuffix("¶").strip() == title


def test_an_annotated_note_opens_at_its_phrase(page, base_url):
    page.goto(base_url + ARTICLE_004)
    mark = page.locator("mark", has_text="menyerang kedutaan Azerbaijan di Teheran")
    assert mark.count() == 1
    page.locator("mark + sup a.footnote-ref").first.hover()
    tooltip = page.locator(".md-tooltip2", has_text="gunman attacked Azerbaijan's embassy")
    tooltip.wait_for(state="visible", timeout=5_000)


def test_a_notes_phrase_does_not_look_like_a_word_search_found(page, base_url):
    """Both were yellow: after a search for "Teheran" the note's phrase read as one more hit."""
    page.goto(base_url + ARTICLE_004 + "?h=teheran")
    found = page.locator("mark[data-md-highlight]").first
    found.wait_for()
    note = page.locator("mark.digest-note", has_text="menyerang kedutaan Azerbaijan di Teheran")
    look = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderBottomStyle]"
    assert note.evaluate(look) != found.evaluate(look)
    assert note.evaluate(look)[1] == "dotted"


def test_an_article_title_has_no_empty_line_under_it_at_any_width(page, base_url):
    """Material's hidden "¶" after a heading wraps onto a line of its own when the title nearly fills
    its last line; on the title that line would be an empty gap above the original title. Widths in
    steps of 10 px, so some width makes any title, in any font, reach the end of its line."""
    page.goto(base_url + ARTICLE_004)
    gaps = {}
    for width in range(700, 1400, 10):
        page.set_viewport_size({"width": width, "height": 800})
        gaps[width] = page.evaluate(
            """() => {
                const title = document.querySelector("article h1");
                const text = document.createRange();
                text.selectNodeContents(title.firstChild);
                return title.getBoundingClientRect().bottom - text.getBoundingClientRect().bottom;
            }"""
        )
    assert {width: gap for width, gap in gaps.items() if gap > 12} == {}


def test_an_acronym_shows_its_expansion(page, base_url):
    page.goto(base_url + ARTICLE_003)
    abbr = page.locator("div[lang=id] abbr", has_text="CSTO").first
    assert abbr.get_attribute("title") == "Collective Security Treaty Organization"
    abbr.hover()
    page.locator(".md-tooltip2", has_text="Collective Security Treaty Organization").wait_for(state="visible")


def test_a_country_named_in_the_text_links_to_its_page(page, base_url):
    page.goto(base_url + ARTICLE_004)
    page.locator("div[lang=id] a", has_text="Azerbaijan").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/countries/azerbaijan/")


def test_a_flag_is_drawn_as_a_flag_with_the_sites_own_font(page, base_url, requests_seen):
    """A flag is two letters where the system has no pictures for them (Windows; this machine's
    Chromium too, which drew two empty boxes): the site serves a font of flags for them."""
    page.goto(base_url + "timeline/")
    item = page.locator(".md-typeset li", has_text="Pakistan").first
    assert item.evaluate("e => getComputedStyle(e).fontFamily").startswith('"Twemoji Country Flags"')
    drawn = page.evaluate(
        r"""async () => {
            const faces = await document.fonts.load('64px "Twemoji Country Flags"', '\u{1F1EE}\u{1F1F7}');
            const canvas = document.createElement("canvas");
            canvas.width = canvas.height = 80;
            const context = canvas.getContext("2d");
            context.font = '64px "Twemoji Country Flags"';
            context.textBaseline = "top";
            context.fillText("\u{1F1EE}\u{1F1F7}", 0, 0);  // Iran: a green, a white and a red band
            const pixels = context.getImageData(0, 0, 80, 80).data;
            let green = 0, red = 0;
            for (let i = 0; i < pixels.length; i += 4) {
                const [r, g, b, a] = pixels.slice(i, i + 4);
                if (a > 200 && g > 100 && g > 2 * r && g > 2 * b) green++;
                if (a > 200 && r > 150 && r > 2 * g && r > 2 * b) red++;
            }
            return {faces: faces.length, green, red};
        }"""
    )
    assert drawn["faces"] == 1 and drawn["green"] > 100 and drawn["red"] > 100, drawn
    fonts = [url for url in requests_seen if url.endswith(".woff2")]
    assert fonts == [base_url + "stylesheets/fonts/twemoji-country-flags.woff2"]


def _focus_in_drawer(page, presses: int) -> list[bool]:
    """After each of `presses` presses of Tab, whether the focus is inside the nav drawer."""
    inside = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        inside.append(page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"))
    return inside


@pytest.mark.parametrize("width", [390, 1000])
def test_the_closed_nav_drawer_takes_no_keyboard_focus(browser, base_url, width):
    """Below the wide layout the nav is an off-screen drawer: its links took the focus, unseen."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(base_url + "countries/iran/")
        assert not any(_focus_in_drawer(page, 25))
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_timeout(400)  # the drawer slides in
        assert any(_focus_in_drawer(page, 25))  # open, its links are reached
    finally:
        context.close()


def test_the_menu_button_opens_and_closes_the_nav_drawer_from_the_keyboard(browser, base_url):
    """At 390 px the navigation is reached through the menu button only, which took no keyboard focus:
    Timeline, Countries and Topics could not be reached from the keyboard but through links in pages."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(base_url + "about/")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('for') === '__drawer'"):
                break
        else:
            pytest.fail("Tab never reached the menu button")
        button = page.locator("label.md-header__button[for=__drawer]")
        assert button.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)  # the drawer slides in
        assert page.evaluate("document.getElementById('__drawer').checked")
        assert button.get_attribute("aria-expanded") == "true"
        assert any(_focus_in_drawer(page, 25))  # its links are reached
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
        assert page.evaluate("document.activeElement.getAttribute('for') === '__drawer'")
        page.keyboard.press(" ")
        assert page.evaluate("document.getElementById('__drawer').checked")
    finally:
        context.close()


def test_the_wide_layouts_nav_keeps_its_keyboard_focus(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + "about/")
    assert any(_focus_in_drawer(page, 25))


def test_feeds_are_discoverable_and_parse(page, base_url):
    page.goto(base_url + "countries/iran/")
    href = page.locator("link[rel=alternate][type='application/atom+xml']").get_attribute("href")
    assert href.endswith("feeds/countries/iran.atom.xml")
    for url in (href, base_url + "feeds/all.atom.xml"):
        body = page.evaluate("async url => { const r = await fetch(url); return [r.status, await r.text()]; }", url)
        assert body[0] == 200
        feed = ET.fromstring(body[1].encode("utf-8"))
        entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
        assert entries, url


def test_a_feed_link_on_a_page_opens_the_feed(page, base_url):
    # Material reads the sitemap beside each feed link of the head; clicks on feed links stay ours.
    page.goto(base_url + "countries/iran/", wait_until="networkidle")
    with page.expect_navigation() as navigation:
        page.locator("article a", has_text="Atom feed").first.click()
    response = navigation.value
    assert response.url == base_url + "feeds/countries/iran.atom.xml"
    assert response.status == 200
    assert ET.fromstring(response.body()).tag == "{http://www.w3.org/2005/Atom}feed"


def test_open_data_downloads_and_parses(page, base_url):
    page.goto(base_url)
    page.locator("a", has_text="download the data").click()
    page.wait_for_load_state()
    fetch = "async url => { const r = await fetch(url); return [r.status, await r.text()]; }"
    status, text = page.evaluate(fetch, page.locator("a[href$='articles.json']").first.evaluate("a => a.href"))
    assert status == 200 and len(json.loads(text)["articles"]) == 5
    status, text = page.evaluate(fetch, page.locator("a[href$='articles.csv']").first.evaluate("a => a.href"))
    assert status == 200 and len(list(csv.DictReader(io.StringIO(text)))) == 5


def test_the_404_page_renders_and_shows_the_way_on(page, base_url):
    response = page.goto(base_url + "404.html")
    assert response.status == 200
    assert "Page not found" in page.locator("article h1").inner_text()
    # Absolute links under the site's path (/news-digest/ here): a 404 page is served at any depth.
    links = page.locator("article a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert links == ["/news-digest/timeline/", "/news-digest/countries/", "/news-digest/topics/", "/news-digest/"]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_pages_load_from_127_0_0_1_only_without_a_failed_request_and_are_photographed(browser, base_url, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots in {SCREENSHOTS}")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    trouble = watch_for_trouble(page)
    try:
        for name, path in (
            ("home", ""),
            ("article", ARTICLE_004),
            ("timeline", "timeline/"),
            ("country", "countries/iran/"),
            ("countries", "countries/"),
        ):
            page.goto(base_url + path, wait_until="networkidle")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{viewport}.png"), full_page=True)
    finally:
        context.close()
    assert len(seen) > 10
    assert _off_host(seen, base_url) == []
    # Every request a page makes by itself succeeds (Material looks for a sitemap.xml beside each
    # <link rel="alternate">, the feeds': see generator/feeds.py), and nothing is logged as an error.
    assert trouble.failed == []
    assert trouble.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_are_readable_in_light_and_dark_mode(browser, base_url, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(base_url + "countries/", wait_until="networkidle")
        chart = page.locator("figure.digest-chart")
        chart.screenshot(path=str(SCREENSHOTS / f"countries-chart-{scheme}-phone.png"))
        colours = chart.locator("svg").evaluate(
            """svg => ({
                text: getComputedStyle(svg.querySelector('text')).fill,
                bar: getComputedStyle(svg.querySelector('.digest-bar')).fill,
                page: getComputedStyle(document.querySelector('.md-main')).color,
                background: getComputedStyle(document.body).backgroundColor,
                fontPx: svg.querySelector('text').getBoundingClientRect().height,
            })"""
        )
    finally:
        context.close()
    assert colours["text"] == colours["page"]  # labels follow the theme's text colour
    assert colours["bar"] not in (colours["background"], "none")
    assert colours["fontPx"] >= 11  # still legible on a phone (9 px before the chart was made narrower)


def test_a_monthly_chart_on_a_phone_opens_on_its_latest_months_with_its_scale_in_view(browser, base_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(base_url + "countries/iran/", wait_until="networkidle")
        seen = page.locator("figure.digest-chart .digest-chart-scroll").evaluate(
            """box => {
                const view = box.getBoundingClientRect();
                const inView = r => r.width > 0 && r.left >= view.left - 1 && r.right <= view.right + 1;
                const texts = [...box.querySelectorAll('text')];
                const scale = texts.filter(t => /^[0-9]{1,3}$/.test(t.textContent));
                const years = texts.filter(t => /^[0-9]{4}$/.test(t.textContent));
                return {
                    scrolls: box.scrollWidth > box.clientWidth,
                    scrolledBack: box.scrollWidth - box.clientWidth - Math.abs(box.scrollLeft),
                    scaleInView: scale.length > 0 && scale.every(t => inView(t.getBoundingClientRect())),
                    latestYearInView: inView(years[years.length - 1].getBoundingClientRect()),
                    firstYearInView: inView(years[0].getBoundingClientRect()),
                    labelPx: years[years.length - 1].getBoundingClientRect().height,
                };
            }"""
        )
    finally:
        context.close()
    # Iran's articles span 2017 to 2025: too wide for a phone, so the chart scrolls, opened at its
    # right end (the latest months) with the scale beside them; the first years are a scroll away.
    assert seen["scrolls"]
    assert seen["scaleInView"] and seen["latestYearInView"]
    assert not seen["firstYearInView"] and seen["scrolledBack"] > 0
    assert seen["labelPx"] >= 10


@pytest.mark.parametrize("path", ["countries/", "topics/", "data/"])
def test_index_and_data_tables_fit_a_phone_and_keep_names_whole(browser, base_url, path):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="networkidle")
        tables = page.locator("article table:not([class])").evaluate_all(
            """tables => tables.map(table => {
                const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
                const broken = [...table.querySelectorAll('td code')]
                    .filter(code => !/\\s/.test(code.textContent))
                    .filter(code => code.getClientRects().length > 1
                        || code.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(code).lineHeight))
                    .map(code => code.textContent);
                return {overflow: box.scrollWidth - box.clientWidth, broken};
            })"""
        )
    finally:
        context.close()
    assert tables
    assert [t["overflow"] for t in tables] == [0] * len(tables)  # no sideways scrolling
    assert [name for t in tables for name in t["broken"]] == []  # "original_source", not "original_s/ource"
