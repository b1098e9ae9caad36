"""The company profile: the documented TOML, the interview that explains itself, the display."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from cto.record.items import RecordError
from cto.record.profile import (
    ADVICE_FIELDS,
    BusinessModel,
    CompanyProfile,
    RemoteFactor,
    Stage,
    Uptime,
    missing_for_advice,
)
from cto.record.profile_interview import QUESTIONS, interview
from cto.record.profile_text import (
    ADVICE_FIELD_HELP,
    FACTOR_HELP,
    FIELD_HELP,
    missing_lines,
    profile_from_toml,
    profile_lines,
    read_profile_file,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "profile.toml"
ENTER = object()
"""A scripted answer meaning: press Enter (take the default)."""


class Script:
    """Answers the interview's questions in order, recording what was asked and said."""

    def __init__(self, answers: list[object]) -> None:
        self._answers: Iterator[object] = iter(answers)
        self.prompts: list[str] = []
        self.defaults: list[str] = []
        self.said: list[str] = []

    def ask(self, prompt: str, default: str) -> str:
        self.prompts.append(prompt)
        self.defaults.append(default)
        answer = next(self._answers)
        return default if answer is ENTER else str(answer)

    def say(self, line: str) -> None:
        self.said.append(line)

    def run(self, current: CompanyProfile | None = None) -> CompanyProfile:
        profile = interview(self.ask, self.say, current)
        assert next(self._answers, None) is None, "not every scripted answer was asked for"
        return profile


def blank_answers(name: str = "Kitebook") -> list[object]:
    """The name, then every other question left unknown, no goals, no remote-fit scores."""
    return [name, *[""] * (len(QUESTIONS) - 1), "", ENTER]


def test_the_documented_example_is_a_complete_profile():
    profile = read_profile_file(EXAMPLE)
    assert profile.name == "Kitebook"
    assert profile.business_model is BusinessModel.B2B_SAAS
    assert profile.risk.uptime is Uptime.BUSINESS_HOURS
    assert profile.goals[0].due == date(2027, 6, 30)
    assert sum(profile.remote_fit.values()) == 32
    assert missing_for_advice(profile) == []


def test_a_name_alone_is_enough_and_the_rest_is_unknown():
    profile = profile_from_toml('name = "Solo"')
    assert missing_for_advice(profile) == list(ADVICE_FIELDS)
    assert len(missing_lines(profile)) == len(ADVICE_FIELDS)
    assert "Stage:              unknown" in profile_lines(profile)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x"\nstage = "series-a"', "stage: 'series-a' is not allowed"),
        ('name = "x"\n[team]\nsize = -1', "team.size: input should be greater than or equal"),
        ('name = "x"\nfounded = 2020', "founded: extra inputs are not permitted"),
        ('name = "x"\n[remote_fit]\ntime-bounded = 9', "not between 1 and 5"),
        ('name = "x"\nstage = ', "not valid TOML"),
        ('stage = "mvp"', "name: field required"),
    ],
)
def test_bad_toml_is_one_line(text, message):
    with pytest.raises(RecordError, match=message) as raised:
        profile_from_toml(text)
    assert "\n" not in str(raised.value)


def test_an_unreadable_file_is_one_line(tmp_path):
    with pytest.raises(RecordError, match="cannot read"):
        read_profile_file(tmp_path / "missing.toml")


def test_help_covers_every_question_factor_and_advice_field():
    assert {question.path for question in QUESTIONS} <= set(FIELD_HELP)
    assert set(FACTOR_HELP) == set(RemoteFactor)
    assert set(ADVICE_FIELD_HELP) == set(ADVICE_FIELDS)


def test_each_question_comes_after_why_it_matters():
    script = Script(blank_answers())
    profile = script.run()
    assert profile == CompanyProfile(name="Kitebook")
    for question in QUESTIONS:
        assert FIELD_HELP[question.path] in script.said
    assert any(line.startswith("Runway decides how large an MVP can be") for line in script.said)


def test_answers_fill_the_profile():
    answers = [
        "Kitebook",
        "mvp",
        "b2b-saas",
        "Schools publish lessons; students book",
        "unknown",
        "3",
        "backend, mobile ,",
        "some",
        "no",
        "yes",
        "18,000",
        "eur",
        "14",
        "yes",
        "n",
        "NO",
        "GDPR",
        "business-hours",
        "non-technical-founder, agency-or-freelancers",
        "Paying schools",
        "schools on a paid plan",
        "40",
        "2027-06-30",
        "Paying schools",
        "",
        "metric two",
        "",
        "",
        "",
        "yes",
        *["4"] * 8,
    ]
    profile = Script(answers).run()
    assert profile.stage is Stage.MVP
    assert profile.product_type is None
    assert profile.team.roles == ["backend", "mobile"]
    assert profile.team.founder_technical is False and profile.team.uses_agency is True
    assert (profile.monthly_tech_budget, profile.currency) == (18000, "EUR")
    assert profile.risk.known() and profile.risk.regulations == ["GDPR"]
    assert [goal.id for goal in profile.goals] == ["paying-schools", "paying-schools-2"]
    assert profile.goals[1].metric == "metric two"
    assert sum(profile.remote_fit.values()) == 32
    assert missing_for_advice(profile) == []


def test_a_bad_answer_is_explained_and_asked_again():
    answers = blank_answers()
    answers[1:2] = ["series-a", "growth"]  # stage
    team_size = 1 + [q.path for q in QUESTIONS].index("team.size")
    answers[team_size : team_size + 1] = ["three", "-1", "4"]
    answers[-1:] = ["yes", "7", "5", *[""] * 7]  # remote fit: 7 is out of range
    script = Script(answers)
    profile = script.run()
    assert profile.stage is Stage.GROWTH and profile.team.size == 4
    assert profile.remote_fit == {RemoteFactor.CLOUD_NATIVE_PRODUCT: 5}
    problems = [line for line in script.said if "try again" in line or "between" in line]
    assert len(problems) == 4
    assert "'three' is not a whole number" in problems[1]


def test_the_name_cannot_be_left_blank():
    script = Script(["", "unknown", *blank_answers()])
    assert script.run().name == "Kitebook"


def test_an_update_offers_the_stored_answers_and_unknown_clears_one():
    current = read_profile_file(EXAMPLE)
    team_size = [q.path for q in QUESTIONS].index("team.size")
    answers: list[object] = [ENTER] * len(QUESTIONS)
    answers[team_size] = "unknown"
    script = Script([*answers, "yes", "", ENTER])
    profile = script.run(current)
    assert script.defaults[0] == "Kitebook"
    assert profile.team.size is None
    assert profile.model_copy(update={"team": current.team}) == current


def test_profile_lines_show_goals_and_remote_fit():
    text = "\n".join(profile_lines(read_profile_file(EXAMPLE)))
    assert "18,000 EUR a month; runway: 14 months" in text
    assert "Schools paying for the product [paying-schools]" in text
    assert "32 from 8 of 8 factors scored" in text
    assert "Founder technical:  no" in text
