"""Technology spend: monthly lines by category and vendor, with build-vs-buy notes.

The CTO owns the technology budget: where the money goes each month (cloud, SaaS, tooling,
contractors, people, licenses), how much of it one vendor takes, and whether the month stayed
within the profile's monthly technology budget. A line may say why something is bought rather
than built (or the reverse), so the build-vs-buy reasoning stays next to its cost.
CSV import lives in :mod:`cto.record.spend_csv`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import StringConstraints

from cto.record.items import RecordModel, register
from cto.record.profile import CompanyProfile
from cto.record.store import RecordStore
from cto.record.team_types import Money, Month, Slug, require_month, share
from cto.record.vendors import Vendor

Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class SpendCategory(StrEnum):
    """What a spend line pays for."""

    CLOUD = "cloud"
    SAAS = "saas"
    TOOLING = "tooling"
    CONTRACTORS = "contractors"
    PEOPLE = "people"
    LICENSES = "licenses"
    OTHER = "other"


@register
class SpendLine(RecordModel):
    """One amount spent on technology in one month."""

    KIND: ClassVar[str] = "spend"
    LABEL: ClassVar[str] = "spend line"

    id: Slug
    month: Month
    category: SpendCategory
    vendor: Slug | None = None
    """The id of a vendor in the record, when one is paid."""
    amount: Money
    build_vs_buy: Note | None = None
    """Why this is bought rather than built, or built rather than bought."""

    def record_key(self) -> str:
        """``month/id``: the same id may recur every month."""
        return f"{self.month}/{self.id}"


def add_spend(store: RecordStore, line: SpendLine) -> SpendLine:
    """Add a spend line; its vendor, if named, must be in the record.

    Raises:
        RecordError: the vendor is missing, or the month already has a line with that id.
    """
    if line.vendor is not None:
        store.require(Vendor, line.vendor)
    store.add(line)
    return line


@dataclass(frozen=True)
class SpendTotals:
    """Totals of a set of spend lines.

    Attributes:
        total: the sum of every line.
        by_category: the sum per category that has lines, in category order.
        by_vendor: the sum per named vendor, largest first.
        vendor_share: each vendor's fraction of ``total`` (4 decimals; ``None`` if total is 0).
        unattributed: the sum of lines without a vendor.
    """

    total: float
    by_category: dict[SpendCategory, float]
    by_vendor: dict[str, float]
    vendor_share: dict[str, float | None]
    unattributed: float

    def to_json(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "total": self.total,
            "by_category": {c.value: v for c, v in self.by_category.items()},
            "by_vendor": self.by_vendor,
            "vendor_share": self.vendor_share,
            "unattributed": self.unattributed,
        }


def totals(lines: Iterable[SpendLine]) -> SpendTotals:
    """Sum spend lines per category and per vendor."""
    lines = list(lines)
    total = _sum(line.amount for line in lines)
    by_category = {
        category: _sum(line.amount for line in lines if line.category is category)
        for category in SpendCategory
        if any(line.category is category for line in lines)
    }
    vendors = {line.vendor for line in lines if line.vendor is not None}
    by_vendor = {v: _sum(line.amount for line in lines if line.vendor == v) for v in vendors}
    by_vendor = dict(sorted(by_vendor.items(), key=lambda item: (-item[1], item[0])))
    return SpendTotals(
        total=total,
        by_category=by_category,
        by_vendor=by_vendor,
        vendor_share={vendor: share(amount, total) for vendor, amount in by_vendor.items()},
        unattributed=_sum(line.amount for line in lines if line.vendor is None),
    )


def _sum(amounts: Iterable[float]) -> float:
    return round(math.fsum(amounts), 2)


@dataclass(frozen=True)
class MonthSpend:
    """One month's spend against the monthly technology budget."""

    month: str
    lines: list[SpendLine]
    totals: SpendTotals
    budget: int | None
    """The profile's monthly technology budget, if known."""

    @property
    def over_budget(self) -> bool:
        """The month spent more than the budget (``False`` when the budget is unknown)."""
        return self.budget is not None and self.totals.total > self.budget

    def to_json(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "month": self.month,
            **self.totals.to_json(),
            "budget": self.budget,
            "over_budget": self.over_budget,
            "lines": [line.model_dump(mode="json") for line in self.lines],
        }


@dataclass(frozen=True)
class SpendReport:
    """Spend per month (oldest first) and over all the months shown."""

    months: list[MonthSpend]
    overall: SpendTotals
    currency: str | None

    def to_json(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "currency": self.currency,
            "months": [month.to_json() for month in self.months],
            "overall": self.overall.to_json(),
        }


def spend_report(store: RecordStore, month: str | None = None) -> SpendReport:
    """Spend of one month, or of every month with lines, compared with the profile's budget.

    Raises:
        RecordError: ``month`` is not ``YYYY-MM``.
    """
    if month is not None:
        month = require_month(month)
    lines = [line for line in store.all(SpendLine) if month is None or line.month == month]
    profile = store.get(CompanyProfile, CompanyProfile.KEY)
    budget = None if profile is None else profile.monthly_tech_budget
    by_month: dict[str, list[SpendLine]] = {month: []} if month else {}
    for line in lines:
        by_month.setdefault(line.month, []).append(line)
    return SpendReport(
        months=[MonthSpend(m, by_month[m], totals(by_month[m]), budget) for m in sorted(by_month)],
        overall=totals(lines),
        currency=None if profile is None else profile.currency,
    )
