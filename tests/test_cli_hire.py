"""`cto hire`: roles, candidates, moves, scorecards and pipelines, as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from team_cli import as_json, ok, refused


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return tmp_path / ".cto"


def test_hiring_from_role_to_pipeline(ws):
    out = ok(
        ws,
        'hire role add be-lead "Backend lead" --stage screen:communication '
        '--stage "technical: system-design, coding"',
    )
    assert out.splitlines() == [
        "be-lead  Backend lead  [open]",
        "  1. screen: communication",
        "  2. technical: system-design, coding",
    ]
    assert as_json(ws, "hire role list")[0]["loop"] == [
        {"name": "screen", "competencies": ["communication"]},
        {"name": "technical", "competencies": ["system-design", "coding"]},
    ]
    ok(ws, "hire candidate add ana Ana --role be-lead")
    ok(ws, "hire candidate add bob Bob --role be-lead")
    assert ok(ws, "hire candidate move ana screen") == "ana  Ana  be-lead  [screen]\n"
    ok(ws, "hire candidate move bob withdrawn")
    ok(
        ws,
        "hire candidate score ana --stage technical --interviewer Zoe --score coding=3 "
        "--score system-design=4 --recommendation yes --notes 'clear trade-offs'",
    )
    out = ok(
        ws,
        "hire candidate score ana --stage technical --interviewer Max --score coding=2 "
        "--score system-design=3 --recommendation no",
    )
    assert out.splitlines() == [
        "ana  Ana  be-lead  [screen]",
        "  system-design: 3.5",
        "  coding: 2.5",
        "  recommendations: no 1, yes 1",
        "  not scored yet: screen",
    ]
    summary = as_json(ws, "hire candidate show ana")
    assert (summary["means"], summary["unscored_stages"], summary["next_states"]) == (
        {"system-design": 3.5, "coding": 2.5},
        ["screen"],
        ["interview", "rejected", "withdrawn"],
    )
    assert summary["recommendations"] == {"strong-no": 0, "no": 1, "yes": 1, "strong-yes": 0}
    assert summary["scorecards"][0]["notes"] == "clear trade-offs"
    assert as_json(ws, "hire pipeline be-lead") == [
        {
            "role": "be-lead",
            "title": "Backend lead",
            "status": "open",
            "counts": {
                "applied": 0,
                "screen": 1,
                "interview": 0,
                "offer": 0,
                "hired": 0,
                "rejected": 0,
                "withdrawn": 1,
            },
            "active": 1,
        }
    ]
    assert ok(ws, "hire pipeline").splitlines() == [
        "be-lead  Backend lead  [open]",
        "  applied 0  screen 1  interview 0  offer 0  hired 0  rejected 0  withdrawn 1  (active 1)",
    ]


def test_bad_hiring_input_is_one_line_and_changes_nothing(ws):
    ok(ws, "hire role add be-lead 'Backend lead' --stage technical:coding")
    ok(ws, "hire candidate add ana Ana --role be-lead")
    score = "hire candidate score ana --stage technical --interviewer Zoe"
    for command, message in [
        ("hire candidate add bob Bob --role ghost", "no role 'ghost' in the record"),
        (
            "hire candidate move ana offer",
            "candidate 'ana' cannot move from applied to offer: it would skip screen, interview "
            "(next: screen, rejected or withdrawn)",
        ),
        ("hire candidate move ana promoted", "'promoted' is not a candidate state"),
        ("hire candidate move ghost screen", "no candidate 'ghost' in the record"),
        (f"{score} --score coding=7 --recommendation yes", "scores.coding: input should be less"),
        (f"{score} --score coding=high --recommendation yes", "'coding=high' is not a score"),
        (f"{score} --score humour=3 --recommendation yes", "'humour' is not a competency"),
        (f"{score} --score coding=3 --recommendation perhaps", "'perhaps' is not allowed"),
        (
            "hire candidate score ana --stage culture --interviewer Zoe --score coding=3 "
            "--recommendation yes",
            "stage 'culture' is not in the interview loop of role 'be-lead'",
        ),
        ("hire role add qa QA --stage only-a-name", "'only-a-name' is not an interview stage"),
        ("hire role status be-lead frozen", "status: 'frozen' is not allowed"),
        ("hire pipeline ghost", "no role 'ghost' in the record"),
    ]:
        refused(ws, command, message)
    ok(ws, "hire candidate move ana screen")
    ok(ws, "hire candidate move ana rejected")
    refused(
        ws,
        "hire candidate move ana screen",
        "candidate 'ana' cannot move from rejected to screen: rejected is final",
    )
    ok(ws, "hire role status be-lead closed")
    refused(ws, "hire candidate add cy Cy --role be-lead", "role 'be-lead' is closed")
