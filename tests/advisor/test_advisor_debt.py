"""Technical debt: dangerous in unhealthy hotspots one person owns or no test covers."""

from __future__ import annotations

from advisor_samples import audit, facts, judge, override, repo, spot

from cto.advisor.debt import NEED_AUDIT, technical_debt


def test_an_unhealthy_hotspot_with_one_owner_or_no_tests_is_dangerous():
    spots = (
        spot("app/billing.py", 3.0, single_owner=True, owner="Ada", tested=True),
        spot("app/sync.py", 2.5, single_owner=False, tested=False),
        spot("app/views.py", 9.0, single_owner=True, owner="Ada", tested=True),
    )
    code = repo(
        hotspots_assessed=True,
        hotspots=spots,
        test_to_code_ratio=0.4,
        untested_areas=("app/sync",),
        truck_factor=1,
    )
    result = technical_debt(facts(audit=audit(code)), judge())
    assert (result.answer, result.headline) == (
        "raise",
        "Dangerous debt: 2 unhealthy hotspots at risk.",
    )
    assert result.reasons == [
        "Hotspot app/billing.py (product): health 3/10, only Ada knows it.",
        "Hotspot app/sync.py (product): health 2.5/10, no tests cover its area.",
        "2 hotspots of 3 have code health below 4 of 10.",
        "Areas without tests: app/sync.",
        "product: 0.4 lines of test per line of code.",
        "Truck factor 1.",
    ]
    assert result.evidence == ["audit 1 of product (2026-01-05)"]


def test_large_knowledge_loss_is_dangerous_even_with_healthy_hotspots():
    code = repo(hotspots_assessed=True, hotspots=(spot("a.py", 9.0),), knowledge_loss_share=30.0)
    result = technical_debt(facts(audit=audit(code)), judge())
    assert result.answer == "raise"
    assert result.reasons[0] == (
        "30% of product's code is known only by people inactive for over six months (at least "
        "25% is dangerous)."
    )


def test_debt_in_stable_code_is_acceptable():
    code = repo(
        hotspots_assessed=True,
        hotspots=(spot("app/views.py", 8.0, single_owner=True),),
        unhealthy_files=(("legacy/import.py", 2.0), ("app/views.py", 8.0)),
    )
    result = technical_debt(facts(audit=audit(code)), judge())
    assert (result.answer, result.headline) == (
        "fine",
        "Acceptable: the unhealthy code sits where work rarely goes.",
    )
    assert result.reasons[:2] == [
        "0 hotspots of 1 have code health below 4 of 10.",
        "1 file with poor health rarely changes (e.g. legacy/import.py): debt there is acceptable "
        "for now.",
    ]


def test_unhealthy_hotspots_shared_and_tested_are_manageable():
    code = repo(
        hotspots_assessed=True, hotspots=(spot("a.py", 3.0, single_owner=False, tested=True),)
    )
    result = technical_debt(facts(audit=audit(code)), judge())
    assert (result.answer, result.headline) == (
        "fine",
        "Manageable: the unhealthy hotspots have more than one owner and tests.",
    )


def test_without_an_audit_or_hotspots_debt_cannot_be_told():
    assert technical_debt(facts(), judge()).missing == [NEED_AUDIT]
    shallow = technical_debt(facts(audit=audit(repo())), judge())
    assert (shallow.answer, shallow.missing) == (
        "cannot-tell",
        ["hotspots: an audit with the repository's git history"],
    )
    unknown = repo(hotspots_assessed=True, hotspots=(spot("a.py", 3.0),))
    unclear = technical_debt(facts(audit=audit(unknown)), judge())
    assert (unclear.answer, unclear.missing) == (
        "cannot-tell",
        ["who knows a.py and whether tests cover it"],
    )


def test_an_override_of_the_health_limit_changes_what_is_dangerous():
    code = repo(hotspots_assessed=True, hotspots=(spot("a.py", 5.0, single_owner=True),))
    assert technical_debt(facts(audit=audit(code)), judge()).answer == "fine"
    stricter = judge(override("challenge.technical-debt", "unhealthy_health_below", 6))
    result = technical_debt(facts(audit=audit(code)), stricter)
    assert result.answer == "raise"
    assert [(o.threshold, o.value, o.reason) for o in result.overrides] == [
        ("unhealthy_health_below", 6, "agreed with the board")
    ]
