"""No planted secret appears in anything cto produces: facts, analysis, findings, every report."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from test_secrets_samples import SECRET_VALUES, planted_files

from cto.analyzers.code_interface import MemorySnapshot
from cto.analyzers.results import jsonable
from cto.analyzers.secrets import analyze_secrets
from cto.findings import Rating
from cto.progress import ProgressHook
from cto.reports.formats import ReportFormat, render
from cto.reports.model import Report, RepositorySection, Table
from cto.reports.secret_areas import secret_areas
from cto.reports.summary import build_summary
from cto.sources.exclusions import ExclusionRules
from cto.sources.git import GitRepository
from cto.sources.secrets import scan_tree_secrets, search_history, secret_facts
from repo_builder import RepoBuilder


def test_the_secret_never_appears_in_any_output(
    make_repo: Callable[..., RepoBuilder], capsys: pytest.CaptureFixture[str]
) -> None:
    files = planted_files()
    kept = dict(list(files.items())[::2])  # half stay in the tree, half only in history
    builder = make_repo()
    builder.commit(dict(files))
    builder.commit({path: None for path in files if path not in kept})
    repo = GitRepository.open(builder.path)
    assert repo.info.head is not None
    shas = repo.rev_list(repo.info.head)
    shown: list[object] = []
    progress: ProgressHook = lambda text, total: shown.append((text, total))  # noqa: E731
    exclusions = ExclusionRules.default()
    facts = secret_facts(
        scan_tree_secrets(MemorySnapshot(kept), exclusions),
        search_history(repo, shas, exclusions=exclusions, progress=progress),
    )
    analysis = analyze_secrets(facts, repository="leaky")
    assert analysis.in_tree == len(kept) and analysis.history_only == len(files) - len(kept)
    area = secret_areas(analysis)[0]
    section = RepositorySection(
        "leaky", str(builder.path), repo.info.head, None, None, len(shas), None, None, False,
        False, area.rating, (area,), Table("exclusions", "Excluded", ("path", "reason"), ()),
    )  # fmt: skip
    report = Report("1", "0", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z",
                    build_summary([section]), (section,))  # fmt: skip
    outputs = [
        repr(facts), json.dumps(jsonable(facts)), json.dumps(analysis.to_dict()),
        repr(analysis.findings), repr(area), repr(shown), *capsys.readouterr(),
        *(render(report, fmt) for fmt in ReportFormat),
    ]  # fmt: skip
    assert area.rating == Rating.RED and len(area.findings) == len(files)
    for secret in SECRET_VALUES:
        for output in outputs:
            assert secret not in output
            assert secret[4:] not in output  # nor the part after the redacted prefix
