"""Infrastructure as code and containers: Dockerfiles, compose, Kubernetes and Terraform files.

Which files are which comes from the delivery analyzer's detection
(:mod:`cto.analyzers.delivery_shipping`); each file is then read once, parsed safely, and given
to the matchers of its kind (``infra_dockerfile``, ``infra_compose``, ``infra_kubernetes``,
``infra_terraform``). The rules' texts, severities and sources are data in
``cto/rules/infrastructure.toml``; each rule gives one finding listing where it matched.
Nothing in the tree is ever run, built or applied.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cto.analyzers import (
    delivery_shipping,
    infra_compose,
    infra_dockerfile,
    infra_kubernetes,
    infra_terraform,
)
from cto.analyzers.code_interface import CodeFacts, TreeSnapshot
from cto.analyzers.infra_hits import Hit
from cto.analyzers.infra_yaml import load_documents
from cto.analyzers.results import jsonable
from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Finding, NotAssessed

AREA = "infrastructure"
#: Places listed in a finding's evidence; the rest are counted.
MAX_PLACES = 10
#: Every rule id of this area, in report order (checked against ``cto/rules/`` by the tests).
RULE_IDS = (
    *infra_dockerfile.RULES, *infra_compose.RULES, *infra_kubernetes.RULES, *infra_terraform.RULES,
)  # fmt: skip
#: Kinds of files checked, with the label reports use.
KINDS = {
    "docker": "Dockerfiles",
    "compose": "Compose files",
    "kubernetes": "Kubernetes manifests",
    "terraform": "Terraform files",
}

__all__ = ["AREA", "KINDS", "RULE_IDS", "Hit", "InfrastructureAnalysis", "analyze_infrastructure"]


@dataclass(frozen=True)
class InfrastructureAnalysis:
    """What the infrastructure rules found in one repository.

    Attributes:
        checked: the files read, by kind (``docker``, ``compose``, ``kubernetes``, ``terraform``).
        hits: every place a rule matched, by rule order, then file and line.
        unreadable: files of a checked kind that could not be read or parsed.
        findings: one finding per rule that matched, most severe first.
        not_assessed: what could not be checked, and why.
    """

    checked: Mapping[str, tuple[str, ...]]
    hits: tuple[Hit, ...]
    unreadable: tuple[str, ...]
    findings: tuple[Finding, ...]
    not_assessed: tuple[NotAssessed, ...]

    @property
    def files_checked(self) -> int:
        """How many files were read, all kinds together."""
        return sum(len(files) for files in self.checked.values())

    def to_dict(self) -> dict[str, Any]:
        """The facts and findings as JSON-able data (lists, dicts, str, numbers)."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


def analyze_infrastructure(code: CodeFacts, rules: RuleSet | None = None) -> InfrastructureAnalysis:
    """Check the Dockerfiles, compose files, Kubernetes manifests and Terraform files."""
    rules = rules or RuleSet.default()
    shipping = delivery_shipping.analyze(code.snapshot)
    found = {k.kind: k.files for k in shipping.kinds}
    terraform = found.get("terraform", ())
    checked = {kind: found.get(kind, ()) for kind in KINDS}
    checked["terraform"] = tuple(p for p in terraform if p.endswith(".tf"))
    hits: list[Hit] = []
    unreadable: list[str] = []
    for kind, files in checked.items():
        for path in files:
            result = _check_file(kind, path, code.snapshot)
            if result is None:
                unreadable.append(path)
            hits += result or []
    order = {rule: i for i, rule in enumerate(RULE_IDS)}
    hits.sort(key=lambda h: (order[h.rule], h.path, h.line))
    gaps = _not_assessed(checked, unreadable, len(terraform) - len(checked["terraform"]), found)
    if shipping.yaml_not_checked:
        gaps.append(NotAssessed(AREA, f"{shipping.yaml_not_checked} YAML files past the cap "
                                      "were not looked at for Kubernetes manifests"))  # fmt: skip
    return InfrastructureAnalysis(
        checked, tuple(hits), tuple(unreadable),
        findings(code.repository, hits, rules), tuple(gaps),
    )  # fmt: skip


def _check_file(kind: str, path: str, snapshot: TreeSnapshot) -> list[Hit] | None:
    """The hits in one file, ``None`` when it cannot be read or parsed."""
    text = snapshot.read_text(path)
    if text is None:
        return None
    if kind in {"compose", "kubernetes"}:
        documents = load_documents(text)
        if documents is None:
            return None
        if kind == "compose":
            return infra_compose.check(path, text, documents[0] if documents else None)
        return infra_kubernetes.check(path, text, documents)
    checker: Callable[[str, str], list[Hit]] = (
        infra_dockerfile.check if kind == "docker" else infra_terraform.check
    )
    return checker(path, text)


def findings(repository: str, hits: Sequence[Hit], rules: RuleSet) -> tuple[Finding, ...]:
    """One finding per rule that matched, listing up to :data:`MAX_PLACES` places."""
    found = []
    for rule_id in RULE_IDS:
        places = [h for h in hits if h.rule == rule_id]
        rule = rules.get(rule_id)
        severity = rule.severity_for(len(places)) if places else None
        if severity is None:
            continue
        files = len({h.path for h in places})
        values = {
            "count": len(places),
            "places": f"{len(places)} place{'s' if len(places) != 1 else ''}",
            "files": f"{files} file{'s' if files != 1 else ''}",
        }
        evidence = [Evidence("place", f"line {h.line}: {h.text}", h.path) for h in places]
        if len(places) > MAX_PLACES:
            more = Evidence("more places", f"{len(places) - MAX_PLACES} more not listed")
            evidence = [*evidence[:MAX_PLACES], more]
        found.append(rule.finding(severity, repository, "", values, evidence))
    return tuple(sorted(found, key=lambda f: -f.severity.rank))


def _not_assessed(
    checked: Mapping[str, tuple[str, ...]],
    unreadable: Sequence[str],
    terraform_skipped: int,
    found: Mapping[str, tuple[str, ...]],
) -> list[NotAssessed]:
    gaps = []
    if not any(checked.values()):
        gaps.append(NotAssessed(AREA, "no Dockerfile, compose file, Kubernetes manifest or "
                                      "Terraform file in the repository"))  # fmt: skip
    if unreadable:
        shown = ", ".join(unreadable[:5]) + (" …" if len(unreadable) > 5 else "")
        gaps.append(NotAssessed(AREA, f"{len(unreadable)} infrastructure files could not be "
                                      f"read or parsed: {shown}"))  # fmt: skip
    if terraform_skipped:
        gaps.append(NotAssessed(AREA, f"{terraform_skipped} Terraform JSON or Terragrunt files "
                                      "are not read"))  # fmt: skip
    if found.get("helm"):
        gaps.append(NotAssessed(AREA, "Helm chart templates are not rendered; the Kubernetes "
                                      "objects they produce were not checked"))  # fmt: skip
    return gaps
