"""Recording certificates, adding credits earned elsewhere, verifying them:
refusals say why and write nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from core.dates import format_date
from core.refusal import Refusal
from ledger import messages
from ledger.models import HeldCertificate, OutsideCredit
from ledger.services import (
    held_certificate_record,
    held_certificate_update,
    outside_credit_add,
    outside_credit_verify,
)
from reviews.uploads import FILE_TYPE_NOT_ALLOWED
from tests.factories import FacilitatorFactory

from .conftest import evidence_file, hold

pytestmark = pytest.mark.django_db


def test_a_certificate_is_recorded_with_its_number_and_expiry(maryland, learner, today):
    expires = today + dt.timedelta(days=900)

    held = held_certificate_record(
        learner=learner,
        certificate_type=maryland,
        number=" MD-1 ",
        expires_on=expires,
        today=today,
    )

    held.refresh_from_db()
    assert (held.number, held.expires_on) == ("MD-1", expires)


def test_an_expired_certificate_is_refused_and_nothing_is_written(
    maryland, learner, today
):
    yesterday = today - dt.timedelta(days=1)

    with pytest.raises(Refusal) as refused:
        held_certificate_record(
            learner=learner,
            certificate_type=maryland,
            number="MD-1",
            expires_on=yesterday,
            today=today,
        )

    assert refused.value.message == messages.EXPIRED % {"date": format_date(yesterday)}
    assert not HeldCertificate.objects.exists()


def test_a_certificate_expiring_today_is_still_held(maryland, learner, today):
    held_certificate_record(
        learner=learner,
        certificate_type=maryland,
        number="MD-1",
        expires_on=today,
        today=today,
    )

    assert HeldCertificate.objects.get().expires_on == today


def test_the_same_certificate_twice_is_refused(maryland, learner, today):
    hold(learner, maryland, today + dt.timedelta(days=30))

    with pytest.raises(Refusal) as refused:
        held_certificate_record(
            learner=learner,
            certificate_type=maryland,
            number="MD-2",
            expires_on=today + dt.timedelta(days=60),
            today=today,
        )

    assert refused.value.message == messages.ALREADY_RECORDED
    assert HeldCertificate.objects.get().number == "MD-123456"


def test_a_renewed_certificate_takes_its_new_expiry(maryland, learner, today):
    held = hold(learner, maryland, today + dt.timedelta(days=30))
    renewed = today + dt.timedelta(days=5 * 365)

    held_certificate_update(
        certificate=held, number="MD-9", expires_on=renewed, today=today
    )

    held.refresh_from_db()
    assert (held.number, held.expires_on) == ("MD-9", renewed)


def add(learner, today, **changes):
    values = {
        "learner": learner,
        "activity": "Summer literacy institute",
        "provider": "County schools",
        "earned_on": today - dt.timedelta(days=10),
        "amount": Decimal("1.5"),
        "unit": "cpd_credits",
        "evidence": evidence_file(),
        "today": today,
    }
    return outside_credit_add(**{**values, **changes})


def test_credits_elsewhere_are_added_awaiting_verification_with_their_evidence(
    learner, today
):
    entry = add(learner, today)

    entry.refresh_from_db()
    assert entry.verified_at is None
    assert entry.evidence_name == "certificate.pdf"
    assert entry.evidence_type == "application/pdf"
    assert entry.evidence.read().startswith(b"%PDF")
    # Stored under a random name, never the learner's.
    assert "certificate" not in entry.evidence.name


def test_evidence_of_a_type_the_portal_refuses_is_refused_with_the_upload_rule(
    learner, today
):
    script = SimpleUploadedFile("evidence.sh", b"#!/bin/sh\necho hi\n")

    with pytest.raises(Refusal) as refused:
        add(learner, today, evidence=script)

    assert refused.value.message == FILE_TYPE_NOT_ALLOWED % {"name": "evidence.sh"}
    assert not OutsideCredit.objects.exists()


def test_credits_dated_after_today_are_refused(learner, today):
    tomorrow = today + dt.timedelta(days=1)

    with pytest.raises(Refusal) as refused:
        add(learner, today, earned_on=tomorrow)

    assert refused.value.message == messages.EARNED_IN_FUTURE % {
        "date": format_date(tomorrow)
    }
    assert not OutsideCredit.objects.exists()


def test_verifying_marks_the_entry_and_writes_an_audit_event(learner, today, now):
    entry = add(learner, today)
    facilitator = FacilitatorFactory()

    outside_credit_verify(entry=entry, verifier=facilitator, now=now)

    entry.refresh_from_db()
    assert (entry.verified_by, entry.verified_at) == (facilitator, now)
    event = AuditEvent.objects.get(action=AuditEvent.Action.LEDGER_CREDIT_VERIFIED)
    assert (event.actor, event.learner, event.target_id) == (
        facilitator,
        learner,
        entry.pk,
    )
    assert event.summary == (
        "Verified 1.5 CPD credits earned elsewhere: Summer literacy institute"
    )


def test_verifying_twice_is_refused_and_keeps_the_first(learner, today, now):
    entry = add(learner, today)
    first = FacilitatorFactory()
    outside_credit_verify(entry=entry, verifier=first, now=now)

    with pytest.raises(Refusal) as refused:
        outside_credit_verify(entry=entry, verifier=FacilitatorFactory(), now=now)

    assert refused.value.message == messages.ALREADY_VERIFIED
    entry.refresh_from_db()
    assert entry.verified_by == first
    assert AuditEvent.objects.count() == 1
