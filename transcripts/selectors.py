"""Reads of transcripts: the credentials a learner earned, their share links and
their PDF; and the one public lookup, by share token."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.http import Http404

from certificates.models import Award
from certificates.time_rules import snapshot_zone
from core import clock
from enrollments.models import Enrollment

from .entries import (
    TranscriptEntry,
    TranscriptTotals,
    entry_from_snapshot,
    fingerprint_of,
    totals_of,
)
from .models import SHARE_TOKEN_PATTERN, TranscriptDocument, TranscriptShare


@dataclass(frozen=True)
class Transcript:
    name: str
    entries: Sequence[TranscriptEntry]
    totals: TranscriptTotals

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(name=self.name, entries=self.entries)


def _track_label(track: str) -> str:
    if track in Enrollment.Track.values and track:
        return str(Enrollment.Track(track).label)
    return ""


def transcript_awards(*, learner) -> QuerySet[Award]:
    """Every credential the learner holds, issued: a revoked one is gone, and a
    superseded one is replaced by its re-issue (listed once issued). One query."""
    return Award.objects.filter(learner=learner, status=Award.Status.ISSUED).order_by(
        "earned_on", "issued_at", "id"
    )


def _stated_name(*, learner, awards: Sequence[Award]) -> str:
    """The learner's name as their credentials state it: the latest award's
    snapshot name, else their legal name. Never the email, which
    ``display_name`` falls back to and which would leak on the public page
    (an award issued before a legal name was given may have frozen it)."""
    candidates = [award.snapshot.get("name", "") for award in reversed(awards)]
    candidates.append(learner.legal_name)
    for name in candidates:
        if name and "@" not in name:
            return str(name)
    return ""


def transcript_for(*, learner) -> Transcript:
    """The learner's transcript, oldest credential first, with the totals of the
    hours, CPD credits and CEUs the credentials carry."""
    issued = [
        (award, award.issued_at)
        for award in transcript_awards(learner=learner)
        if award.issued_at is not None
    ]
    entries = [
        entry_from_snapshot(
            award.snapshot,
            award_uuid=str(award.uuid),
            verification_code=award.verification_code,
            verification_url=award.verification_url,
            issued_on=clock.local_day(issued_at, snapshot_zone(award.snapshot)),
            track_label=_track_label(award.snapshot.get("track", "")),
        )
        for award, issued_at in issued
    ]
    return Transcript(
        name=_stated_name(learner=learner, awards=[award for award, _day in issued]),
        entries=entries,
        totals=totals_of(entries),
    )


def transcript_shares(*, learner) -> QuerySet[TranscriptShare]:
    """The learner's links, the active one (if any) first, then revoked ones."""
    return TranscriptShare.objects.filter(learner=learner).order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-id"
    )


def transcript_share_get_for_learner(*, learner, pk: int) -> TranscriptShare:
    """The learner's own link; another learner's (or none) is a 404."""
    share = TranscriptShare.objects.filter(pk=pk, learner=learner).first()
    if share is None:
        raise Http404
    return share


def transcript_share_get_public(*, token: str) -> TranscriptShare | None:
    """The active link a token names; None for a revoked, unknown or malformed
    token (malformed ones without asking the database)."""
    if not SHARE_TOKEN_PATTERN.fullmatch(token):
        return None
    return (
        TranscriptShare.objects.filter(
            token=token, revoked_at__isnull=True, learner__is_active=True
        )
        .select_related("learner")
        .first()
    )


def transcript_document_for(*, learner) -> TranscriptDocument | None:
    return TranscriptDocument.objects.filter(learner=learner).first()
