import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.models import Award
from certificates.services.snapshot import award_snapshot
from programs.models import CredentialProgram, Unit


@pytest.fixture
def catalog(award_catalog):
    """The demo catalogue with its award outputs."""


def issued_award(
    learner,
    *,
    unit: str = "",
    program: str = "",
    earned_on: dt.date = dt.date(2026, 6, 1),
    ceus: Decimal | None = None,
    track: str = "",
    status: str = Award.Status.ISSUED,
) -> Award:
    """An award as issuance leaves it, its snapshot taken by the real
    ``award_snapshot`` (no PDF: the transcript reads the snapshot only)."""
    owner = {"unit": Unit.objects.get(slug=unit)} if unit else {}
    if program:
        owner = {"program": CredentialProgram.objects.get(slug=program)}
    issued = status in {Award.Status.ISSUED, Award.Status.SUPERSEDED}
    return Award.objects.create(
        learner=learner,
        earned_on=earned_on,
        status=status,
        issued_at=timezone.now() if issued else None,
        revoked_at=timezone.now() if status == Award.Status.REVOKED else None,
        revoke_reason="Recorded in error." if status == Award.Status.REVOKED else "",
        snapshot=award_snapshot(
            learner=learner,
            earned_on=earned_on,
            ceus=ceus,
            track=track,
            offering="Spring 2026",
            **owner,
        ),
        **owner,
    )
