"""Secret findings: one per fingerprint, in the code or only in history, severity by kind."""

from __future__ import annotations

from cto.analyzers.rules import RuleSet
from cto.analyzers.secrets import RULE_IDS, analyze_secrets
from cto.findings import Rating, Severity
from cto.reports.secret_areas import secret_areas, summary
from cto.sources.secrets import SecretFacts, SecretHit


def hit(
    kind: str, fp: str, path: str = "a.env", line: int = 1, commit: str | None = None
) -> SecretHit:
    return SecretHit(kind, path, line, commit, "abcd…(32 chars)", fp)


def facts(tree: list[SecretHit], history: list[SecretHit]) -> SecretFacts:
    return SecretFacts(tuple(tree), tuple(history), 10, 3)


def test_a_secret_in_the_tree_is_one_finding_whatever_its_places() -> None:
    tree = [hit("stripe-live-key", "f1", "pay.rb", 3), hit("stripe-live-key", "f1", "b.rb", 9)]
    history = [hit("stripe-live-key", "f1", "pay.rb", 3, c) for c in ("c" * 40, "d" * 40)]
    analysis = analyze_secrets(facts(tree, history), repository="shop")
    [finding] = analysis.findings
    assert finding.rule == "secrets.in-tree" and finding.severity == Severity.CRITICAL
    assert finding.title == "A Stripe live secret key is in the code (pay.rb:3 and 1 other place)"
    assert (
        "Anyone with read access to this code can use your Stripe live secret key" in finding.impact
    )
    assert finding.recommendation.startswith("Rotate it now: Roll the key in the Stripe dashboard")
    values = {(e.label, e.value) for e in finding.evidence}
    assert {("fingerprint", "f1"), ("redacted value", "abcd…(32 chars)"),
            ("commits that added it", "2")} <= values  # fmt: skip
    assert ("added in", "pay.rb:3") in values
    assert [e.commit for e in finding.evidence if e.label == "added in"] == ["c" * 12, "d" * 12]


def test_a_secret_only_in_history_asks_for_rotation() -> None:
    history = [hit("github-token", "g1", "ci.sh", 2, f"{i:040x}") for i in range(30)]
    analysis = analyze_secrets(facts([], history))
    [finding] = analysis.findings
    assert finding.rule == "secrets.in-history" and finding.severity == Severity.HIGH
    assert finding.title.endswith("is still in the git history (added in 30 commits)")
    assert finding.recommendation.startswith("Rotate it: it is still in the history.")
    assert ("other places", "25 more") in {(e.label, e.value) for e in finding.evidence}
    assert analysis.in_tree == 0 and analysis.history_only == 1


def test_severity_follows_the_kind_and_the_rules_data() -> None:
    analysis = analyze_secrets(facts([hit("jwt", "j"), hit("aws-access-key-id", "k")], []))
    assert [f.severity for f in analysis.findings] == [Severity.HIGH, Severity.MEDIUM]
    rules = RuleSet.default().with_overrides({"secrets.in-tree": {"critical": 5, "high": 5}})
    capped = analyze_secrets(facts([hit("stripe-live-key", "s")], []), rules)
    assert [f.severity for f in capped.findings] == [Severity.MEDIUM]


def test_finding_ids_are_stable_per_fingerprint() -> None:
    one = analyze_secrets(facts([hit("jwt", "j", "x.txt")], []), repository="r").findings[0]
    two = analyze_secrets(facts([hit("jwt", "j", "y.txt", 8)], []), repository="r").findings[0]
    assert one.id == two.id
    assert set(RULE_IDS) == {r.id for r in RuleSet.default().rules if r.area == "secrets"}


def test_the_area() -> None:
    analysis = analyze_secrets(facts([hit("jwt", "j")], [hit("npm-token", "n", commit="e" * 40)]))
    [area] = secret_areas(analysis)
    assert (area.id, area.title, area.rating) == ("secrets", "Secrets", Rating.AMBER)
    assert {m.id: m.value for m in area.metrics} == {
        "secrets_in_tree": 1, "secrets_in_history_only": 1,
        "secret_files_scanned": 10, "secret_commits_scanned": 3,
    }  # fmt: skip
    assert area.tables[0].rows[0][:4] == ("JSON Web Token", "code", "a.env:1", None)
    assert area.tables[0].rows[1][3] == "e" * 12
    assert summary(analysis).startswith("1 secret is in the current code")


def test_nothing_found_is_green_and_says_what_was_searched() -> None:
    analysis = analyze_secrets(facts([], []))
    [area] = secret_areas(analysis)
    assert area.rating == Rating.GREEN
    assert area.summary == "No secrets found (10 files and 3 commits searched)."
    assert analysis.to_dict()["findings"] == [] and analysis.to_dict()["secrets"] == []
