"""The home page: what the digest is, its size and span, and the latest articles."""

from __future__ import annotations

from generator.collection import COUNTRIES_INDEX, HOME_PAGE, TIMELINE_PAGE, TOPICS_INDEX, Collection
from generator.feeds import ALL_FEED
from generator.markdown import article_date, unsearched
from generator.pages.frontmatter import front_matter
from generator.pages.listing import article_list

LATEST_COUNT = 10
OPEN_DATA_PAGE = "data.md"  # hand-written: explains the fields and the licence of the open data
DEFAULT_INTRO = (
    "An annotated digest of news reports on security cooperation, conflict and diplomacy. Each report is kept"
    " in its original language with an English summary, context notes and links to related coverage."
)


# What the search box finds, in either of the forms search takes (generator/mkdocs_hooks.py, docs/performance.md).
SEARCH_FINDS = "Search finds any word of an article, in Indonesian or English, and English country and topic names"
# Search ranks the home page below the articles, as the hand-written About, Contributing and Open data
# pages (their front matter): its words are the digest's introduction and how to search, and a reader
# searching a name or a place wants the articles. Search multiplies a page's score by its boost (an
# article's is 4). Its examples are left out of search: "+putin" made it a result for "Putin".
HOME_SEARCH = {"boost": 0.1}


def render_home(collection: Collection, intro: str | None) -> str:
    span = collection.date_range
    # The span's dates left out of search: the home page was a result for the first and the last day.
    covered = "no dated articles yet"
    if span:
        covered = unsearched(f"from {article_date(*span[0])} to {article_date(*span[1])}")
    stats = (
        f"**{len(collection.articles)}** articles · **{len(collection.by_country)}** countries · "
        f"**{len(collection.by_topic)}** topics · {covered}"
    )
    return "\n".join(
        [
            front_matter("Home", DEFAULT_INTRO, {"feed": ALL_FEED, "search": HOME_SEARCH}),
            "# Annotated news digest\n",
            (intro or DEFAULT_INTRO).strip() + "\n",
            stats + "\n",
            f"Browse by [country]({COUNTRIES_INDEX}), by [topic]({TOPICS_INDEX}) or along the"
            f" [timeline]({TIMELINE_PAGE}). Follow new articles with the [Atom feed]({ALL_FEED}),"
            f" or [download the data]({OPEN_DATA_PAGE}) (JSON and CSV).\n",
            SEARCH_FINDS
            + "; narrow a search to a country or topic by adding it as a tag"
            + unsearched(", e.g. `+tags:syria`")
            + ", and put a `+` before each word that must be found too"
            + unsearched(": `+tags:russia +putin`")
            + ".\n",
            "## Latest articles\n",
            article_list(collection.articles[:LATEST_COUNT], HOME_PAGE),
        ]
    )
