"""ADRs as plain text for the terminal: one line per ADR in a list, or one ADR in full."""

from __future__ import annotations

from cto.record.adr import Adr
from cto.record.adr_ops import RISK_KIND
from cto.record.items import REGISTRY
from cto.record.store import RecordStore


def list_line(adr: Adr) -> str:
    """``    3  superseded  2025-01-02  Use MySQL  (superseded by ADR 4)``."""
    later = "" if adr.superseded_by is None else f"  (superseded by ADR {adr.superseded_by})"
    return f"{adr.number:>5}  {adr.status.value:<10}  {adr.date}  {adr.title}{later}"


def describe(store: RecordStore, adr: Adr) -> str:
    """``adr`` in full: status, links both ways with the linked titles, citations, the text."""
    lines = [adr.label, f"Status: {adr.status.value}", f"Date: {adr.date}"]
    if adr.deciders:
        lines.append("Deciders: " + ", ".join(adr.deciders))
    lines += [f"Supersedes {_adr(store, number)}" for number in adr.supersedes]
    if adr.superseded_by is not None:
        lines.append(f"Superseded by {_adr(store, adr.superseded_by)}")
    lines += [f"Cites audit finding {finding}" for finding in adr.cites_findings]
    lines += [f"Cites {_risk(store, number)}" for number in adr.cites_risks]
    lines += ["", "Context:", adr.context or "(none)"]
    if adr.options:
        lines += ["", "Considered options:", *(f"  - {option}" for option in adr.options)]
    lines += ["", "Decision:", adr.decision or "(none)"]
    lines += ["", "Consequences:", adr.consequences or "(none)"]
    return "\n".join(lines)


def _adr(store: RecordStore, number: int) -> str:
    other = store.get(Adr, str(number))
    return f"ADR {number} (not in the record)" if other is None else other.label


def _risk(store: RecordStore, number: int) -> str:
    kind = REGISTRY.get(RISK_KIND)
    entry = None if kind is None else store.get(kind, str(number))
    title = getattr(entry, "title", None)
    return f"risk {number}" + ("" if title is None else f": {title}")
