"""Kubernetes rules: pass and fail cases, multi-document files, every workload kind."""

from __future__ import annotations

import pytest
from test_infra_helpers import analyze, places

from cto.analyzers.infra_kubernetes import RULES

SAFE_CONTAINER = """\
    - name: web
      image: web:1.0
      securityContext:
        allowPrivilegeEscalation: false
        runAsNonRoot: true
      resources:
        limits: {memory: 256Mi}
"""


def pod(spec: str = "", container: str = SAFE_CONTAINER) -> str:
    """A Pod manifest: ``spec`` lines (indented by 2) before its one container."""
    extra = "".join(f"  {line}\n" for line in spec.splitlines())
    head = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n"
    return f"{head}{extra}  containers:\n{container}"


def test_a_hardened_pod_passes_every_rule() -> None:
    assert analyze({"k8s/pod.yaml": pod()}).hits == ()


def safe(old: str = "", new: str = "") -> str:
    """The hardened container with ``old`` replaced by ``new``."""
    return SAFE_CONTAINER.replace(old, new) if old else SAFE_CONTAINER


ESCALATION = "        allowPrivilegeEscalation: false\n"
NON_ROOT = "runAsNonRoot: true"
CASES = [
    # rule, pod spec lines, container, expected lines
    ("k8s-privileged", "", safe(NON_ROOT, f"{NON_ROOT}\n        privileged: true"), [12]),
    ("k8s-privilege-escalation", "", safe("false", "true"), [10]),
    ("k8s-privilege-escalation", "", safe(ESCALATION, ""), [7]),
    ("k8s-no-resource-limits", "", safe("limits: {memory: 256Mi}", "requests: {}"), [7]),
    ("k8s-no-resource-limits", "", safe("{memory: 256Mi}", "{}"), [7]),
    ("k8s-host-path", "volumes:\n  - name: sock\n    hostPath: {path: /var/run/docker.sock}",
     safe(), [8]),
    ("k8s-host-path", "volumes:\n  - name: data\n    emptyDir: {}", safe(), []),
    ("k8s-host-namespaces", "hostNetwork: true\nhostPID: true\nhostIPC: false", safe(), [6, 7]),
    ("k8s-run-as-root", "", safe(NON_ROOT, "runAsNonRoot: false"), [11]),
    ("k8s-run-as-root", "", safe(NON_ROOT, "runAsUser: 0"), [11]),
    ("k8s-run-as-root", "", safe(NON_ROOT, "runAsUser: 1000"), []),
    ("k8s-run-as-root", "", safe(f"        {NON_ROOT}\n", ""), [7]),
    ("k8s-run-as-root", "securityContext: {runAsNonRoot: true}", safe(f"        {NON_ROOT}\n", ""),
     []),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "spec", "container", "lines"), CASES)
def test_rule(rule: str, spec: str, container: str, lines: list[int]) -> None:
    assert places({"pod.yaml": pod(spec, container)}, rule) == [("pod.yaml", n) for n in lines]


DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1
"""
CRONJOB = """\
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: migrate
              image: m:1
              securityContext: {privileged: true}
"""


def test_every_document_of_a_multi_document_file_is_checked() -> None:
    text = (
        "---\n"
        + DEPLOYMENT
        + "---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n"
        + CRONJOB
    )
    analysis = analyze({"deploy/all.yaml": text})
    by_rule = {(h.rule.split(".")[1], h.line) for h in analysis.hits}
    assert ("k8s-no-resource-limits", 9) in by_rule  # the Deployment's container, line 9
    assert ("k8s-privileged", 27) in by_rule  # the CronJob's init container
    assert {r for r, _ in by_rule} == {rule.split(".")[1] for rule in RULES} - {
        "k8s-host-path", "k8s-host-namespaces",
    }  # fmt: skip


def test_yaml_that_is_not_kubernetes_is_ignored_and_broken_yaml_does_not_crash() -> None:
    analysis = analyze({
        "config.yaml": "kind: Pod\nspec: {hostNetwork: true}\n",  # no apiVersion: not a manifest
        "charts/x/templates/d.yaml": "apiVersion: v1\nkind: Pod\nspec: {{ .Values.spec }}\n",
    })  # fmt: skip
    assert analysis.hits == ()
    assert analysis.checked["kubernetes"] == ()
