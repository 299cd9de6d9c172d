"""What a transcript states, from the awards' frozen snapshots: pure functions.

Each entry carries only the figures its snapshot printed (the unit's clock hours,
estimated hours and CPD credits, the run's CEUs); a figure the credential never
stated stays ``None`` and counts toward no total.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class TranscriptEntry:
    award_uuid: str
    verification_code: str
    verification_url: str
    credential: str
    credential_kind: str
    issuer: str
    offering: str
    track: str
    earned_on: dt.date
    issued_on: dt.date
    valid_until: dt.date | None  # the last day it is valid; None: never expires
    clock_hours: int | None
    estimated_hours: int | None
    cpd_credits: Decimal | None
    ceus: Decimal | None
    first_earned_on: dt.date | None = None  # a renewal: when first earned


@dataclass(frozen=True)
class TranscriptTotals:
    """Sums of the figures given; ``None`` where no entry gives that figure."""

    clock_hours: int | None
    estimated_hours: int | None
    cpd_credits: Decimal | None
    ceus: Decimal | None

    @property
    def any(self) -> bool:
        return any(
            value is not None
            for value in (
                self.clock_hours,
                self.estimated_hours,
                self.cpd_credits,
                self.ceus,
            )
        )


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def entry_from_snapshot(
    snapshot: dict,
    *,
    award_uuid: str,
    verification_code: str,
    verification_url: str,
    issued_on: dt.date,
    track_label: str = "",
) -> TranscriptEntry:
    return TranscriptEntry(
        award_uuid=award_uuid,
        verification_code=verification_code,
        verification_url=verification_url,
        credential=snapshot.get("credential", ""),
        credential_kind=snapshot.get("credential_kind", ""),
        issuer=snapshot.get("issuer", ""),
        offering=snapshot.get("offering") or "",
        track=track_label,
        earned_on=dt.date.fromisoformat(snapshot["earned_on"]),
        issued_on=issued_on,
        valid_until=(
            dt.date.fromisoformat(snapshot["expires_on"])
            if snapshot.get("expires_on")
            else None
        ),
        clock_hours=snapshot.get("clock_hours"),
        estimated_hours=snapshot.get("estimated_hours"),
        cpd_credits=_decimal(snapshot.get("cpd_credits")),
        ceus=_decimal(snapshot.get("ceus")),
        first_earned_on=(
            dt.date.fromisoformat(snapshot["first_earned_on"])
            if snapshot.get("first_earned_on")
            else None
        ),
    )


def _sum_hours(values: Iterable[int | None]) -> int | None:
    given = [value for value in values if value is not None]
    return sum(given) if given else None


def _sum_credits(values: Iterable[Decimal | None]) -> Decimal | None:
    given = [value for value in values if value is not None]
    return sum(given, Decimal(0)) if given else None


def totals_of(entries: Sequence[TranscriptEntry]) -> TranscriptTotals:
    return TranscriptTotals(
        clock_hours=_sum_hours(e.clock_hours for e in entries),
        estimated_hours=_sum_hours(e.estimated_hours for e in entries),
        cpd_credits=_sum_credits(e.cpd_credits for e in entries),
        ceus=_sum_credits(e.ceus for e in entries),
    )


def fingerprint_of(*, name: str, entries: Sequence[TranscriptEntry]) -> str:
    """A digest of everything a transcript PDF prints but its date: equal
    digests, equal documents."""
    state = {
        "name": name,
        "entries": [
            [e.award_uuid, e.credential, e.issuer, e.earned_on.isoformat()]
            + [e.first_earned_on.isoformat() if e.first_earned_on else ""]
            + [str(v) for v in (e.clock_hours, e.estimated_hours, e.cpd_credits)]
            + [str(e.ceus), e.offering, e.track, e.verification_code]
            # only when stated: a transcript without validities keeps its digest
            + ([e.valid_until.isoformat()] if e.valid_until else [])
            for e in entries
        ],
    }
    encoded = json.dumps(state, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()
