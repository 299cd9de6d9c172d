import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.services import api_token_create
from certificates.models import Award, AwardDocument
from certificates.services.snapshot import award_snapshot
from tests.factories import (
    FacilitatorFactory,
    LearnerFactory,
    PortalAdminFactory,
    UnitFactory,
)


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def learner(db):
    return LearnerFactory(email="lena@example.org", legal_name="Lena Learner")


@pytest.fixture
def other_learner(db):
    return LearnerFactory(email="omar@example.org", legal_name="Omar Other")


@pytest.fixture
def portal_admin(db):
    from accounts.services import roles_ensure

    roles_ensure()
    return PortalAdminFactory(email="ada@example.org")


@pytest.fixture
def facilitator(db):
    return FacilitatorFactory(email="fay@example.org")


def token_for(user, name: str = "Sync") -> str:
    return api_token_create(user=user, name=name)[1]


def bearer(client: APIClient, value: str) -> APIClient:
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {value}")
    return client


def award_make(
    learner,
    *,
    unit=None,
    program=None,
    status: str = Award.Status.ISSUED,
    earned_on: dt.date = dt.date(2026, 6, 30),
    issued_at: dt.datetime | None = None,
) -> Award:
    """An award as issuance leaves it (snapshot, a certificate document), without
    rendering a PDF: these tests read awards, they do not issue them."""
    if unit is None and program is None:
        unit = UnitFactory()
    if issued_at is None and status != Award.Status.PENDING:
        issued_at = timezone.make_aware(
            dt.datetime.combine(earned_on, dt.time(12)) + dt.timedelta(days=1)
        )
    extra = {}
    if status == Award.Status.REVOKED:
        extra = {"revoked_at": issued_at, "revoke_reason": "Issued in error."}
    award = Award.objects.create(
        learner=learner,
        unit=unit,
        program=program,
        status=status,
        earned_on=earned_on,
        issued_at=issued_at,
        snapshot=award_snapshot(
            learner=learner, unit=unit, program=program, earned_on=earned_on
        ),
        **extra,
    )
    if status != Award.Status.PENDING:
        AwardDocument.objects.create(
            award=award,
            kind="certificate",
            title="Certificate of Completion",
            file=f"certificates/{award.uuid}/certificate.pdf",
            size_bytes=20480,
        )
    return award
