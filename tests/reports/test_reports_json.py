"""The JSON rendering: validated by the shipped schema, round-trips, survives non-UTF-8 paths."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from cto.findings import Evidence, Exemption, Finding, NotAssessed
from cto.reports import model
from cto.reports.json_report import render_json, report_from_dict, report_to_dict, schema
from cto.reports.model import Report, Table


def validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema())


def test_schema_is_draft_2020_12() -> None:
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema())


def test_json_validates_against_schema(report: Report) -> None:
    validator().validate(json.loads(render_json(report)))


def test_json_round_trips_through_the_dict(report: Report) -> None:
    assert report_from_dict(report_to_dict(report)) == report


def test_json_text_round_trips(report: Report) -> None:
    text = render_json(report)
    assert report_from_dict(json.loads(text)) == _displayable_report(report)


def test_enums_are_plain_strings(report: Report) -> None:
    data = json.loads(render_json(report))
    assert data["summary"]["rating"] == "red"
    assert data["summary"]["top_risks"][0]["severity"] == "critical"
    assert data["summary"]["top_risks"][0]["effort"] == "months"
    assert data["repositories"][1]["areas"][1]["rating"] == "not_assessed"


def test_summary_comes_before_repositories(report: Report) -> None:
    text = render_json(report)
    assert list(json.loads(text)) == [
        "schema_version", "tool_version", "generated_at", "as_of", "summary", "repositories",
    ]  # fmt: skip
    assert text.index('"summary"') < text.index('"areas"')


def test_lone_surrogates_become_escapes(report: Report) -> None:
    text = render_json(report)
    text.encode("utf-8")  # would raise on a lone surrogate
    assert "docs/caf\\\\xe9.txt" in text  # a backslash, escaped once more by JSON
    assert (
        json.loads(text)["repositories"][0]["areas"][2]["tables"][0]["rows"][0][1]
        == "docs/caf\\xe9.txt"
    )
    assert "\\udce9" not in text


def test_non_ascii_is_kept_readable(report: Report) -> None:
    data = report_to_dict(report)
    data["summary"]["headline"] = "Amber: l'équipe dépend de Zoë."
    text = json.dumps(data, ensure_ascii=False)
    assert "Zoë" in text
    assert "—" in render_json(report)  # the headline dash is not \u-escaped


def test_render_is_deterministic(report: Report) -> None:
    assert render_json(report) == render_json(copy.deepcopy(report))


@pytest.mark.parametrize(
    ("where", "bad"),
    [
        (("summary", "top_risks", 0, "severity"), "urgent"),
        (("summary", "rating"), "purple"),
        (("summary", "top_risks", 0, "effort"), "years"),
        (("repositories", 0, "areas", 0, "charts", 0, "kind"), "pie"),
        (("repositories", 0, "commits"), -1),
    ],
)
def test_schema_rejects_bad_values(report: Report, where: tuple[Any, ...], bad: object) -> None:
    data = report_to_dict(report)
    target: Any = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(data)


def test_schema_rejects_unknown_and_missing_fields(report: Report) -> None:
    data = report_to_dict(report)
    data["summary"]["mood"] = "fine"
    assert not validator().is_valid(data)
    data = report_to_dict(report)
    del data["repositories"][0]["areas"][0]["findings"][0]["impact"]
    assert not validator().is_valid(data)


@pytest.mark.parametrize(
    ("definition", "cls"),
    [
        ("finding", Finding), ("evidence", Evidence), ("not_assessed", NotAssessed),
        ("exemption", Exemption),
        ("metric", model.Metric), ("chart", model.Chart), ("table", model.Table),
        ("area", model.Area), ("repository", model.RepositorySection), ("summary", model.Summary),
    ],
)  # fmt: skip
def test_schema_and_model_agree(definition: str, cls: type) -> None:
    spec = schema()["$defs"][definition]
    names = [f.name for f in dataclasses.fields(cls)]
    assert list(spec["properties"]) == names
    added_later = ADDED_LATER.get(definition, set())  # always written, not required of old reports
    assert sorted(spec["required"]) == sorted(set(names) - added_later)
    assert spec["additionalProperties"] is False


#: Fields added to schema version 1 after reports were stored with it.
ADDED_LATER = {"repository": {"anchor"}}


def test_a_report_saved_before_the_anchor_existed_still_validates_and_reads(report: Report) -> None:
    data = report_to_dict(report)
    for section in data["repositories"]:
        del section["anchor"]
    Draft202012Validator(schema()).validate(data)
    assert all(s.anchor is None for s in report_from_dict(data).repositories)


def test_exemption_is_written_with_an_iso_date(report: Report) -> None:
    data = json.loads(render_json(report))
    findings = [f for a in data["repositories"][0]["areas"] for f in a["findings"]]
    exempted = [f["exemption"] for f in findings if f["exemption"] is not None]
    assert exempted == [
        {
            "reason": "accepted risk, <b>vendor</b> fix due",
            "owner": "Ada",
            "expires": "2026-12-31",
            "rule": "coupling.docs_drift",
            "match": "",
        }
    ]
    exempted[0]["expires"] = "end of year"
    assert not validator().is_valid(data)


def test_schema_top_level_matches_report() -> None:
    assert list(schema()["properties"]) == [f.name for f in dataclasses.fields(Report)]


text = st.text(st.characters(codec=None, exclude_categories=("Cn",)), max_size=12)
cells = st.one_of(
    text, st.integers(-(10**9), 10**9), st.floats(allow_nan=False, allow_infinity=False), st.none()
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=text, author=text, row=st.lists(cells, min_size=3, max_size=3))
def test_round_trip_property(report: Report, title: str, author: str, row: list[Any]) -> None:
    first = report.repositories[0]
    exclusions = Table("exclusions", title, ("a", "b", "c"), (tuple(row),), note=author)
    changed = dataclasses.replace(
        report,
        summary=dataclasses.replace(report.summary, headline=title or "x"),
        repositories=(dataclasses.replace(first, name=author, exclusions=exclusions),),
    )
    assert report_from_dict(report_to_dict(changed)) == changed
    rendered = render_json(changed)
    rendered.encode("utf-8")
    validator().validate(json.loads(rendered))


def _displayable_report(report: Report) -> Report:
    """The canned report with its one non-UTF-8 path shown as render_json writes it."""
    data = json.loads(json.dumps(report_to_dict(report)).replace("\\udce9", "\\\\xe9"))
    return report_from_dict(data)
