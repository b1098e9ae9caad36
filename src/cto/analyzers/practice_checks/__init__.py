"""The engineering-practice checks, scored 0 to 10 like OpenSSF Scorecard's local checks.

:data:`CHECKS` is the one explicit registry: a check id (as in ``cto/rules/practices.toml``) and
the function that scores it. Adding a check means a function here and a ``[check.<id>]`` table
there; ``tests/test_catalog.py`` fails when the two disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from cto.analyzers.practice_checks.base import Score
from cto.analyzers.practice_checks.documentation import (
    codeowners,
    contributing,
    decision_records,
    readme_setup,
    runbooks,
)
from cto.analyzers.practice_checks.license import license_check
from cto.analyzers.practice_checks.pinning import pinned_dependencies
from cto.analyzers.practice_checks.repository_files import binary_artifacts, dependency_update_tool
from cto.analyzers.practice_checks.security_policy import security_policy
from cto.analyzers.practice_checks.token_permissions import token_permissions
from cto.analyzers.practice_checks.tooling import fuzzing, packaging, sast
from cto.analyzers.practice_checks.tree import Tree
from cto.analyzers.practice_checks.workflow_security import dangerous_workflow

#: Every practice check, by id, in report order.
CHECKS: Mapping[str, Callable[[Tree], Score]] = MappingProxyType({
    "dangerous-workflow": dangerous_workflow,
    "token-permissions": token_permissions,
    "dependency-update-tool": dependency_update_tool,
    "pinned-dependencies": pinned_dependencies,
    "binary-artifacts": binary_artifacts,
    "security-policy": security_policy,
    "license": license_check,
    "fuzzing": fuzzing,
    "sast": sast,
    "packaging": packaging,
    "readme-setup": readme_setup,
    "contributing": contributing,
    "decision-records": decision_records,
    "runbooks": runbooks,
    "codeowners": codeowners,
})  # fmt: skip

__all__ = ["CHECKS", "Score", "Tree"]
