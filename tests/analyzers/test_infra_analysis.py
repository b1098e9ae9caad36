"""The infrastructure analysis as a whole: findings per rule, not assessed, JSON and the area."""

from __future__ import annotations

import json

from test_infra_helpers import analyze

from cto.analyzers.infrastructure import MAX_PLACES, RULE_IDS
from cto.analyzers.rules import RuleSet
from cto.findings import Rating, Severity
from cto.reports.infrastructure_areas import infrastructure_areas

DOCKERFILE = "FROM python:3.12\nENV API_TOKEN=abc123\nUSER app\nHEALTHCHECK CMD true\n"


def test_one_finding_per_rule_listing_at_most_ten_places() -> None:
    files: dict[str, str | bytes] = {f"svc{i:02}/Dockerfile": "FROM a:1\n" for i in range(12)}
    analysis = analyze(files)
    by_rule = {f.rule: f for f in analysis.findings}
    assert set(by_rule) == {
        "infrastructure.docker-root-user",
        "infrastructure.docker-no-healthcheck",
    }
    root = by_rule["infrastructure.docker-root-user"]
    assert root.severity is Severity.MEDIUM
    assert root.title == "Containers run as root (12 places)"
    assert len(root.evidence) == MAX_PLACES + 1
    assert root.evidence[0].path == "svc00/Dockerfile"
    assert root.evidence[0].value == "line 1: FROM a:1"
    assert root.evidence[-1].value == "2 more not listed"
    assert [f.severity for f in analysis.findings] == [Severity.MEDIUM, Severity.LOW]


def test_severities_come_from_the_rules_data() -> None:
    rules = RuleSet.default()
    analysis = analyze({"Dockerfile": DOCKERFILE})
    [finding] = analysis.findings
    assert finding.rule == "infrastructure.docker-secret-in-env"
    assert finding.severity is rules.get(finding.rule).severity_for(1) is Severity.HIGH
    assert all(rules.get(rule).source for rule in RULE_IDS)


def test_no_infrastructure_files_is_not_assessed() -> None:
    analysis = analyze({"README.md": "hi\n"})
    assert analysis.findings == () and analysis.files_checked == 0
    [gap] = analysis.not_assessed
    assert gap.reason.startswith("no Dockerfile, compose file")
    [area] = infrastructure_areas(analysis)
    assert area.rating is Rating.NOT_ASSESSED
    assert area.summary.startswith("No Dockerfile")


def test_helm_charts_are_said_not_to_be_rendered() -> None:
    analysis = analyze({"charts/web/Chart.yaml": "apiVersion: v2\nname: web\n"})
    assert any("Helm" in n.reason for n in analysis.not_assessed)


def test_to_dict_is_json_and_never_holds_a_secret() -> None:
    analysis = analyze({"Dockerfile": DOCKERFILE})
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["checked"]["docker"] == ["Dockerfile"]
    assert data["hits"][0]["text"] == "ENV API_TOKEN=[redacted]"
    assert "abc123" not in json.dumps(data)


def test_area_is_consistent_with_the_analysis() -> None:
    files: dict[str, str | bytes] = {
        "Dockerfile": DOCKERFILE,
        "docker-compose.yml": "services:\n  db:\n    image: postgres\n    ports: ['5432:5432']\n",
        "k8s/broken.yaml": "apiVersion: v1\nkind: Pod\n",
        "main.tf": 'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n',
    }
    analysis = analyze(files)
    [area] = infrastructure_areas(analysis)
    assert (area.id, area.title) == ("infrastructure", "Infrastructure and containers")
    assert area.rating is Rating.RED
    assert area.findings == analysis.findings
    metrics = {m.id: m.value for m in area.metrics}
    assert metrics == {
        "iac_files_checked": 4, "iac_dockerfiles": 1, "iac_compose_files": 1,
        "iac_kubernetes_manifests": 1, "iac_terraform_files": 1,
        "iac_problem_places": len(analysis.hits),
    }  # fmt: skip
    tables = {t.id: t for t in area.tables}
    assert len(tables["iac_places"].rows) == len(analysis.hits)
    assert {r[0] for r in tables["iac_rules"].rows} == {f.rule for f in analysis.findings}
    assert sum(r[2] for r in tables["iac_files"].rows if isinstance(r[2], int)) == len(
        analysis.hits
    )
    assert area.summary == (
        "Checked 1 Dockerfile, 1 compose file, 1 Kubernetes manifest and 1 Terraform file. "
        f"{len(analysis.findings)} rules matched in {len(analysis.hits)} places; the most "
        "serious: Secrets are written into Dockerfiles (1 place)."
    )
