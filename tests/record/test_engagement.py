"""Engagement terms: each structure's defaults from data, validation, and rule overrides."""

from __future__ import annotations

import json
from datetime import date

import pytest

from cto.record.engagement import (
    DecisionArea,
    Engagement,
    EngagementStructure,
    default_engagement,
    engagement_defaults,
    make_override,
    structure_info,
)
from cto.record.engagement_text import engagement_lines
from cto.record.items import RecordError, build

CTO = "fractional CTO"


def test_the_data_file_defines_exactly_the_five_structures_with_reasons():
    data = engagement_defaults()
    assert set(data["structure"]) == {structure.value for structure in EngagementStructure}
    for name, table in data["structure"].items():
        assert table["rationale"].strip() and table["source"].strip(), name
        assert set(table["decision_rights"]) == {area.value for area in DecisionArea}, name
        assert 5 <= table["weekly_hours"] <= 25, f"{name}: outside the fractional range"
        assert set(table["rhythm"]) <= set(data["rhythm"]), name
        assert table["response"] in data["response"], name


@pytest.mark.parametrize("structure", list(EngagementStructure))
def test_every_default_is_a_complete_valid_engagement(structure):
    engagement = default_engagement(structure)
    assert engagement.structure is structure
    assert set(engagement.decision_rights) == set(DecisionArea)
    assert engagement.outputs and engagement.rhythm and engagement.founder_owns
    assert engagement.team_owns and engagement.overrides == []
    assert build(Engagement, engagement.model_dump(mode="json")) == engagement


def test_in_an_audit_the_cto_advises_and_the_founder_decides_everything():
    rights = default_engagement("architecture-audit").decision_rights
    assert {right.decides for right in rights.values()} == {"founder"}
    assert all(CTO in right.consulted for right in rights.values())


def test_an_interim_cto_decides_architecture_but_not_the_budget():
    rights = default_engagement("interim-leadership").decision_rights
    assert rights[DecisionArea.ARCHITECTURE].decides == CTO
    assert rights[DecisionArea.BUDGET].decides == "founder"


def test_mvp_leadership_splits_technical_and_business_calls():
    rights = default_engagement("mvp-leadership").decision_rights
    assert rights[DecisionArea.ARCHITECTURE].decides == CTO
    assert rights[DecisionArea.SECURITY].decides == CTO
    assert rights[DecisionArea.ROADMAP].decides == "founder"
    assert rights[DecisionArea.BUDGET].decides == "founder"


def test_the_remote_rhythm_and_the_weekly_agenda():
    rhythm = " | ".join(default_engagement("mvp-leadership").rhythm)
    for part in (
        "1-2 h",
        "60-90 min",
        "sprint review 15",
        "technical decisions 20",
        "team and hiring 15",
        "roadmap alignment 15",
        "blockers and escalations 10",
        "2-3 h",
        "Optional in-person day once a quarter",
    ):
        assert part in rhythm


def test_response_times_for_operational_and_review_engagements():
    operational = default_engagement("vendor-oversight").response
    assert operational.blocking_question_hours == 2
    assert operational.critical_incident_minutes == 30
    assert operational.after_hours_p1_minutes == 60
    assert "emergencies only" in operational.weekends
    review = default_engagement("discovery-sprint").response
    assert review.after_hours_p1_minutes is None
    assert "not covered" in review.weekends


def test_time_boxed_structures_get_an_end_date_from_the_start():
    assert default_engagement("discovery-sprint", date(2026, 3, 2)).ends == date(2026, 3, 16)
    assert default_engagement("architecture-audit", date(2026, 3, 2)).ends == date(2026, 3, 23)
    assert default_engagement("discovery-sprint").ends is None
    assert default_engagement("interim-leadership", date(2026, 3, 2)).ends is None


def test_an_unknown_structure_is_refused():
    with pytest.raises(ValueError, match="retainer"):
        default_engagement("retainer")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekly_hours": 0}, "weekly_hours"),
        ({"weekly_hours": 61}, "weekly_hours"),
        ({"started": date(2026, 2, 1), "ends": date(2026, 1, 1)}, "is before started"),
        ({"structure": "retainer"}, "'retainer' is not allowed"),
        ({"outputs": ["   "]}, "outputs.0"),
        ({"decision_rights": {"marketing": {"decides": "founder"}}}, "marketing"),
        ({"decision_rights": {"hiring": {"decides": " "}}}, "decides"),
    ],
)
def test_invalid_changes_are_one_line_record_errors(changes, message):
    with pytest.raises(RecordError, match=message) as raised:
        default_engagement("mvp-leadership").updated(**changes)
    assert "\n" not in str(raised.value)


def override(value: object = 25, threshold: str = "medium", reason: str = "legacy module"):
    return make_override(
        rule="complexity.complex-functions", threshold=threshold, value=value, reason=reason
    )


def test_an_override_replaces_one_for_the_same_rule_and_threshold():
    engagement = default_engagement("mvp-leadership").with_override(override(25))
    engagement = engagement.with_override(override(30, reason="agreed with the founder"))
    engagement = engagement.with_override(override(3, threshold="low"))
    assert [(o.threshold, o.value) for o in engagement.overrides] == [("medium", 30), ("low", 3)]
    assert engagement.override_for("complexity.complex-functions", "medium").reason == (
        "agreed with the founder"
    )


def test_overrides_need_a_reason_and_a_known_audit_threshold():
    with pytest.raises(RecordError, match="reason"):
        override(reason="   ")
    base = default_engagement("mvp-leadership")
    with pytest.raises(RecordError, match=r"has no threshold 'mediun' .*low, medium"):
        base.with_override(override(threshold="mediun"))
    with pytest.raises(RecordError, match="needs a number"):
        base.with_override(override(value="lots"))
    with pytest.raises(RecordError, match="needs a number"):
        base.with_override(override(value=True))
    advisor_rule = make_override(
        rule="challenge.mvp-too-large", threshold="x", value="y", reason="r"
    )
    assert base.with_override(advisor_rule).overrides == [advisor_rule]


def test_two_overrides_of_the_same_threshold_are_refused_in_stored_data():
    data = default_engagement("mvp-leadership").model_dump(mode="json")
    data["overrides"] = [override().model_dump(mode="json")] * 2
    with pytest.raises(RecordError, match="given twice"):
        build(Engagement, data)


@pytest.mark.parametrize("value", [True, False, 3, -2, 2.5, 3.0, "strict", "12"])
def test_override_values_keep_their_type_through_json(value):
    item = make_override(rule="advisor.rule", threshold="t", value=value, reason="r")
    back = type(item).model_validate(json.loads(json.dumps(item.model_dump(mode="json"))))
    assert back.value == value and type(back.value) is type(value)


def test_nan_is_not_a_threshold():
    with pytest.raises(RecordError, match="finite"):
        make_override(rule="a", threshold="b", value=float("nan"), reason="r")


def test_removing_an_override():
    engagement = default_engagement("mvp-leadership").with_override(override())
    assert engagement.without_override("complexity.complex-functions", "medium").overrides == []
    with pytest.raises(RecordError, match="no override of x y"):
        engagement.without_override("x", "y")


def test_the_readable_terms_show_rights_times_ownership_and_overrides():
    engagement = default_engagement("architecture-audit", date(2026, 3, 2)).with_override(
        override()
    )
    text = "\n".join(engagement_lines(engagement))
    assert "Architecture and risk audit (architecture-audit)" in text
    assert "Dates: 2026-03-02 to 2026-03-23" in text
    assert "architecture  founder" in text
    assert "P1 incidents after hours: not covered" in text
    assert "complexity.complex-functions medium = 25" in text
    assert "reason: legacy module" in text
    assert structure_info(EngagementStructure.ARCHITECTURE_AUDIT)["rationale"] in text
