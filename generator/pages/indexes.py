"""Country and topic index pages: one overview each, and one page per country and per topic."""

from __future__ import annotations

from generator.charts import figure, monthly_figure, ranked_chart
from generator.collection import (
    COUNTRIES_INDEX,
    TOPICS_INDEX,
    Collection,
    co_occurring,
    country_page,
    first_date,
    topic_page,
)
from generator.countries import names_of
from generator.country_names import country_name, flag, flagged
from generator.feeds import country_feed, topic_feed
from generator.htmltext import link as html_link
from generator.htmltext import text
from generator.markdown import article_date, link, md_text, plural, relative, unsearched
from generator.pages import archive
from generator.pages.archive import is_split, older_by_year
from generator.pages.frontmatter import front_matter
from generator.pages.listing import article_list
from generator.vocabulary import topics

CHART_COUNTRIES = 20


def _topic_label(slug: str) -> str:
    entry = topics().get(slug)
    return entry.label if entry else slug


def _listing(articles, page: str) -> list[str]:
    """Every article, or the latest `archive.LIST_LIMIT` and links to a page per year when there are more."""
    if not is_split(articles):
        return [article_list(articles, page)]
    return [
        f"The latest {archive.LIST_LIMIT} articles. {older_by_year(articles, page)}",
        article_list(articles[: archive.LIST_LIMIT], page),
    ]


def _latest_unsearched(articles) -> str:
    """ "; latest <date>", left out of search: a page's sentence "4 articles mention Iran; latest 21 January
    2025" made 11 index pages results for "21 January 2025", ahead of the article of that day. The
    semicolon goes with it: search showed "4 articles mention Iran; ." otherwise."""
    return unsearched(f"; latest {_latest(articles)}")


def _other_names(code: str, name: str) -> str:
    """What else counts as naming the country in a text (`countries.names_of`): a reader sees why an
    article is listed, and search finds the page by those names ("Palestine", "Rusia")."""
    names = [md_text(other) for other in names_of(code)]
    if not names:
        return ""
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f"The texts also name {md_text(name)} as {listed}.\n"


def _latest_cell(articles) -> str:
    """The "Latest" cell of an overview's table, left out of search: a country's or topic's latest date
    made the Countries and Topics pages results for "24 November 2024", above an article of that day
    ("Latest", the column's heading, stays)."""
    return unsearched(_latest(articles))


def _counted(page: str, items: list[tuple[str, str, str | None, int]]) -> str:
    """A paragraph of linked names (with a country's flag) and how many articles each shares with the
    page: (name, its page, country code or None, count). Raw HTML, left out of search: it repeats names
    whose own pages search finds by title, and made "United States" 17 results on the five seeds."""
    entries = []
    for name, target, code, count in items:
        linked = html_link(text(name), page, target)
        entries.append(f"{flagged(code, linked) if code else linked} ({count})")
    return "<p data-search-exclude>" + ", ".join(entries) + "</p>\n"


def _latest(articles) -> str:
    """The date of the newest of `articles`, a list of the collection (newest first, undated last): its
    first dated article's (the maximum of every date took 20 ms of a warm build at 10,000 articles),
    "about" that date when it is estimated."""
    latest = first_date(articles)
    return article_date(*latest) if latest else "—"


def render_countries_index(collection: Collection) -> str:
    rows = sorted(collection.by_country.items(), key=lambda item: (-len(item[1]), country_name(item[0])))
    # Three columns, the flag beside the name: a column of its own for the flag made the table scroll
    # sideways on a phone.
    table = ["| Country | Articles | Latest |", "|---|---:|---|"]
    for code, articles in rows:
        table.append(
            f"| {flagged(code, link(country_name(code), COUNTRIES_INDEX, country_page(code)))}"
            f" | {len(articles)} | {_latest_cell(articles)} |"
        )
    intro = (
        f"The digest covers {len(rows)} countries. Each country's page lists its articles, newest first, "
        "with the topics and the other countries it appears with."
    )
    return (
        front_matter("Countries", "Every country covered by the digest, with its articles.", {})
        + "# Countries\n\n"
        + intro
        + "\n\n"
        + _coverage_chart(rows)
        + "\n"
        + "\n".join(table)
        + "\n"
    )


def _coverage_chart(rows) -> str:
    """The most covered countries as ranked bars; the table below holds every country."""
    items = [(country_name(code), len(articles)) for code, articles in rows[:CHART_COUNTRIES]]
    shown = f"the {len(items)} most covered countries" if len(rows) > len(items) else "every country"
    caption = f"Articles per country: {shown}, by number of articles (the table below lists all of them)."
    svg = ranked_chart(items, "countries-chart", "per country")
    return figure(svg, caption, [(name, str(n)) for name, n in items], ("Country", "Articles"))


def _mention(count: int) -> str:
    """`1 article mentions`, `3 articles mention`."""
    return f"{plural(count, 'article')} {'mentions' if count == 1 else 'mention'}"


def render_country(collection: Collection, code: str) -> str:
    page = country_page(code)
    articles = collection.by_country[code]
    name = country_name(code)
    parts = [
        front_matter(name, f"News reports about {name} in the digest.", {"country": code, "feed": country_feed(code)}),
        f"# {flag(code)} {md_text(name)}\n",
        f"{_mention(len(articles))} {md_text(name)}{_latest_unsearched(articles)}."
        f" Follow the coverage with the [Atom feed]({relative(page, country_feed(code))}).\n",
        _other_names(code, name),
        monthly_figure(articles, "country-chart", f"about {name}"),
        "## Articles\n",
        *_listing(articles, page),
    ]
    topic_counts = co_occurring(articles, "topics", label=_topic_label)
    if topic_counts:
        parts.append("## Topics\n")
        parts.append(_counted(page, [(_topic_label(t), topic_page(t), None, n) for t, n in topic_counts]))
    others = co_occurring(articles, "countries", exclude=code, label=country_name)
    if others:
        parts.append("## Appears with\n")
        parts.append(_counted(page, [(country_name(c), country_page(c), c, n) for c, n in others]))
    return "\n".join(parts)


def render_topics_index(collection: Collection) -> str:
    # A topic's description under its name, not in a column of its own: four columns made the table
    # scroll sideways on a phone, with the descriptions cut off at the screen's edge. Most covered
    # first, as the countries (the vocabulary file's order meant nothing to a reader).
    vocabulary = topics()
    listed = sorted(
        (slug for slug in vocabulary if collection.by_topic.get(slug)),
        key=lambda slug: (-len(collection.by_topic[slug]), vocabulary[slug].label, slug),
    )
    table = ["| Topic | Articles | Latest |", "|---|---:|---|"]
    for slug in listed:
        entry, articles = vocabulary[slug], collection.by_topic[slug]
        table.append(
            # The space after the break: search reads the cell's text without the tag, and showed
            # "Counter-terrorismOperations" (the label and the description as one word) without it.
            f"| {link(entry.label, TOPICS_INDEX, topic_page(slug))}<br> {md_text(entry.description)}"
            f" | {len(articles)} | {_latest_cell(articles)} |"
        )
    return (
        front_matter("Topics", "The topics of the digest, from its topic vocabulary.", {})
        + "# Topics\n\n"
        + f"The digest's articles fall under {len(listed)} topics, most covered first. Each topic's page lists its"
        " articles, newest first. Topics come from a fixed vocabulary, which contributors extend by pull request.\n\n"
        + "\n".join(table)
        + "\n"
    )


def render_topic(collection: Collection, slug: str) -> str:
    page = topic_page(slug)
    articles = collection.by_topic[slug]
    entry = topics().get(slug)
    label = entry.label if entry else slug
    parts = [
        front_matter(label, entry.description if entry else None, {"topic": slug, "feed": topic_feed(slug)}),
        f"# {md_text(label)}\n",
    ]
    if entry:
        parts.append(md_text(entry.description) + "\n")
    parts += [
        f"{plural(len(articles), 'article')}{_latest_unsearched(articles)}."
        f" Follow the coverage with the [Atom feed]({relative(page, topic_feed(slug))}).\n",
        monthly_figure(articles, "topic-chart", f"on {label}"),
        "## Articles\n",
        *_listing(articles, page),
    ]
    countries = co_occurring(articles, "countries", label=country_name)
    if countries:
        parts.append("## Countries\n")
        parts.append(_counted(page, [(country_name(c), country_page(c), c, n) for c, n in countries]))
    others = co_occurring(articles, "topics", exclude=slug, label=_topic_label)
    if others:
        parts.append("## Appears with\n")
        parts.append(_counted(page, [(_topic_label(t), topic_page(t), None, n) for t, n in others]))
    return "\n".join(parts)
