"""Kubernetes manifest rules, after the Pod Security Standards (Baseline and Restricted profiles).

Every document of a manifest that holds a pod template is checked: Pod, Deployment, StatefulSet,
DaemonSet, ReplicaSet, ReplicationController, Job and CronJob. Containers are the ``containers``
and ``initContainers`` of the pod; a pod-level ``securityContext`` counts for every container,
and a container's own setting wins, as in Kubernetes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cto.analyzers.infra_hits import Hit, hit
from cto.analyzers.infra_yaml import line_of

PRIVILEGED = "infrastructure.k8s-privileged"
PRIVILEGE_ESCALATION = "infrastructure.k8s-privilege-escalation"
NO_LIMITS = "infrastructure.k8s-no-resource-limits"
HOST_PATH = "infrastructure.k8s-host-path"
HOST_NAMESPACES = "infrastructure.k8s-host-namespaces"
RUN_AS_ROOT = "infrastructure.k8s-run-as-root"
RULES = (PRIVILEGED, PRIVILEGE_ESCALATION, NO_LIMITS, HOST_PATH, HOST_NAMESPACES, RUN_AS_ROOT)

_TEMPLATE_KINDS = frozenset({
    "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job",
})  # fmt: skip
_HOST_NAMESPACES = ("hostNetwork", "hostPID", "hostIPC")


def check(path: str, text: str, documents: list[Any]) -> list[Hit]:
    """Every Kubernetes rule's hits in one parsed manifest (all its documents)."""
    lines = text.splitlines()
    places: list[tuple[str, int]] = []
    for document in documents:
        pod = pod_spec(document)
        if pod is not None:
            places += _pod(pod)
    return [hit(rule, path, line, lines) for rule, line in places]


def pod_spec(document: Any) -> Mapping[Any, Any] | None:
    """The pod spec of a workload document, ``None`` for other kinds."""
    if not isinstance(document, Mapping):
        return None
    kind, path = document.get("kind"), ["spec"]
    if kind in _TEMPLATE_KINDS:
        path = ["spec", "template", "spec"]
    elif kind == "CronJob":
        path = ["spec", "jobTemplate", "spec", "template", "spec"]
    elif kind != "Pod":
        return None
    found: Any = document
    for key in path:
        found = found.get(key) if isinstance(found, Mapping) else None
    return found if isinstance(found, Mapping) else None


def containers(pod: Mapping[Any, Any]) -> Iterator[Mapping[Any, Any]]:
    """The pod's containers and init containers (malformed entries skipped)."""
    for key in ("initContainers", "containers"):
        listed = pod.get(key)
        for container in listed if isinstance(listed, list) else ():
            if isinstance(container, Mapping):
                yield container


def _pod(pod: Mapping[Any, Any]) -> list[tuple[str, int]]:
    places = [(HOST_NAMESPACES, line_of(pod, k)) for k in _HOST_NAMESPACES if pod.get(k) is True]
    volumes = pod.get("volumes")
    for volume in volumes if isinstance(volumes, list) else ():
        if isinstance(volume, Mapping) and "hostPath" in volume:
            places.append((HOST_PATH, line_of(volume, "hostPath")))
    pod_context = _mapping(pod.get("securityContext"))
    for container in containers(pod):
        places += _container(container, pod_context)
    return places


def _container(
    container: Mapping[Any, Any], pod_context: Mapping[Any, Any]
) -> list[tuple[str, int]]:
    context = _mapping(container.get("securityContext"))
    at = line_of(container, "name")  # the container's first line when it has no name
    places = []
    if context.get("privileged") is True:
        places.append((PRIVILEGED, line_of(context, "privileged")))
    escalation = context.get("allowPrivilegeEscalation")
    if escalation is not False:
        where = at if escalation is None else line_of(context, "allowPrivilegeEscalation")
        places.append((PRIVILEGE_ESCALATION, where))
    limits = _mapping(container.get("resources")).get("limits")
    if not isinstance(limits, Mapping) or not limits:
        places.append((NO_LIMITS, at))
    places += _run_as_root(context, pod_context, at)
    return places


def _run_as_root(
    context: Mapping[Any, Any], pod_context: Mapping[Any, Any], at: int
) -> list[tuple[str, int]]:
    """Root unless ``runAsNonRoot: true`` or a non-zero ``runAsUser`` applies to the container."""
    for where in (context, pod_context):
        if where.get("runAsUser") == 0:
            return [(RUN_AS_ROOT, line_of(where, "runAsUser"))]
        if "runAsNonRoot" in where or "runAsUser" in where:
            non_root = where.get("runAsNonRoot") is True or _positive(where.get("runAsUser"))
            return [] if non_root else [(RUN_AS_ROOT, line_of(where, "runAsNonRoot") or at)]
    return [(RUN_AS_ROOT, at)]


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _mapping(value: Any) -> Mapping[Any, Any]:
    return value if isinstance(value, Mapping) else {}
