"""Automated accounts: recognised from the data, left out of the facts, listed with commits."""

from __future__ import annotations

import pytest
from test_facts import facts, raw

from cto.analyzers.interface import AutomatedAuthor, Change
from cto.errors import InputError
from cto.sources.automated import AutomatedAccounts
from cto.sources.identity import parse_mailmap
from cto.sources.interface import FileChange
from repo_builder import epoch

ACCOUNTS = AutomatedAccounts.default()
DEPENDABOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
ACTION = ("GitHub Action", "action@github.com")


def person(name: str, *emails: str, names: tuple[str, ...] = ()) -> tuple[tuple[str, ...], ...]:
    return (name, *names), emails


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        (person("dependabot[bot]", "x@example.com"), "automated: name-suffix [bot]"),
        (person("Renovate[BOT]", "y@example.com"), "automated: name-suffix [bot]"),  # any case
        (person("CI", "41898282+GitHub-Actions[bot]@users.noreply.github.com"),
         "automated: email-suffix [bot]@users.noreply.github.com"),
        (person("dependabot-preview"), "automated: name dependabot-preview"),
        (person("Renovate Bot", "bot@renovateapp.com"), "automated: email bot@renovateapp.com"),
        (person("GitHub Action", "Action@GitHub.com"), "automated: email action@github.com"),
        (person("Jenkins", "ci@corp.example", names=("ci[bot]",)),  # as a mailmap shows it
         "automated: name-suffix [bot]"),
    ],
)  # fmt: skip
def test_automated_accounts_are_recognised_by_name_or_email(who, reason):
    assert ACCOUNTS.reason(*who) == reason


@pytest.mark.parametrize(
    "who",
    [
        person("Abbot Costello", "abbot@example.com"),  # "bot" inside a name is not "[bot]"
        person("Ada", "ada@bot.example"),
        person("Bot", "dev@example.com"),
        person("dependabot", "maintainer@example.com"),  # only the app's exact names count
    ],
)
def test_people_are_not_mistaken_for_tools(who):
    assert ACCOUNTS.reason(*who) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[account]]\nmatch = 'name'\nvalue = 'x'\nrationale = 'r'\n", "needs exactly"),
        ("[[account]]\nmatch = 'regex'\nvalue = 'x'\nrationale = 'r'\nsource = 's'\n",
         "match must be one of"),
        ("[[account]\n", "not valid TOML"),
    ],
)  # fmt: skip
def test_malformed_data_is_refused_with_its_place(text, message):
    with pytest.raises(InputError, match=message):
        AutomatedAccounts.from_toml(text, source="automated.toml")


def test_every_shipped_account_says_why_and_where_from():
    assert len(ACCOUNTS.accounts) >= 5
    assert all(a.rationale.strip() for a in ACCOUNTS.accounts)


def test_commits_of_tools_are_left_out_and_counted():
    history = [
        raw("4", "2024-01-04", FileChange("app.py", None, 1, 0), author=DEPENDABOT),
        raw("3", "2024-01-03", FileChange("app.py", None, 2, 0)),
        raw("2", "2024-01-02", FileChange("package.json", None, 3, 1), author=DEPENDABOT),
        raw("1", "2024-01-01", FileChange("app.py", None, 9, 0), author=ACTION),
    ]
    result = facts(history)
    assert [c.sha for c in result.commits] == ["3"]
    assert list(result.people) == ["ada@example.com"]
    assert result.automated == (
        AutomatedAuthor("dependabot[bot]", 2, "automated: name-suffix [bot]"),
        AutomatedAuthor("GitHub Action", 1, "automated: email action@github.com"),
    )


def test_a_tools_rename_is_still_followed_and_its_window_respected():
    history = [
        raw("3", "2024-03-01", FileChange("new.py", None, 1, 0)),
        raw("2", "2024-02-01", FileChange("new.py", "old.py", 0, 0), author=DEPENDABOT),
        raw("1", "2024-01-01", FileChange("old.py", None, 5, 0)),
    ]
    result = facts(history, since=epoch("2023-06-01"), until=epoch("2024-02-15"))
    assert [c.sha for c in result.commits] == ["1"]
    assert result.commits[0].changes == (Change("new.py", 5, 0),)  # renamed by the tool
    assert [(a.name, a.commits) for a in result.automated] == [("dependabot[bot]", 1)]


def test_a_mailmap_cannot_hide_a_tools_commits_behind_a_person():
    mailmap = parse_mailmap(f"Ada <ada@example.com> <{DEPENDABOT[1]}>\n")
    history = [
        raw("2", "2024-01-02", FileChange("a.py", None, 1, 0), author=DEPENDABOT),
        raw("1", "2024-01-01", FileChange("a.py", None, 3, 0)),
    ]
    result = facts(history, mailmaps=[mailmap])
    assert [c.sha for c in result.commits] == ["1"]  # Ada's own commit still counts
    assert [(a.name, a.commits) for a in result.automated] == [("Ada", 1)]


def test_the_aliases_file_marks_a_teams_own_ci_user():
    jenkins = ("jenkins", "ci@corp.example")
    aliases = parse_mailmap("release[bot] <ci@corp.example>\n")
    history = [
        raw("2", "2024-01-02", FileChange("CHANGELOG.md", None, 40, 0), author=jenkins),
        raw("1", "2024-01-01", FileChange("a.py", None, 3, 0)),
    ]
    result = facts(history, mailmaps=[aliases])
    assert [c.sha for c in result.commits] == ["1"]
    assert [(a.name, a.reason) for a in result.automated] == [
        ("release[bot]", "automated: name-suffix [bot]")
    ]


def test_a_history_of_tools_only_has_no_people():
    result = facts([raw("1", "2024-01-01", FileChange("a.py", None, 3, 0), author=DEPENDABOT)])
    assert result.commits == () and result.people == {}
    assert result.automated == (
        AutomatedAuthor("dependabot[bot]", 1, "automated: name-suffix [bot]"),
    )
