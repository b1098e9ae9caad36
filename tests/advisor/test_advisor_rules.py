"""The advisor's rules files: every rule justified and sourced, and the loader strict."""

from __future__ import annotations

import pytest

from cto.advisor.rulebook import TOPIC_FILES, RuleBook, RuleDataError, default_rules, parse_rules
from cto.advisor.stack import CONDITIONS

PREFIXES = {
    "model": "model.",
    "remote-fit": "remote-fit.",
    "challenges": "challenge.",
    "stack": "stack.",
    "candidate": "candidate.",
}
RULE = '[[rule]]\nid = "x.one"\ntitle = "One"\nrationale = "Because."\nsource = "PRODUCT.md"\n'


def test_every_rule_has_a_rationale_and_a_source_citing_the_brief():
    rules = default_rules().rules
    assert len(rules) > 30
    for rule in rules:
        assert len(rule.rationale) > 40, rule.id
        assert "PRODUCT.md" in rule.source, rule.id
        assert rule.title and rule.id.startswith(PREFIXES[rule.topic]), rule.id


def test_every_topic_file_is_loaded():
    assert {rule.topic for rule in default_rules().rules} == set(TOPIC_FILES)


def test_the_eight_challenges_and_the_eight_candidate_questions_are_data():
    book = default_rules()
    assert [rule.id for rule in book.topic("challenges")] == [
        "challenge.mvp-size",
        "challenge.stack-fit",
        "challenge.data-model",
        "challenge.integration",
        "challenge.custom-vs-saas",
        "challenge.vendor-estimate",
        "challenge.roadmap-noise",
        "challenge.technical-debt",
    ]
    questions = [rule for rule in book.topic("candidate") if rule.good_answer]
    assert len(questions) == 8
    assert all(rule.question.endswith("?") for rule in questions)


def test_stack_advice_rules_use_only_known_conditions_and_carry_trade_offs():
    for rule in default_rules().topic("stack"):
        assert set(rule.thresholds) <= CONDITIONS, rule.id
        if rule.id != "stack.readiness":
            assert rule.trade_offs and rule.recommendation, rule.id


def test_a_valid_file_parses():
    (rule,) = parse_rules("x", RULE + 'thresholds = { limit = 3, words = ["a"] }\n')
    assert (rule.id, rule.topic, dict(rule.thresholds)) == (
        "x.one",
        "x",
        {"limit": 3, "words": ["a"]},
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (RULE + "threshold = { limit = 3 }\n", "unknown key 'threshold'"),
        (RULE + RULE, "advisor rule 'x.one' is defined twice"),
        (RULE.replace('rationale = "Because."\n', ""), "rationale is missing or empty"),
        (RULE.replace('"PRODUCT.md"', '"  "'), "source is missing or empty"),
        (RULE + "thresholds = { deep = { deeper = { x = 1 } } }\n", "threshold 'deep'"),
        (RULE + "watch_outs = [1, 2]\n", "watch_outs must be a list of texts"),
        (RULE + 'raises = "yes"\n', "raises must be true or false"),
        ('title = "loose"\n' + RULE, "unknown top-level key 'title'"),
        (RULE + "id = \n", "advisor rules x:"),
    ],
)
def test_the_loader_refuses_malformed_rules(text, message):
    with pytest.raises(RuleDataError, match=message.replace("(", r"\(")):
        parse_rules("x", text)


def test_an_id_in_two_files_is_refused():
    with pytest.raises(RuleDataError, match="defined twice"):
        RuleBook.from_texts({"a": RULE, "b": RULE})
