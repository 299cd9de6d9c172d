"""The archive's section of the recertification ledger: the ledger as JSON and
as the PDF the ledger app renders, and the evidence files of the credits the
learner earned elsewhere."""

import datetime as dt
from collections.abc import Callable

from ledger.models import OutsideCredit
from ledger.selectors import (
    LedgerItem,
    LedgerLine,
    amount_text,
    ledger_lines_for,
    outside_credits_for,
)

from .items import Section, ZipItem, iso, safe_name

FOLDER = "ledger"
NO_LEDGER = (
    "You recorded no state certificate and no credit earned elsewhere: "
    "there is no ledger to download."
)


def _evidence_path(entry: OutsideCredit) -> str:
    return f"{FOLDER}/evidence/{entry.uuid.hex[:8]}-" + safe_name(entry.evidence_name)


def _verification(entry: OutsideCredit) -> str:
    if entry.is_verified:
        return "verified"
    return "awaiting verification (counts toward nothing until verified)"


def _earned_here(item: LedgerItem) -> dict:
    return {
        "credential": item.title,
        "issuer": item.issuer,
        "earned_on": iso(item.earned_on),
        "figures": item.figures,
        "credits": amount_text(item.credits),
        "verification_url": item.verification_url,
    }


def _earned_elsewhere(item: LedgerItem, entry: OutsideCredit) -> dict:
    return {
        "activity": item.title,
        "given_by": item.issuer,
        "earned_on": iso(item.earned_on),
        "figures": item.figures,
        "credits": amount_text(item.credits),
        "counted": item.counted,
        "verification": _verification(entry),
        "evidence": _evidence_path(entry),
    }


def _line_data(line: LedgerLine) -> dict:
    certificate = line.certificate
    kind = certificate.certificate_type
    start, end = line.window
    return {
        "state": kind.state,
        "certificate": kind.name,
        "number": certificate.number,
        "expires_on": iso(certificate.expires_on),
        "window": {"from": iso(start), "to": iso(end)},
        "credits_needed": amount_text(line.needed),
        "credits_held": amount_text(line.held),
        "credits_short": amount_text(line.short),
        "statement": line.statement,
        "figures_note": kind.note,
        "earned_here": [
            _earned_here(item) for item in line.items if item.outside is None
        ],
        "earned_elsewhere": [
            _earned_elsewhere(item, item.outside)
            for item in line.items
            if item.outside is not None
        ],
    }


def _outside_data(entry: OutsideCredit) -> dict:
    return {
        "activity": entry.activity,
        "given_by": entry.provider,
        "earned_on": iso(entry.earned_on),
        "amount": amount_text(entry.amount),
        "unit": entry.get_unit_display(),
        "added_at": iso(entry.created_at),
        "verification": _verification(entry),
        "verified_at": iso(entry.verified_at),
        "evidence_name": entry.evidence_name,
        "evidence": _evidence_path(entry),
    }


def _evidence_reader(entry: OutsideCredit) -> Callable[[], bytes]:
    def read() -> bytes:
        with entry.evidence.open("rb") as handle:
            return handle.read()

    return read


def ledger_section(*, learner, today: dt.date) -> Section:
    """Nothing but a note for a learner who keeps no ledger."""
    lines = ledger_lines_for(learner=learner)
    outside = list(outside_credits_for(learner=learner))
    section = Section(title="Your recertification ledger")
    if not lines and not outside:
        section.note = NO_LEDGER
        return section
    section.note = (
        "Each state certificate you hold with the credits its renewal counts, "
        "and every credit you added as earned elsewhere with its evidence file."
    )
    section.add_json(
        f"{FOLDER}/ledger.json",
        {
            "certificates": [_line_data(line) for line in lines],
            "credits_earned_elsewhere": [_outside_data(e) for e in outside],
            "produced_on": iso(today),
        },
        "Your ledger as data.",
    )
    if lines:
        section.items.append(_pdf_item(learner=learner, lines=lines, today=today))
    section.items += [
        ZipItem(
            _evidence_path(entry),
            _evidence_reader(entry),
            f"Evidence of “{entry.activity}” as you uploaded it.",
        )
        for entry in outside
    ]
    return section


def _pdf_item(*, learner, lines: list[LedgerLine], today: dt.date) -> ZipItem:
    from ledger.services.rendering import ledger_pdf_bytes

    return ZipItem(
        f"{FOLDER}/ledger.pdf",
        lambda: ledger_pdf_bytes(learner=learner, lines=lines, today=today),
        "Your ledger (PDF), as of the day of this download, to hand to the state.",
    )
