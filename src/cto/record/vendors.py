"""Vendors: what an agency or supplier was hired to do, what it estimated, and what it has cost.

A vendor's estimate is only as good as the discovery behind it: a fixed price made before anyone
mapped the real workflow, or without contingency, is how a small MVP becomes a large overrun. The
derived :class:`VendorView` compares actuals with the estimate and raises the two warnings the
advisor's "vendor estimate hides missing discovery" challenge reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

from cto.record.items import RecordError, RecordModel, register
from cto.record.store import RecordStore
from cto.record.team_types import Money, Name, Percent, Slug, Statement, Text, Weeks, share, updated


class ContractType(StrEnum):
    """How a vendor is paid."""

    FIXED_PRICE = "fixed-price"
    TIME_AND_MATERIALS = "time-and-materials"
    RETAINER = "retainer"
    SUBSCRIPTION = "subscription"
    OTHER = "other"


ESTIMATED_CONTRACTS = (ContractType.FIXED_PRICE, ContractType.TIME_AND_MATERIALS)
"""Contracts priced from an estimate of the work, where contingency matters."""


@register
class Vendor(RecordModel):
    """An agency, freelancer or supplier working on the product."""

    KIND: ClassVar[str] = "vendor"
    LABEL: ClassVar[str] = "vendor"

    id: Slug
    name: Name
    scope: Statement
    contract: ContractType = ContractType.OTHER
    estimate: Money | None = None
    estimate_weeks: Weeks | None = None
    actual_to_date: Money | None = None
    actual_weeks: Weeks | None = None
    discovery_done: bool | None = None
    """Whether a discovery phase (workflow, data, integrations) preceded the estimate."""
    contingency_percent: Percent | None = None
    """Share of the estimate held back for surprises, 0 to 100."""
    started: date | None = None
    notes: Text = ""

    def record_key(self) -> str:
        """The vendor's id."""
        return self.id


@dataclass(frozen=True)
class VendorWarning:
    """Something about a vendor's estimate a CTO would challenge."""

    code: str
    """``estimate-without-discovery`` or ``no-contingency``."""
    message: str


@dataclass(frozen=True)
class VendorView:
    """A vendor with its estimate compared to actuals.

    Attributes:
        vendor: the stored entry.
        spent_share: actual cost to date as a fraction of the estimate (``None`` if either is
            unknown or the estimate is 0).
        weeks_share: weeks used as a fraction of the weeks estimated.
        cost_overrun: more spent than estimated.
        time_overrun: more weeks used than estimated.
        warnings: estimate challenges (missing discovery, missing contingency).
    """

    vendor: Vendor
    spent_share: float | None
    weeks_share: float | None
    cost_overrun: bool
    time_overrun: bool
    warnings: tuple[VendorWarning, ...]

    @property
    def overrun(self) -> bool:
        """Over the estimate in money or in time."""
        return self.cost_overrun or self.time_overrun

    def to_json(self) -> dict[str, Any]:
        """The view as JSON-able data (the vendor's fields, then the derived ones)."""
        return {
            **self.vendor.model_dump(mode="json"),
            "spent_share": self.spent_share,
            "weeks_share": self.weeks_share,
            "cost_overrun": self.cost_overrun,
            "time_overrun": self.time_overrun,
            "overrun": self.overrun,
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
        }


def vendor_view(vendor: Vendor) -> VendorView:
    """Compare a vendor's actuals with its estimate and list what to challenge."""
    spent = vendor.actual_to_date
    weeks = vendor.actual_weeks
    return VendorView(
        vendor=vendor,
        spent_share=None if spent is None else share(spent, vendor.estimate),
        weeks_share=None if weeks is None else share(weeks, vendor.estimate_weeks),
        cost_overrun=_over(spent, vendor.estimate),
        time_overrun=_over(weeks, vendor.estimate_weeks),
        warnings=tuple(_warnings(vendor)),
    )


def _over(actual: float | None, estimate: float | None) -> bool:
    return actual is not None and estimate is not None and actual > estimate


def _warnings(vendor: Vendor) -> list[VendorWarning]:
    if vendor.estimate is None and vendor.estimate_weeks is None:
        return []
    found = []
    if vendor.discovery_done is not True:
        state = "was not done" if vendor.discovery_done is False else "is not recorded"
        found.append(
            VendorWarning(
                "estimate-without-discovery",
                f"estimate without discovery: discovery {state}, so the estimate may hide "
                "unknown workflow, data and integration work",
            )
        )
    if vendor.contract in ESTIMATED_CONTRACTS and not vendor.contingency_percent:
        found.append(
            VendorWarning(
                "no-contingency",
                f"no contingency on a {vendor.contract.value} estimate: any surprise becomes "
                "an overrun or a cut in scope",
            )
        )
    return found


def add_vendor(store: RecordStore, vendor: Vendor) -> VendorView:
    """Add a vendor to the record.

    Raises:
        RecordError: a vendor with that id exists.
    """
    store.add(vendor)
    return vendor_view(vendor)


def update_vendor(store: RecordStore, vendor_id: str, changes: Mapping[str, Any]) -> VendorView:
    """Change some fields of a vendor (the id stays).

    Raises:
        RecordError: no such vendor, or a changed value is invalid.
    """
    if "id" in changes and changes["id"] != vendor_id:
        raise RecordError("a vendor's id cannot change")
    vendor = updated(store.require(Vendor, vendor_id), changes)
    store.save(vendor)
    return vendor_view(vendor)


def vendor_views(store: RecordStore) -> list[VendorView]:
    """Every vendor with its estimate view, oldest first."""
    return [vendor_view(vendor) for vendor in store.all(Vendor)]
