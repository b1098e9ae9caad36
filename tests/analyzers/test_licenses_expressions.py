"""License expressions and classes: OR, AND, WITH, -or-later, LicenseRef, aliases, unknown ids."""

from __future__ import annotations

import pytest

from cto.analyzers.license_classes import LicenseClass, classify, symbol_class

P, W, S, N = (LicenseClass.PERMISSIVE, LicenseClass.WEAK_COPYLEFT, LicenseClass.STRONG_COPYLEFT,
              LicenseClass.NETWORK_COPYLEFT)  # fmt: skip
PROP, UNK = LicenseClass.PROPRIETARY, LicenseClass.UNKNOWN

EXPRESSIONS = [
    # declared, normalised SPDX expression, class
    ("MIT", "MIT", P),
    ("MIT OR GPL-3.0", "MIT OR GPL-3.0-only", P),  # the licensee may choose MIT
    ("MIT AND GPL-3.0", "MIT AND GPL-3.0-only", S),  # both apply
    ("(MIT OR Apache-2.0) AND AGPL-3.0-only", "(MIT OR Apache-2.0) AND AGPL-3.0-only", N),
    ("GPL-2.0+", "GPL-2.0-or-later", S),
    ("GPL-3.0-or-later", "GPL-3.0-or-later", S),
    ("LGPL-2.1-only OR MIT", "LGPL-2.1-only OR MIT", P),
    ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0", W),
    ("GPL-3.0 WITH Autoconf-exception-3.0", "GPL-3.0-only WITH Autoconf-exception-3.0", W),
    ("GPL-2.0 WITH Some-other-exception", "GPL-2.0-only WITH Some-other-exception", S),
    ("Apache-2.0 WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception", P),
    ("mit or apache-2.0", "MIT OR Apache-2.0", P),
    ("MIT/Apache-2.0", "MIT OR Apache-2.0", P),  # Cargo's old notation
    ("LicenseRef-Acme-EULA", "LicenseRef-Acme-EULA", UNK),
    ("MIT AND LicenseRef-Acme", "MIT AND LicenseRef-Acme", UNK),  # unknown part: unknown
    ("AGPL-3.0 AND LicenseRef-Acme", "AGPL-3.0-only AND LicenseRef-Acme", N),  # obligation stands
    ("LicenseRef-Acme OR BSD-3-Clause", "LicenseRef-Acme OR BSD-3-Clause", P),
    ("Foo-1.0", "Foo-1.0", UNK),
    ("Apache 2.0", "Apache-2.0", P),
    ("The MIT License", "MIT", P),
    ("BSD", "BSD", UNK),  # ambiguous: 2- or 3-clause
    ("UNLICENSED", "LicenseRef-Proprietary", PROP),
    ("BUSL-1.1", "BUSL-1.1", PROP),
    ("BUSL-1.1 OR MIT", "BUSL-1.1 OR MIT", P),
    ("SSPL-1.0", "SSPL-1.0", N),
    ("MIT AND", None, UNK),
    ("((MIT", None, UNK),
    ("", None, UNK),
    (None, None, UNK),
]  # fmt: skip


@pytest.mark.parametrize(("declared", "expression", "expected"), EXPRESSIONS)
def test_expression(declared: str | None, expression: str | None, expected: LicenseClass) -> None:
    verdict = classify(declared)
    assert (verdict.expression, verdict.license_class) == (expression, expected)


CLASSES = [
    ("MIT", P), ("ISC", P), ("BSD-2-Clause", P), ("Apache-2.0", P), ("Unlicense", P), ("0BSD", P),
    ("CC0-1.0", P), ("Zlib", P), ("PSF-2.0", P),
    ("LGPL-2.1", W), ("LGPL-3.0-or-later", W), ("MPL-2.0", W), ("EPL-2.0", W), ("CDDL-1.0", W),
    ("GPL-2.0-only", S), ("GPL-3.0", S), ("gpl-3.0-or-later", S), ("EUPL-1.2", S),
    ("AGPL-3.0-only", N), ("AGPL-3.0-or-later", N), ("SSPL-1.0", N),
    ("Elastic-2.0", PROP), ("LicenseRef-Proprietary", PROP),
    ("LicenseRef-whatever", UNK), ("NOASSERTION", UNK),
]  # fmt: skip


@pytest.mark.parametrize(("spdx", "expected"), CLASSES)
def test_class(spdx: str, expected: LicenseClass) -> None:
    assert symbol_class(spdx) is expected


def test_ranks_and_open_source() -> None:
    order = [P, W, S, N, PROP]
    assert [c.rank for c in order] == [0, 1, 2, 3, 4]
    assert [c.open_source for c in order] == [True, True, True, True, False]
    assert UNK.rank == -1 and not UNK.open_source
