"""Audit evidence read from stored reports: metrics, tables and the key-person finding."""

from __future__ import annotations

from cto.advisor.evidence import Hotspot
from cto.advisor.evidence_read import evidence_from_reports


def area(area_id, metrics=None, tables=(), findings=()):
    return {
        "id": area_id,
        "metrics": [{"id": key, "value": value} for key, value in (metrics or {}).items()],
        "tables": list(tables),
        "findings": list(findings),
    }


def table(table_id, columns, rows):
    return {"id": table_id, "columns": columns, "rows": rows}


HOTSPOT_COLUMNS = [
    "file",
    "Revisions in window (commits)",
    "Complexity",
    "Hotspot score",
    "Code health (of 10)",
    "main developer",
    "changes with",
]
FILE_COLUMNS = ["file", "lines", "Revisions (commits)", "Authors (people)", "Main developer"]


def report(name, *, more=False, knowledge_loss=0.0, truck_factor=2):
    listed = [
        {
            "label": "hotspot",
            "value": "9 changes, score 300, health 3/10, only Ada knows it",
            "path": "src/pay/charge.py",
        }
    ]
    if more:
        listed.append({"label": "more hotspots", "value": "2 more in the hotspots table"})
    return {
        "repositories": [
            {
                "name": name,
                "areas": [
                    area(
                        "codebase",
                        {"code_lines": 1000},
                        [
                            table(
                                "languages",
                                ["language", "files", "code"],
                                [["Python", 9, 700], ["TOML", 2, 200], ["Go", 1, 100]],
                            ),
                            table(
                                "stack",
                                ["name", "kind", "version", "found in"],
                                [["Django", "web framework", "5.0", "pyproject.toml"]],
                            ),
                        ],
                    ),
                    area(
                        "knowledge",
                        {"truck_factor": truck_factor, "knowledge_loss_share": knowledge_loss},
                        [
                            table(
                                "files",
                                FILE_COLUMNS,
                                [
                                    ["src/pay/refund.py", 80, 5, 1, "Bo"],
                                    ["src/api/views.py", 80, 5, 3, "Cy"],
                                ],
                            ),
                        ],
                    ),
                    area(
                        "complexity",
                        {"hotspot_count": 3},
                        [
                            table(
                                "hotspots",
                                HOTSPOT_COLUMNS,
                                [
                                    ["src/pay/charge.py", 9, 33, 300, 3.0, "Ada", None],
                                    ["src/pay/refund.py", 5, 20, 100, 6.0, "Bo", None],
                                    ["src/api/views.py", 5, 10, 50, None, "Cy", None],
                                ],
                            ),
                            table(
                                "code_health",
                                ["file", "code", "Code health (of 10)", "smells"],
                                [["src/pay/charge.py", 90, 3.0, "complex function × 2"]],
                            ),
                        ],
                        [{"rule": "complexity.key-person-hotspots", "evidence": listed}],
                    ),
                    area(
                        "delivery",
                        {"test_to_code_ratio": 0.5, "line_coverage": None},
                        [
                            table(
                                "source_areas",
                                ["area", "code lines", "has tests"],
                                [["src/pay", 500, "no"], ["src/api", 300, "yes"]],
                            ),
                        ],
                    ),
                ],
            }
        ]
    }


def test_a_report_becomes_repository_evidence():
    evidence = evidence_from_reports([("audit 7 of shop (2026-01-05)", report("shop"))])
    assert evidence is not None
    (shop,) = evidence.repositories
    assert shop.source == "audit 7 of shop (2026-01-05)"
    assert shop.languages == (("Python", 700), ("Go", 100))
    assert shop.stack == ("Django 5.0 (web framework)",)
    assert (shop.code_lines, shop.truck_factor, shop.test_to_code_ratio) == (1000, 2, 0.5)
    assert shop.line_coverage is None
    assert shop.untested_areas == ("src/pay",)
    assert shop.unhealthy_files == (("src/pay/charge.py", 3.0),)
    assert shop.hotspots == (
        Hotspot("shop", "src/pay/charge.py", 9, 300.0, 3.0, True, "Ada", False),
        Hotspot("shop", "src/pay/refund.py", 5, 100.0, 6.0, False, "Bo", False),
        Hotspot("shop", "src/api/views.py", 5, 50.0, None, False, "Cy", True),
    )


def test_hotspots_beyond_the_findings_list_fall_back_to_the_author_count():
    evidence = evidence_from_reports([("a", report("shop", more=True))])
    assert evidence is not None
    owners = [spot.single_owner for spot in evidence.hotspots]
    assert owners == [True, True, None]  # refund.py has one author; views.py three: unknown


def test_several_repositories_add_up_and_the_worst_counts():
    evidence = evidence_from_reports(
        [
            ("a", report("shop", knowledge_loss=5.0)),
            ("b", report("admin", knowledge_loss=30.0, truck_factor=1)),
        ]
    )
    assert evidence is not None
    assert evidence.languages() == [("Python", 1400), ("Go", 200)]
    assert evidence.worst("knowledge_loss_share") == ("admin", 30.0)
    assert evidence.truck_factor == 1
    assert evidence.untested_areas == ["shop:src/pay", "admin:src/pay"]
    assert evidence.stack == ["Django 5.0 (web framework)"]
    assert [spot.repository for spot in evidence.hotspots[:2]] == ["shop", "admin"]


def test_no_reports_no_evidence():
    assert evidence_from_reports([]) is None
