"""Render phase: the whole collection → every generated file's bytes, in memory (pure), or put into a
staging folder as each is made (`staging`: a build that writes keeps only a record of each)."""

from __future__ import annotations

from operator import attrgetter

from generator.collection import (
    COUNTRIES_INDEX,
    TIMELINE_PAGE,
    TOPICS_INDEX,
    build_collection,
    country_page,
    topic_page,
)
from generator.country_names import country_name
from generator.feeds import render_feeds
from generator.model import Article
from generator.opendata import encoded, lines_wanted, read_ahead, render_open_data
from generator.pagecache import Generated, PageCache, listing_fingerprint, page_fingerprint
from generator.pages.archive import render_year_page, year_groups
from generator.pages.article import render_article
from generator.pages.home import render_home
from generator.pages.indexes import (
    render_countries_index,
    render_country,
    render_topic,
    render_topics_index,
)
from generator.pages.timeline import render_timeline
from generator.parallel import fork_map
from generator.related import explain, related_ranking
from generator.siteconfig import SiteConfig
from generator.staging import IN_MEMORY, Stage
from generator.vocabulary import topic_label

_DIGEST = attrgetter("digest")


def render_site(
    articles: list[Article],
    home_intro: str | None = None,
    config: SiteConfig | None = None,
    *,
    reuse: PageCache | None = None,
    stage: Stage = IN_MEMORY,
) -> dict[str, Generated]:
    """Every generated file (pages, feeds, open data), keyed by its path relative to `docs/`.

    `config` gives the public site URL that feeds and the open data link to (from mkdocs.yml).
    `reuse` supplies the files of the previous build whose inputs are unchanged: their bytes, or
    `Kept` for a file left in `docs/` as it was (see `pagecache`).
    `stage` takes the article pages, the lists and the open data as they are made: with a
    `staging.StagingFolder`, they are written there (the article pages by the worker processes that
    render them) and only their `Staged` records are kept.
    """
    config = config or SiteConfig()
    reuse = reuse or PageCache(None)
    collection = build_collection(articles)
    ranking = related_ranking(collection, reuse=reuse)

    def listed(articles: tuple[Article, ...]) -> list[bytes]:
        # In C (map, attrgetter): the lists hold 120,000 articles in all at 10,000 (20 ms as a comprehension).
        return list(map(_DIGEST, articles))

    in_order = collection.articles
    in_order_digests = listed(in_order)

    # Pages built from a list of articles are reused when the list and what it shows are unchanged
    # (fingerprinted from exactly the articles passed, and the parameters beside them). The home page
    # and the two overviews read counts and dates of the whole collection and cost a few ms: always rendered.
    pages: dict[str, str | Generated] = {
        "index.md": render_home(collection, home_intro),
        TIMELINE_PAGE: reuse.page(
            TIMELINE_PAGE,
            listing_fingerprint(("timeline",), in_order_digests),
            lambda: stage.put(TIMELINE_PAGE, render_timeline(collection).encode("utf-8")),
        ),
        COUNTRIES_INDEX: render_countries_index(collection),
        TOPICS_INDEX: render_topics_index(collection),
    }
    # Article pages: those whose inputs changed are rendered, in worker processes when there are many
    # (a cold build at 10,000 articles spends a third of its time here).
    to_render = []
    for index, article in enumerate(in_order):
        near = map(in_order_digests.__getitem__, ranking[index])
        found = reuse.reusable(article.page_path, page_fingerprint(in_order_digests[index], near))
        if found is None:
            to_render.append(index)
        else:
            pages[article.page_path] = found

    # The open data lines of new or changed articles are made with their pages: in the workers too.
    wanted = lines_wanted(reuse, config, in_order_digests)

    def render_one(index: int) -> tuple[Generated, tuple[bytes, bytes] | None]:
        article = in_order[index]
        related = tuple(explain(article, in_order[other]) for other in ranking[index])
        page = stage.put(article.page_path, render_article(article, related).encode())
        return page, encoded(article, config) if wanted[index] else None

    made = {}
    for index, (content, data) in zip(to_render, fork_map(render_one, to_render, "rendering"), strict=True):
        pages[in_order[index].page_path] = content
        if data is not None:
            made[index] = data
    # The previous open data is read back in a thread while the index pages are made (after forking).
    read_ahead(reuse, config, in_order_digests)

    def add_year_pages(articles: tuple[Article, ...], listed: list[bytes], base_page: str, title: str) -> None:
        """The year pages of `articles`, whose digests are `listed` (a year's are a slice of them)."""
        start = 0
        for page, year, in_year in year_groups(articles, base_page):
            end = start + len(in_year)
            pages[page] = reuse.page(
                page,
                listing_fingerprint(("year", page, year, base_page, title), listed[start:end]),
                lambda p=page, y=year, a=in_year: stage.put(p, render_year_page(a, y, base_page, title).encode()),
            )
            start = end

    def add_listing(page: str, kind: str, key: str, in_listing: tuple[Article, ...], render, title: str) -> None:
        """A country's or topic's page (`render(collection, key)`) and its year pages."""
        in_listing_digests = listed(in_listing)
        pages[page] = reuse.page(
            page,
            listing_fingerprint((kind, key), in_listing_digests),
            lambda: stage.put(page, render(collection, key).encode("utf-8")),
        )
        add_year_pages(in_listing, in_listing_digests, page, title)

    add_year_pages(in_order, in_order_digests, TIMELINE_PAGE, "Timeline")
    for code, in_country in collection.by_country.items():
        add_listing(country_page(code), "country", code, in_country, render_country, country_name(code))
    for slug, in_topic in collection.by_topic.items():
        add_listing(topic_page(slug), "topic", slug, in_topic, render_topic, topic_label(slug))
    files = {path: text.encode("utf-8") if isinstance(text, str) else text for path, text in pages.items()}
    files.update(render_feeds(collection, config, reuse))
    files.update(render_open_data(collection, config, reuse, in_order_digests, made, stage))
    return files
