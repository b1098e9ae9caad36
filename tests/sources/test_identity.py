"""Mailmap parsing and identity merging."""

from __future__ import annotations

from cto.sources.identity import Mailmap, normalise_name, parse_mailmap, resolve_identities

FOUR_FORMS = """\
# comment line <ignored@example.com>
Proper One <one@example.com>
<proper-two@example.com> <two@example.com>
Proper Three <proper-three@example.com> <three@example.com>  # trailing comment
Proper Four <proper-four@example.com> Old Four <four@example.com>
"""


def test_all_four_mailmap_forms():
    mailmap = parse_mailmap(FOUR_FORMS)
    assert mailmap.map("one", "one@example.com") == ("Proper One", "one@example.com")
    assert mailmap.map("two", "two@example.com") == ("two", "proper-two@example.com")
    assert mailmap.map("x", "three@example.com") == ("Proper Three", "proper-three@example.com")
    assert mailmap.map("Old Four", "four@example.com") == ("Proper Four", "proper-four@example.com")
    assert mailmap.map("Other", "four@example.com") == ("Other", "four@example.com")
    assert mailmap.map("Nobody", "ignored@example.com") == ("Nobody", "ignored@example.com")


def test_mailmap_matches_case_insensitively_and_name_match_wins():
    mailmap = parse_mailmap(
        "Email Only <SAME@Example.com>\nBy Name <named@example.com> old name <same@example.com>\n"
    )
    assert mailmap.map("someone", "same@EXAMPLE.com") == ("Email Only", "same@EXAMPLE.com")
    assert mailmap.map("Old Name", "same@example.com") == ("By Name", "named@example.com")


def test_later_lines_for_one_email_combine():
    mailmap = parse_mailmap("Proper <a@example.com>\n<b@example.com> <a@example.com>\n")
    assert mailmap.map("x", "a@example.com") == ("Proper", "b@example.com")


def test_malformed_lines_are_ignored():
    assert parse_mailmap("no email here\nName <>\n<unclosed@example.com\n") == Mailmap()


def test_normalised_name():
    assert normalise_name("  José   PÉREZ ") == normalise_name("jose perez") == "jose perez"


def test_same_email_in_another_case_is_one_person():
    people = resolve_identities(
        [("Ada", "Ada@Example.com"), ("Ada L.", "ada@example.com"), ("Ada L.", "ada@example.com")],
        [],
    )
    ada = people[("Ada", "Ada@Example.com")]
    assert ada is people[("Ada L.", "ada@example.com")]
    assert (ada.id, ada.name) == ("ada@example.com", "Ada L.")
    assert ada.emails == ("Ada@Example.com", "ada@example.com")
    assert ada.names == ("Ada", "Ada L.")


def test_same_normalised_name_is_one_person_through_a_chain():
    people = resolve_identities(
        [
            ("José  Pérez", "jose@work.example"),
            ("jose perez", "jp@home.example"),
            ("J. P.", "jp@home.example"),
            ("Someone Else", "else@example.com"),
        ],
        [],
    )
    jose = people[("J. P.", "jp@home.example")]
    assert jose is people[("José  Pérez", "jose@work.example")]
    assert jose.id == "jp@home.example"  # used by two commits, the work email by one
    assert jose.name == "J. P."  # all used once: alphabetically first
    assert people[("Someone Else", "else@example.com")].id == "else@example.com"


def test_placeholders_do_not_merge_strangers():
    people = resolve_identities(
        [("Alice", ""), ("Bob", ""), ("root", "alice@example.com"), ("root", "bob@example.com"),
         ("", "carol@example.com"), ("", "dan@example.com")],
        [],
    )  # fmt: skip
    assert people[("Alice", "")] is not people[("Bob", "")]
    assert people[("root", "alice@example.com")] is not people[("root", "bob@example.com")]
    assert people[("", "carol@example.com")] is not people[("", "dan@example.com")]
    assert (people[("Alice", "")].id, people[("Bob", "")].id) == ("Alice", "Bob")
    ids = {person.id for person in people.values()}
    assert len(ids) == 6


def test_aliases_apply_after_the_repository_mailmap():
    repo_map = parse_mailmap("<ada@new.example> <ada@old.example>\n")
    aliases = parse_mailmap("Countess Ada <ada@new.example>\n")
    people = resolve_identities(
        [("ada", "ada@old.example"), ("Bob", "bob@x.example")], [repo_map, aliases]
    )
    ada = people[("ada", "ada@old.example")]
    assert (ada.id, ada.name) == ("ada@new.example", "Countess Ada")
    assert ada.emails == ("ada@new.example", "ada@old.example")
    reversed_order = resolve_identities([("ada", "ada@old.example")], [aliases, repo_map])
    assert reversed_order[("ada", "ada@old.example")].name == "ada"
