"""What can happen to architecture decision records, as functions over one record transaction.

Each function takes the :class:`~cto.record.store.RecordStore` of the current transaction, checks
everything first and raises :class:`~cto.record.items.RecordError` (in one line) before or instead
of writing, so a refused change leaves the record as it was once the transaction rolls back.

The lifecycle: a new ADR is *proposed* (or recorded straight as *accepted*); a proposed one is
*accepted* or *rejected*; an accepted one may later be *deprecated* (no longer applies, nothing
replaces it) or *superseded* by another ADR, which links both ways.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from cto.record.adr import Adr, AdrStatus
from cto.record.items import REGISTRY, RecordError, build
from cto.record.store import RecordStore

RISK_KIND = "risk"
"""Kind of the risk register's entries; citations are checked when that kind is registered."""

_ALLOWED_FROM = {
    AdrStatus.ACCEPTED: (AdrStatus.PROPOSED,),
    AdrStatus.REJECTED: (AdrStatus.PROPOSED,),
    AdrStatus.DEPRECATED: (AdrStatus.ACCEPTED,),
}


def new_adr(
    store: RecordStore,
    title: str,
    *,
    status: AdrStatus = AdrStatus.PROPOSED,
    on: date | None = None,
    context: str = "",
    decision: str = "",
    consequences: str = "",
    options: Sequence[str] = (),
    deciders: Sequence[str] = (),
    cites_findings: Sequence[str] = (),
    cites_risks: Sequence[int] = (),
) -> Adr:
    """Record a new ADR under the next free number; ``on`` defaults to the transaction's day.

    Raises:
        RecordError: a status other than proposed or accepted, an invalid field, or a cited
            risk that is not in the register.
    """
    if status not in (AdrStatus.PROPOSED, AdrStatus.ACCEPTED):
        raise RecordError(f"a new ADR is proposed or accepted, not {status.value}")
    adr = build(
        Adr,
        {
            "number": store.next_number(Adr),
            "title": title,
            "status": status,
            "date": on or store.now.date(),
            "context": context,
            "decision": decision,
            "consequences": consequences,
            "options": list(options),
            "deciders": list(deciders),
            "cites_findings": list(cites_findings),
            "cites_risks": list(cites_risks),
        },
    )
    check_citations(store, adr)
    store.add(adr)
    return adr


def set_status(store: RecordStore, number: int, status: AdrStatus) -> Adr:
    """Accept, reject or deprecate ADR ``number`` (superseding is :func:`supersede`).

    Raises:
        RecordError: no such ADR, or its current status does not allow the change.
    """
    allowed = _ALLOWED_FROM.get(status)
    if allowed is None:
        raise RecordError(f"an ADR cannot be set to {status.value} directly")
    adr = store.require(Adr, str(number))
    if adr.status not in allowed:
        needed = " or ".join(state.value for state in allowed)
        article = "an" if needed[0] in "aeiou" else "a"
        raise RecordError(
            f"ADR {number} is {adr.status.value}; only {article} {needed} ADR can be {status.value}"
        )
    changed = _changed(adr, status=status, date=store.now.date())
    store.save(changed)
    return changed


def accept(store: RecordStore, number: int) -> Adr:
    """Accept a proposed ADR."""
    return set_status(store, number, AdrStatus.ACCEPTED)


def reject(store: RecordStore, number: int) -> Adr:
    """Reject a proposed ADR."""
    return set_status(store, number, AdrStatus.REJECTED)


def deprecate(store: RecordStore, number: int) -> Adr:
    """Deprecate an accepted ADR that no longer applies and that nothing replaces."""
    return set_status(store, number, AdrStatus.DEPRECATED)


def supersede(store: RecordStore, old: int, new: int) -> tuple[Adr, Adr]:
    """Mark ADR ``old`` as superseded by ADR ``new``, linking both ways.

    Returns:
        The updated old and new ADRs.

    Raises:
        RecordError: ``old`` is ``new``, either is missing, ``old`` is already superseded, or
            ``new`` is not a proposed or accepted decision.
    """
    if old == new:
        raise RecordError(f"ADR {old} cannot supersede itself")
    old_adr = store.require(Adr, str(old))
    new_adr = store.require(Adr, str(new))
    if old_adr.status is AdrStatus.SUPERSEDED:
        by = "" if old_adr.superseded_by is None else f" by ADR {old_adr.superseded_by}"
        raise RecordError(f"ADR {old} is already superseded{by}")
    if new_adr.status not in (AdrStatus.PROPOSED, AdrStatus.ACCEPTED):
        raise RecordError(
            f"ADR {new} is {new_adr.status.value}; only a proposed or accepted ADR can "
            "supersede another"
        )
    today = store.now.date()
    old_adr = _changed(old_adr, status=AdrStatus.SUPERSEDED, superseded_by=new, date=today)
    new_adr = _changed(new_adr, supersedes=[*new_adr.supersedes, old])
    store.save(old_adr)
    store.save(new_adr)
    return old_adr, new_adr


def cite(
    store: RecordStore, number: int, *, findings: Iterable[str] = (), risks: Iterable[int] = ()
) -> Adr:
    """Add audit findings and register risks to what ADR ``number`` cites.

    Raises:
        RecordError: no such ADR, or a cited risk is not in the register.
    """
    adr = store.require(Adr, str(number))
    changed = _changed(
        adr,
        cites_findings=[*adr.cites_findings, *findings],
        cites_risks=[*adr.cites_risks, *risks],
    )
    check_citations(store, changed)
    store.save(changed)
    return changed


def check_citations(store: RecordStore, adr: Adr) -> None:
    """Check that every risk ``adr`` cites is in the register (when risks are a known kind).

    Raises:
        RecordError: the first cited risk that is missing.
    """
    risk = REGISTRY.get(RISK_KIND)
    if risk is None:
        return
    for number in adr.cites_risks:
        if store.get(risk, str(number)) is None:
            raise RecordError(
                f"ADR {adr.number} cites {risk.LABEL} {number}, which is not in the record"
            )


def check_links(adrs: Iterable[Adr]) -> None:
    """Check that superseding links point at existing ADRs and agree in both directions.

    Raises:
        RecordError: the first broken or one-sided link.
    """
    by_number = {adr.number: adr for adr in adrs}
    for adr in by_number.values():
        for old in adr.supersedes:
            target = by_number.get(old)
            if target is None:
                raise RecordError(f"ADR {adr.number} supersedes ADR {old}, which is not recorded")
            if target.superseded_by != adr.number:
                raise RecordError(
                    f"ADR {adr.number} supersedes ADR {old}, but ADR {old} does not say it is "
                    f"superseded by ADR {adr.number}"
                )
        if adr.superseded_by is not None:
            newer = by_number.get(adr.superseded_by)
            if newer is None:
                raise RecordError(
                    f"ADR {adr.number} is superseded by ADR {adr.superseded_by}, "
                    "which is not recorded"
                )
            if adr.number not in newer.supersedes:
                raise RecordError(
                    f"ADR {adr.number} is superseded by ADR {newer.number}, but ADR "
                    f"{newer.number} does not say it supersedes ADR {adr.number}"
                )


def import_adrs_into(store: RecordStore, adrs: Sequence[Adr], *, replace: bool = False) -> None:
    """Add ADRs read from files to the record, then check links and citations of the whole.

    Raises:
        RecordError: an ADR number already recorded (unless ``replace``), a broken link, or a
            cited risk missing from the register.
    """
    for adr in adrs:
        if not replace and store.get(Adr, adr.record_key()) is not None:
            raise RecordError(
                f"ADR {adr.number} is already in the record (--replace overwrites it)"
            )
        check_citations(store, adr)
        store.save(adr)
    check_links(store.all(Adr))


def list_adrs(store: RecordStore, status: AdrStatus | None = None) -> list[Adr]:
    """Every ADR by number, only those with ``status`` when given."""
    adrs = sorted(store.all(Adr), key=lambda adr: adr.number)
    return [adr for adr in adrs if status is None or adr.status is status]


def _changed(adr: Adr, **changes: object) -> Adr:
    return build(Adr, {**adr.model_dump(), **changes})
