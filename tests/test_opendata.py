"""Open data: JSON valid against its schema, CSV with every field, deterministic bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import jsonschema

from generator.collection import build_collection
from generator.model import Note
from generator.opendata import CSV_FIELDS, CSV_FILE, JSON_FILE, SCHEMA_FILE, render_open_data
from generator.pipeline import collect
from generator.siteconfig import SiteConfig
from tests.conftest import SEEDS
from tests.factories import HOSTILE_ARTICLE, article
from tests.sitebuild import ROOT

CONFIG = SiteConfig(site_name="Digest", site_url="https://digest.example/")


def _render(*articles):
    return render_open_data(build_collection(list(articles)), CONFIG)


def _seeds_data():
    articles, _ = collect(SEEDS)
    return render_open_data(build_collection(articles), CONFIG)


def test_the_json_of_the_seeds_is_valid_against_the_schema():
    files = _seeds_data()
    schema = json.loads(files[SCHEMA_FILE])
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(files[JSON_FILE])
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert len(data["articles"]) == 5


def test_the_schema_rejects_a_missing_or_unknown_field():
    files = _render(article("a"))
    schema, data = json.loads(files[SCHEMA_FILE]), json.loads(files[JSON_FILE])
    validator = jsonschema.Draft202012Validator(schema)
    del data["articles"][0]["summary"]
    data["articles"][0]["summmary"] = "typo"
    messages = sorted(error.message for error in validator.iter_errors(data))
    assert messages == [
        "'summary' is a required property",
        "Additional properties are not allowed ('summmary' was unexpected)",
    ]


def test_json_holds_metadata_summary_notes_and_text():
    item = json.loads(_render(article("a", notes=(Note("Teks", "A note."),), people=("Putin",)))[JSON_FILE])[
        "articles"
    ][0]
    assert item["published"] == "2024-11-24"
    assert item["countries"] == ["IR"]
    assert item["people"] == ["Putin"]
    assert item["summary"] == "Summary of a."
    assert item["notes"] == [{"quote": "Teks", "note": "A note."}]
    assert item["text"] == "Teks artikel."
    assert item["page_url"] == "https://digest.example/articles/2024/a/"


def test_csv_has_every_metadata_field_lists_joined_and_unix_line_endings():
    data = _render(article("a", countries=("IR", "AZ"), topics=("diplomacy",)), article("b", None))[CSV_FILE]
    assert b"\r" not in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert tuple(rows[0]) == CSV_FIELDS
    assert rows[0]["countries"] == "IR; AZ"
    assert rows[1]["published"] == ""  # undated: empty cell, listed last


def test_csv_cells_cannot_start_a_spreadsheet_formula():
    rows = list(csv.DictReader(io.StringIO(_render(HOSTILE_ARTICLE)[CSV_FILE].decode("utf-8"))))
    assert rows[0]["summary"].startswith("<script>")
    formula = article("f", summary="=HYPERLINK(1)", title="+1", outlet="@x", dateline="-2")
    row = next(csv.DictReader(io.StringIO(_render(formula)[CSV_FILE].decode("utf-8"))))
    assert (row["summary"], row["title"], row["outlet"], row["dateline"]) == ("'=HYPERLINK(1)", "'+1", "'@x", "'-2")


def test_output_is_byte_identical_across_runs():
    articles = [article("a"), article("b", dt.date(2017, 7, 5)), article("c", None)]
    assert _render(*articles) == _render(*articles)
    assert _seeds_data() == _seeds_data()


def test_an_estimated_date_is_marked_true_in_the_json_and_the_csv():
    estimated = article("a", date_estimated=True, date_note="Estimated from the events reported.")
    files = _render(estimated, article("b", dt.date(2017, 7, 5)))
    items = json.loads(files[JSON_FILE])["articles"]
    assert [(item["id"], item["date_estimated"]) for item in items] == [("a", True), ("b", False)]
    rows = list(csv.DictReader(io.StringIO(files[CSV_FILE].decode("utf-8"))))
    assert [row["date_estimated"] for row in rows] == ["true", "false"]  # as JSON writes them
    fields = json.loads(files[SCHEMA_FILE])["properties"]["articles"]["items"]["properties"]
    assert fields["date_estimated"]["type"] == "boolean"


DATA_PAGE = ROOT / "docs" / "data.md"


def test_the_open_data_page_documents_every_field_in_order():
    """`docs/data.md`'s table of fields is written by hand: it must name the fields the files have."""
    documented = re.findall(r"^\| `(\w+)` \|", DATA_PAGE.read_text(encoding="utf-8"), re.M)
    assert documented == [*CSV_FIELDS, "notes", "text"]


def test_the_open_data_page_names_the_format_version_the_files_have():
    content = json.loads(render_open_data(build_collection(collect(SEEDS)[0]), SiteConfig())[JSON_FILE])
    stated = re.findall(r'`"format_version": (\d+)`', DATA_PAGE.read_text(encoding="utf-8"))
    assert stated == [str(content["format_version"])]
