"""Read metadata and the cleaned body out of one raw article text (pure; data files load once).

Cleaning comes first and everything else reads only the cleaned article, so page furniture
(teasers about Gaza, tag lists) never yields countries, topics or organisations.
"""

from __future__ import annotations

from generator import countries, entities
from generator.clean import clean
from generator.dates import published_date
from generator.lead import is_agency, is_known_outlet, parse_dateline, same_outlet
from generator.model import Extracted
from generator.sources import original_source
from generator.tagging import tag


def extract(text: str) -> Extracted:
    cleaned = clean(text)
    paragraphs = list(cleaned.paragraphs)
    lead = paragraphs[0] if paragraphs else ""
    dateline = parse_dateline(lead)
    # Read the lead without its dateline: `Jakarta, CNN Indonesia --` names a city and an outlet, not a country.
    lead_text = lead[dateline.end :] if dateline else lead
    article = [lead_text, *paragraphs[1:]] if paragraphs else []
    named = [cleaned.title or "", *article]
    mentions = countries.scan(named if article else [*named, ""])  # [headline, lead, *paragraphs]
    agency = dateline.outlet if dateline else None
    site = _site(cleaned.header, cleaned.title)
    # A report one site republished from a news agency: its dateline names the agency it came from
    # (`Teheran (ANTARA) –` under "Kabar Harapan"), the page's top line the site that published it. Only
    # an agency's: two spellings of one site (`Jawa Pos`, `JawaPos.com`) are no republication.
    republished = site is not None and agency is not None and is_agency(agency) and not same_outlet(site, agency)
    outlet = site if republished else agency
    credited = original_source(cleaned.metadata.get("original_source"), article, outlet)
    return Extracted(
        title=cleaned.title,
        published=published_date(cleaned.header, lead[: dateline.end] if dateline else "", article),
        dateline=dateline.city if dateline else None,
        outlet=outlet,
        original_source=credited or (agency if republished else None),
        editor=cleaned.metadata.get("editor"),
        countries=tuple(sorted({code for codes in mentions for code in codes})),
        main_countries=countries.rank_main(mentions),
        # Not from the headline: in Title Case every word looks like a name (`Presiden Iran Masoud
        # Pezeshkian Kunjungi Rusia` gave `Masoud Pezeshkian Kunjungi`), and the lead names them anyway.
        people=entities.people(article),
        organisations=entities.organisations(named),
        topics=tag(cleaned.title, article),
        body="\n\n".join(paragraphs),
        removed=cleaned.removed,
    )


def _site(header: tuple[str, ...], title: str | None) -> str | None:
    """The site's own name, when the page's first line is a known outlet's ("Kabar Harapan")."""
    return header[0] if header and header[0] != title and is_known_outlet(header[0]) else None
