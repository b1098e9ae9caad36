"""Exemptions: cto.toml validation, matching, expiry; exempted findings shown, never counted."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from cto.check import blocking_findings
from cto.errors import InputError
from cto.exemptions import (
    ExemptionConfig,
    exempt_findings,
    exemption_for,
    load_config,
    parse_config,
)
from cto.findings import (
    Effort,
    Evidence,
    Exemption,
    Finding,
    Rating,
    Severity,
    finding_id,
    rate,
)
from cto.globs import glob_regex
from cto.reports.exemption_areas import exempt_area, exempt_report
from cto.reports.model import Area, Report, RepositorySection, Table
from cto.reports.summary import build_summary

TODAY = date(2026, 6, 1)
VALID = """
[[exemption]]
rule = "practices.license"
match = "src/legacy/**"
reason = "accepted risk, vendor fix due"
owner = "ada@company.example"
expires = 2026-12-31
"""


def exemption(rule: str = "delivery.no-tests", match: str = "", expires: date | None = None):
    return Exemption("accepted", "Ada", expires, rule, match)


def finding(rule: str, severity: Severity, *paths: str, area: str = "delivery") -> Finding:
    return Finding(
        id=finding_id(rule, "shop", ",".join(paths)),
        rule=rule,
        area=area,
        severity=severity,
        title=f"{rule} fired",
        impact="It costs money.",
        recommendation=f"Fix {rule}.",
        effort=Effort.DAYS,
        evidence=tuple(Evidence("file", p, path=p) for p in paths),
        repository="shop",
    )


# ------------------------------------------------------------------------------- validation


def test_a_valid_exemption_is_read() -> None:
    config = parse_config(VALID, "cto.toml")
    assert config == ExemptionConfig(
        (
            Exemption(
                "accepted risk, vendor fix due",
                "ada@company.example",
                date(2026, 12, 31),
                "practices.license",
                "src/legacy/**",
            ),
        ),
        "cto.toml",
    )


def test_optional_fields_and_an_iso_string_date() -> None:
    text = '[[exemption]]\nrule = "delivery.no-ci"\nreason = "r"\nowner = "o"\n'
    assert parse_config(text, "cto.toml").exemptions == (
        Exemption("r", "o", None, "delivery.no-ci", ""),
    )
    dated = text + 'expires = "2027-01-31"\n'
    assert parse_config(dated, "x").exemptions[0].expires == date(2027, 1, 31)


def test_no_exemptions_is_an_empty_config() -> None:
    assert parse_config("", "cto.toml") == ExemptionConfig((), "cto.toml")
    assert parse_config("[other]\nkey = 1\n", "cto.toml").exemptions == ()


OK = '[[exemption]]\nrule = "delivery.no-ci"\nreason = "r"\nowner = "o"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (OK + '[[exemption]]\nrule = "delivery.no-ci"\nowner = "o"\n',
         "cto.toml: exemption 2 needs a reason and an owner"),
        (OK + '[[exemption]]\nrule = "delivery.no-ci"\nreason = "r"\n',
         "cto.toml: exemption 2 needs a reason and an owner"),
        ('[[exemption]]\nrule = "delivery.no-ci"\nreason = "  "\nowner = "o"\n',
         "cto.toml: exemption 1 needs a reason and an owner"),
        ('[[exemption]]\nreason = "r"\nowner = "o"\n', "cto.toml: exemption 1 needs a rule"),
        ('[[exemption]]\nrule = "delivery.no-test"\nreason = "r"\nowner = "o"\n',
         "cto.toml: exemption 1: unknown rule 'delivery.no-test' (see docs/checks.md)"),
        (OK + "expires = 2026-02-30\n", "cto.toml: not valid TOML"),
        (OK + 'expires = "next year"\n',
         "cto.toml: exemption 1: expires must be a date like 2026-12-31, not 'next year'"),
        (OK + "expires = 2026-12-31T10:00:00Z\n", "expires must be a date like 2026-12-31"),
        (OK + "expires = 20261231\n", "expires must be a date like 2026-12-31"),
        (OK + 'expiry = "2026-12-31"\n', "cto.toml: exemption 1 has unknown keys: expiry"),
        (OK + 'match = ""\n', "cto.toml: exemption 1: match is empty"),
        ('[[exemption]]\nrule = "delivery.no-ci"\nreason = "r"\nowner = 7\n',
         "cto.toml: exemption 1: owner must be a string"),
        ('[exemption]\nrule = "delivery.no-ci"\n', "cto.toml: write exemptions as [[exemption]]"),
        ("exemption = [1]\n", "cto.toml: exemption 1 is not a table"),
        ("[[exemption]\n", "cto.toml: not valid TOML"),
    ],
)  # fmt: skip
def test_invalid_config_is_one_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        parse_config(text, "cto.toml")
    assert message in str(error.value)
    assert str(error.value).startswith("cto.toml: ")
    assert "\n" not in str(error.value)


def test_default_config_is_used_only_when_present(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config(None) == ExemptionConfig()
    (tmp_path / "cto.toml").write_text(VALID)
    assert load_config(None).source == "cto.toml"
    assert len(load_config(None).exemptions) == 1


def test_a_named_config_must_exist(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"ci\.toml: cannot read \(No such file"):
        load_config(tmp_path / "ci.toml")
    (tmp_path / "bad.toml").write_bytes(b"\xff\xfe")
    with pytest.raises(InputError, match="not UTF-8"):
        load_config(tmp_path / "bad.toml")


# --------------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("src/legacy/**", "src/legacy/a.py", True),
        ("src/legacy/**", "src/legacy/deep/er/a.py", True),
        ("src/legacy/**", "src/legacy2/a.py", False),
        ("src/legacy/**", "lib/src/legacy/a.py", False),
        ("**/*.py", "a.py", True),
        ("**/*.py", "a/b/c.py", True),
        ("**/*.py", "a/b/c.pyc", False),
        ("*.py", "a/b.py", False),
        ("*.py", "b.py", True),
        ("docs/?.md", "docs/a.md", True),
        ("docs/?.md", "docs/ab.md", False),
        ("a+b(c).txt", "a+b(c).txt", True),
        ("src/**/test_*.py", "src/test_a.py", True),
        ("src/**/test_*.py", "src/x/y/test_a.py", True),
    ],
)
def test_glob(glob: str, path: str, matches: bool) -> None:
    assert bool(glob_regex(glob).fullmatch(path)) is matches


def test_matching_by_rule_glob_and_id() -> None:
    legacy = finding("delivery.no-tests", Severity.HIGH, "app/x.py", "src/legacy/old.py")
    fresh = finding("delivery.no-tests", Severity.HIGH, "src/new.py")
    other_rule = finding("delivery.no-ci", Severity.MEDIUM, "src/legacy/old.py")
    by_glob = exemption(match="src/legacy/**")
    assert exemption_for(legacy, [by_glob]) == by_glob
    assert exemption_for(fresh, [by_glob]) is None
    assert exemption_for(other_rule, [by_glob]) is None
    by_id = exemption(match=fresh.id)
    assert exemption_for(fresh, [by_id]) == by_id
    assert exemption_for(legacy, [by_id]) is None
    whole_rule = exemption()
    assert exemption_for(fresh, [whole_rule]) == whole_rule
    assert exemption_for(legacy, [by_id, by_glob, whole_rule]) == by_glob


def test_a_finding_without_paths_matches_only_by_rule_or_id() -> None:
    bare = finding("delivery.no-tests", Severity.HIGH)
    assert exemption_for(bare, [exemption(match="**")]) is None
    assert exemption_for(bare, [exemption()]) is not None


# ----------------------------------------------------------------------------------- expiry


@pytest.mark.parametrize(
    ("expires", "applies"),
    [
        (None, True),
        (date(2026, 6, 1), True),
        (date(2026, 12, 31), True),
        (date(2026, 5, 31), False),
    ],
)
def test_an_exemption_applies_through_its_expiry_day(expires: date | None, applies: bool) -> None:
    found = finding("delivery.no-tests", Severity.HIGH)
    config = ExemptionConfig((exemption(expires=expires),), "cto.toml")
    (result,) = exempt_findings((found,), config, TODAY)
    assert (result.exemption is not None) is applies


# ----------------------------------------------------- shown, but not counted: ratings, summary


def area(*findings: Finding, rating: Rating | None = None) -> Area:
    return Area("delivery", "Tests and delivery", rating or rate(findings), "s", findings=findings)


def section(*areas: Area) -> RepositorySection:
    return RepositorySection(
        name="shop", path="/r/shop", head="a" * 40, first_commit=None, last_commit=None,
        commits=0, since=None, until=None, shallow=False, incremental=False,
        rating=Rating.RED, areas=areas, exclusions=Table("exclusions", "E", ("Path",), ()),
    )  # fmt: skip


def report(*areas: Area) -> Report:
    sections = (section(*areas),)
    return Report("1", "0.1.0", "t", "t", build_summary(sections), sections)


def test_rate_ignores_exempted_findings() -> None:
    high = finding("delivery.no-tests", Severity.HIGH)
    medium = finding("delivery.no-ci", Severity.MEDIUM)
    assert rate((high, medium)) is Rating.RED
    exempted = dataclasses.replace(high, exemption=exemption())
    assert rate((exempted, medium)) is Rating.AMBER
    assert rate((exempted,)) is Rating.GREEN


def test_area_is_rated_again_and_keeps_the_finding() -> None:
    high = finding("delivery.no-tests", Severity.HIGH)
    config = ExemptionConfig((exemption(),), "cto.toml")
    exempted = exempt_area(area(high), config, TODAY)
    assert exempted.rating is Rating.GREEN
    assert [f.id for f in exempted.findings] == [high.id]
    assert exempted.findings[0].exemption == exemption()
    untouched = area(finding("delivery.no-ci", Severity.MEDIUM))
    assert exempt_area(untouched, config, TODAY) is untouched
    not_assessed = area(high, rating=Rating.NOT_ASSESSED)
    assert exempt_area(not_assessed, config, TODAY).rating is Rating.NOT_ASSESSED


def test_report_summary_and_gate_do_not_count_exempted_findings() -> None:
    high = finding("delivery.no-tests", Severity.HIGH, "src/legacy/a.py")
    medium = finding("delivery.no-ci", Severity.MEDIUM)
    before = report(area(high, medium))
    assert [f.id for f in before.summary.top_risks] == [high.id, medium.id]
    assert blocking_findings(before, Severity.HIGH) == (high,)
    config = ExemptionConfig((exemption(match="src/legacy/**"),), "cto.toml")
    after = exempt_report(before, config, TODAY)
    assert after.summary.rating is Rating.AMBER
    assert after.repositories[0].rating is Rating.AMBER
    assert [f.id for f in after.summary.top_risks] == [medium.id]
    assert blocking_findings(after, Severity.HIGH) == ()
    assert blocking_findings(after, Severity.MEDIUM) == (medium,)
    shown = after.repositories[0].areas[0].findings
    assert [f.id for f in shown] == [high.id, medium.id]
    assert exempt_report(after, config, TODAY) == after  # applying twice changes nothing


def test_no_exemptions_leave_the_report_as_it_was() -> None:
    before = report(area(finding("delivery.no-tests", Severity.HIGH)))
    assert exempt_report(before, ExemptionConfig(), TODAY) is before


def test_exemptions_area_lists_every_exemption_and_reports_the_expired() -> None:
    high = finding("delivery.no-tests", Severity.HIGH, "src/legacy/a.py")
    live = exemption(match="src/legacy/**", expires=date(2026, 12, 31))
    lapsed = Exemption("old deal", "Bob", date(2026, 5, 1), "delivery.no-ci", "")
    after = exempt_report(report(area(high)), ExemptionConfig((live, lapsed), "ci/cto.toml"), TODAY)
    listing = after.repositories[0].areas[-1]
    assert listing.id == "exemptions" and listing.title == "Exemptions"
    assert "2 exemptions in ci/cto.toml; 1 finding exempted here" in listing.summary
    assert listing.tables[0].rows == (
        (1, "delivery.no-tests", "src/legacy/**", "Ada", "2026-12-31", "active", 1, "accepted"),
        (2, "delivery.no-ci", "every finding of the rule", "Bob", "2026-05-01", "expired", 0,
         "old deal"),
    )  # fmt: skip
    (expired,) = listing.findings
    assert expired.rule == "exemptions.expired"
    assert expired.severity is Severity.LOW
    assert expired.title == "Exemption 2 of delivery.no-ci expired on 2026-05-01"
    assert "31 days ago" in expired.impact
    assert expired in after.summary.top_risks


def test_an_expired_exemption_does_not_apply() -> None:
    high = finding("delivery.no-tests", Severity.HIGH)
    lapsed = exemption(expires=date(2026, 1, 1))
    after = exempt_report(report(area(high)), ExemptionConfig((lapsed,), "cto.toml"), TODAY)
    assert after.repositories[0].areas[0].findings[0].exemption is None
    assert blocking_findings(after, Severity.HIGH) == (high,)
