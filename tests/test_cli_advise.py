"""`cto advise`: the advisor's conclusions over a workspace, as text or JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from cto.cli import app
from cto.record.items import REGISTRY, build
from cto.record.profile import CompanyProfile
from cto.record.workspace import Workspace

LOWER = {
    "rule": "remote-fit.checklist",
    "threshold": "good_fit_above",
    "value": 25,
    "reason": "founder accepts a weaker fit",
    "by": "Ana",
}


def profile(**changes: Any) -> CompanyProfile:
    """A complete profile of a non-technical founder's clinic software, with ``changes``."""
    data = {
        "name": "Clinicly",
        "stage": "mvp",
        "business_model": "b2b-saas",
        "core_workflow": "clinics book and bill appointments",
        "product_type": "cloud-native",
        "team": {"size": 3, "roles": ["developer"], "remote_experience": "some"},
        "monthly_tech_budget": 12000,
        "currency": "EUR",
        "runway_months": 12,
        "risk": {
            "personal_data": True,
            "health_data": False,
            "payment_data": False,
            "uptime": "business-hours",
        },
        "situations": ["non-technical-founder"],
    }
    return CompanyProfile.model_validate({**data, **changes})


def invoke(*args):
    return CliRunner().invoke(app, [str(arg) for arg in args])


@pytest.fixture
def workspace(tmp_path):
    """A workspace holding the sample profile and an engagement with an override."""
    directory = tmp_path / ".cto"
    with Workspace.open(directory) as ws, ws.record() as store:
        store.save(
            profile(
                remote_fit={
                    "communication-tools": 1,
                    "founder-async-comfort": 4,
                    "budget-favours-fractional": 5,
                    "senior-talent-over-presence": 4,
                    "time-bounded": 3,
                }
            )
        )
        store.save(
            build(
                REGISTRY["engagement"],
                {
                    "structure": "mvp-leadership",
                    "weekly_hours": 12,
                    "overrides": [LOWER],
                    "response": {"blocking_question_hours": 2, "critical_incident_minutes": 30},
                },
            )
        )
    return directory


def test_advise_prints_each_answer_with_its_reasons(workspace):
    result = invoke("advise", "model", "--workspace", workspace)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Engagement model", "================"]
    assert "[FINE] Which engagement model fits the company now?" in lines
    assert "  Recommended: fractional or outsourced CTO." in lines
    assert "  Watch out:" in lines
    assert "Remote fit" not in result.stdout


def test_an_override_is_shown_with_its_reason_where_it_changed_the_answer(workspace):
    result = invoke("advise", "remote-fit", "--workspace", workspace)
    assert result.exit_code == 0, result.stderr
    assert "[FINE] Does a remote fractional CTO fit this company?" in result.stdout
    assert "  Good remote fit: 30 of 40." in result.stdout
    assert (
        "    - remote-fit.checklist: good_fit_above = 25 (default 30): founder accepts a weaker "
        "fit (by Ana)"
    ) in result.stdout


def test_json_lists_the_eight_challenges(workspace):
    result = invoke("advise", "challenges", "--json", "--workspace", workspace)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [c["rule"].removeprefix("challenge.") for c in data["conclusions"]] == [
        "mvp-size",
        "stack-fit",
        "data-model",
        "integration",
        "custom-vs-saas",
        "vendor-estimate",
        "roadmap-noise",
        "technical-debt",
    ]
    debt = data["conclusions"][-1]
    assert (debt["answer"], debt["missing"]) == (
        "cannot-tell",
        ["an audit of the product's repositories (cto audit PATH)"],
    )
    assert data["override_problems"] == []


def test_stack_advice_is_refused_naming_the_missing_fields(tmp_path):
    directory = tmp_path / ".cto"
    with Workspace.open(directory) as ws, ws.record() as store:
        store.save(profile(core_workflow=None, monthly_tech_budget=None))
    result = invoke("advise", "stack", "--json", "--workspace", directory)
    (refusal,) = json.loads(result.stdout)["conclusions"]
    assert (refusal["answer"], refusal["missing"]) == ("cannot-tell", ["core_workflow", "budget"])


def test_all_topics_by_default_with_candidate_questions(workspace):
    result = invoke("advise", "--workspace", workspace)
    assert result.exit_code == 0, result.stderr
    for title in (
        "Engagement model",
        "Remote fit",
        "The eight challenges",
        "Stack and architecture",
        "Hiring a CTO",
        "Questions to ask a CTO candidate",
    ):
        assert f"\n{title}\n" in f"\n{result.stdout}"
    data = json.loads(invoke("advise", "--json", "--workspace", workspace).stdout)
    assert len(data["candidate_questions"]) == 8


def test_a_missing_workspace_is_one_line_and_exit_2(tmp_path):
    result = invoke("advise", "--workspace", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("cto: error: no workspace at ")
    assert not (tmp_path / "nowhere").exists()


def test_an_unknown_topic_is_refused(workspace):
    result = invoke("advise", "everything", "--workspace", workspace)
    assert result.exit_code == 2
    assert "everything" in result.stderr
