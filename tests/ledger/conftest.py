"""Ledger fixtures: a state certificate type, a learner holding one, awards as
issuance leaves them (their snapshots taken by the real ``award_snapshot``),
and evidence files."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from certificates.models import Award
from certificates.services.snapshot import award_snapshot
from certificates.services.status_lists import status_entry_allocate
from ledger.models import HeldCertificate, OutsideCredit, StateCertificateType
from tests.factories import LearnerFactory, UnitFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def evidence_file(name: str = "certificate.pdf", content: bytes = PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def maryland(db) -> StateCertificateType:
    """Demo-like figures: 6 credits in 5 years; a CPD credit is one credit,
    15 clock hours are one, 1.5 CEUs are one."""
    return StateCertificateType.objects.create(
        state="MD",
        name="Professional Certificate",
        credits_needed=Decimal(6),
        window_years=5,
        cpd_credits_per_credit=Decimal(1),
        clock_hours_per_credit=Decimal(15),
        ceus_per_credit=Decimal("1.5"),
    )


@pytest.fixture
def learner(db):
    return LearnerFactory(legal_name="Lucía Learner-Ortega", email="lucia@example.org")


def hold(learner, kind: StateCertificateType, expires_on: dt.date) -> HeldCertificate:
    return HeldCertificate.objects.create(
        learner=learner,
        certificate_type=kind,
        number="MD-123456",
        expires_on=expires_on,
    )


def award_with(
    learner,
    *,
    earned_on: dt.date,
    cpd_credits: Decimal | None = None,
    clock_hours: int | None = None,
    ceus: Decimal | None = None,
    status: str = Award.Status.ISSUED,
) -> Award:
    """An issued unit award stating these figures, with its bit in its provider's
    revocation list (as issuing gives it)."""
    unit = UnitFactory(cpd_credits=cpd_credits, clock_hours=clock_hours)
    revoked = status == Award.Status.REVOKED
    award = Award.objects.create(
        learner=learner,
        unit=unit,
        earned_on=earned_on,
        status=status,
        issued_at=timezone.now(),
        revoked_at=timezone.now() if revoked else None,
        revoke_reason="Recorded in error." if revoked else "",
        snapshot=award_snapshot(
            learner=learner, unit=unit, earned_on=earned_on, ceus=ceus
        ),
    )
    status_entry_allocate(award=award)
    return award


def outside(
    learner,
    *,
    earned_on: dt.date,
    amount: Decimal,
    unit: str = "cpd_credits",
    verified_by=None,
) -> OutsideCredit:
    entry = OutsideCredit(
        learner=learner,
        activity="Summer literacy institute",
        provider="County schools",
        earned_on=earned_on,
        amount=amount,
        unit=unit,
        evidence_name="letter.pdf",
        evidence_type="application/pdf",
        verified_by=verified_by,
        verified_at=timezone.now() if verified_by else None,
    )
    entry.evidence.save("letter.pdf", evidence_file(), save=False)
    entry.save()
    return entry
