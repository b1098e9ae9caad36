"""The code areas say what the analysis says; empty trees and missing history never crash."""

from __future__ import annotations

import json

from facts_builder import commit, day, facts
from test_code_support import code_facts, function, source

from cto.analyzers.code import analyze_code
from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.interface import HistoryFacts
from cto.findings import Rating
from cto.reports.code_areas import code_areas, stack_sentence


def shop() -> tuple[CodeFacts, HistoryFacts]:
    files = [source("app/core.py", 300), source("app/views.py", 100), source("web/a.ts", 200),
             source("logo.png", 0, binary=True, language="")]  # fmt: skip
    functions = [function("app/core.py", f"f{i}", cyclomatic=20, line=i * 10) for i in range(10)]
    functions.append(function("app/views.py", "index", cyclomatic=2))
    texts = {"requirements.txt": "django==5.0\n", ".python-version": "3.12\n"}
    history = facts([commit("alice", day(i), "app/core.py") for i in range(6)]
                    + [commit("bob", day(7), "app/views.py")], as_of=day(30))  # fmt: skip
    return code_facts(files, functions, texts=texts), history


def test_areas_follow_the_analysis() -> None:
    code, history = shop()
    analysis = analyze_code(code, history)
    codebase, complexity = code_areas(analysis, code)
    assert (codebase.id, codebase.title, complexity.id, complexity.title) == (
        "codebase", "Size and stack", "complexity", "Complexity and hotspots")  # fmt: skip
    assert codebase.summary.startswith(
        "600 lines of code, mostly Python (67%) and TypeScript (33%); built with Django on "
        "Python 3.12."
    )
    metrics = {m.id: m.value for m in (*codebase.metrics, *complexity.metrics)}
    assert (metrics["code_lines"], metrics["binary_files"], metrics["stack_items"]) == (600, 1, 2)
    assert metrics["functions_over_cyclomatic"] == 10
    assert metrics["hotspot_count"] == analysis.hotspots.count == 2
    assert codebase.charts[0].labels == ("Python", "TypeScript")
    tables = {t.id: t for t in complexity.tables}
    assert tables["hotspots"].rows[0][:4] == ("app/core.py", 6, 200, 1200)
    assert tables["complex_functions"].note == "all 10 functions"
    # both medium (ten complex functions; two hotspots only one person knows): by rule id
    assert [(f.rule, f.severity.value) for f in complexity.findings] == [
        ("complexity.complex-functions", "medium"), ("complexity.key-person-hotspots", "medium"),
    ]  # fmt: skip
    assert list(complexity.findings) == [f for f in analysis.findings if f.area == "complexity"]
    assert complexity.rating is Rating.AMBER and codebase.rating is Rating.GREEN
    json.dumps(analysis.to_dict())


def test_empty_tree_without_history() -> None:
    code = code_facts()
    analysis = analyze_code(code)
    codebase, complexity = code_areas(analysis, code)
    assert analysis.findings == ()
    assert codebase.rating is Rating.NOT_ASSESSED and complexity.rating is Rating.NOT_ASSESSED
    assert codebase.summary.startswith("There is no source code to measure.")
    assert "No function could be measured" in complexity.summary
    reasons = {n.reason for n in analysis.not_assessed}
    assert "hotspots not assessed: no history was read" in reasons
    json.dumps(analysis.to_dict())


def test_stack_sentence_without_manifests() -> None:
    analysis = analyze_code(code_facts([source("main.go", 40)]))
    assert stack_sentence(analysis.inventory) == (
        "40 lines of code, mostly Go (100%); no framework or runtime is declared in a manifest "
        "cto reads."
    )
