"""CVSS base scores from vectors, and the fallbacks when a record has none."""

from __future__ import annotations

import pytest
from vuln_records import osv

from cto.analyzers.vulnerability_severity import (
    cvss3_base_score,
    cvss4_approximate_score,
    record_severity,
    roundup,
)


@pytest.mark.parametrize(
    ("vector", "score"),
    [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
        ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
        ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5),
        ("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
        ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6),
    ],
)
def test_cvss3_base_scores(vector: str, score: float) -> None:
    assert cvss3_base_score(vector) == score


@pytest.mark.parametrize(
    "vector",
    ["CVSS:2.0/AV:N", "CVSS:3.1/AV:N/AC:L", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ""],
)
def test_bad_vectors_raise(vector: str) -> None:
    with pytest.raises(ValueError):
        cvss3_base_score(vector)


def test_roundup_avoids_float_noise() -> None:
    assert roundup(4.00001) == 4.1
    assert roundup(4.000001) == 4.0
    assert roundup(1.1 * 3) == 3.3  # 3.3000000000000003, not 3.4


def test_cvss4_is_approximated() -> None:
    vector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
    assert cvss4_approximate_score(vector) == 9.8
    record = osv("GHSA-4", vector=None, extra={"severity": [{"type": "CVSS_V4", "score": vector}]})
    assert record_severity(record).basis == "CVSS v4, approximated"


def test_database_word_is_the_fallback() -> None:
    record = osv("GHSA-5", vector=None, extra={"database_specific": {"severity": "MODERATE"}})
    severity = record_severity(record)
    assert (severity.score, severity.basis) == (4.0, "database rating MODERATE")
    assert record_severity(osv("GHSA-6", vector=None)).score is None


def test_highest_vector_wins() -> None:
    low = "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"
    high = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
    extra = {"severity": [{"type": "CVSS_V3", "score": low}, {"type": "CVSS_V3", "score": high}]}
    assert record_severity(osv("GHSA-7", vector=None, extra=extra)).score == 9.8
