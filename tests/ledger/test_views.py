"""The ledger's pages through HTTP: what the learner sees, bad input refused
with a clear message and nothing changed, and nobody else's ledger or evidence
(404)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.dates import format_date
from ledger import messages
from ledger.models import HeldCertificate, OutsideCredit
from reviews.uploads import FILE_TYPE_NOT_ALLOWED
from tests.clock import travel_to
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    LearnerFactory,
    OpenOfferingFactory,
    PortalAdminFactory,
)

from .conftest import award_with, evidence_file, hold, outside

pytestmark = pytest.mark.django_db

EXPIRY = dt.date(2029, 6, 30)
# The day these tests run on: inside the certificate's window, after every
# typed date, so they pass on any day the suite runs.
TODAY = dt.date(2027, 3, 15)


@pytest.fixture(autouse=True)
def _on_a_day_of_the_window():
    with travel_to(TODAY):
        yield


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def test_the_ledger_says_how_many_credits_of_how_many_and_when(
    signed_in, maryland, learner
):
    hold(learner, maryland, EXPIRY)
    award = award_with(learner, earned_on=dt.date(2026, 1, 5), cpd_credits=3)

    page = signed_in.get(reverse("ledger:ledger")).content.decode()

    assert f"3 of 6 credits, renewal due {format_date(EXPIRY)}" in page
    assert award.verification_url in page


def test_the_dashboard_has_a_line_per_held_certificate(signed_in, maryland, learner):
    hold(learner, maryland, EXPIRY)

    page = signed_in.get(reverse("dashboard:dashboard")).content.decode()

    assert "State certificates" in page
    assert f"0 of 6 credits, renewal due {format_date(EXPIRY)}" in page
    assert reverse("ledger:ledger") in page


def test_recording_an_expired_certificate_says_why_and_records_nothing(
    signed_in, maryland, today
):
    yesterday = today - dt.timedelta(days=1)

    response = signed_in.post(
        reverse("ledger:certificate_add"),
        {
            "certificate_type": maryland.pk,
            "number": "MD-1",
            "expires_on": yesterday.isoformat(),
        },
    )

    assert response.status_code == 400
    expected = str(messages.EXPIRED % {"date": format_date(yesterday)})
    assert expected.replace("'", "&#x27;") in response.content.decode()
    assert not HeldCertificate.objects.exists()


def test_recording_a_certificate_redirects_to_the_ledger(
    signed_in, maryland, learner, today
):
    response = signed_in.post(
        reverse("ledger:certificate_add"),
        {
            "certificate_type": maryland.pk,
            "number": "MD-1",
            "expires_on": (today + dt.timedelta(days=400)).isoformat(),
        },
    )

    assert response.status_code == 302
    assert HeldCertificate.objects.get().learner == learner


def credit_form(today, evidence):
    return {
        "activity": "Summer literacy institute",
        "provider": "County schools",
        "earned_on": (today - dt.timedelta(days=3)).isoformat(),
        "amount": "1",
        "unit": "cpd_credits",
        "evidence": evidence,
    }


def test_evidence_of_a_wrong_type_says_why_and_adds_nothing(signed_in, today):
    script = SimpleUploadedFile("evidence.exe", b"MZ\x90\x00binary")

    response = signed_in.post(reverse("ledger:credit_add"), credit_form(today, script))

    assert response.status_code == 400
    assert str(FILE_TYPE_NOT_ALLOWED % {"name": "evidence.exe"}) in (
        response.content.decode()
    )
    assert not OutsideCredit.objects.exists()


def test_credits_with_evidence_are_added_awaiting_verification(
    signed_in, learner, today
):
    response = signed_in.post(
        reverse("ledger:credit_add"), credit_form(today, evidence_file())
    )

    assert response.status_code == 302
    entry = OutsideCredit.objects.get()
    assert (entry.learner, entry.verified_at) == (learner, None)
    assert (
        "awaiting verification"
        in signed_in.get(reverse("ledger:ledger")).content.decode()
    )


def test_the_learner_downloads_their_own_evidence(signed_in, learner):
    entry = outside(learner, earned_on=dt.date(2026, 1, 1), amount=Decimal(1))

    response = signed_in.get(entry.get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Security-Policy"] == "sandbox"


def test_another_learner_cannot_see_my_evidence_or_certificate(
    client, maryland, learner
):
    held = hold(learner, maryland, EXPIRY)
    entry = outside(learner, earned_on=dt.date(2026, 1, 1), amount=Decimal(1))
    client.force_login(LearnerFactory())

    assert client.get(entry.get_absolute_url()).status_code == 404
    edit = reverse("ledger:certificate_edit", kwargs={"pk": held.pk})
    assert client.get(edit).status_code == 404
    assert (
        client.post(edit, {"number": "X", "expires_on": "2030-01-01"}).status_code
        == 404
    )
    assert "MD-123456" not in client.get(reverse("ledger:ledger")).content.decode()
    held.refresh_from_db()
    assert held.number == "MD-123456"


def test_a_facilitator_verifies_the_entries_of_their_learners_only(client, learner):
    facilitator = FacilitatorFactory()
    offering = OpenOfferingFactory()
    offering.facilitators.add(facilitator)
    EnrollmentFactory(learner=learner, offering=offering)
    mine = outside(learner, earned_on=dt.date(2026, 1, 1), amount=Decimal(1))
    stranger = outside(LearnerFactory(), earned_on=dt.date(2026, 1, 1), amount=1)
    client.force_login(facilitator)

    page = client.get(reverse("ledger:verification")).content.decode()
    assert mine.get_absolute_url() in page
    assert stranger.get_absolute_url() not in page
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(stranger.get_absolute_url()).status_code == 404
    assert (
        client.post(
            reverse("ledger:verify", kwargs={"uuid": stranger.uuid})
        ).status_code
        == 404
    )
    client.post(reverse("ledger:verify", kwargs={"uuid": mine.uuid}))

    mine.refresh_from_db()
    stranger.refresh_from_db()
    assert mine.verified_by == facilitator
    assert stranger.verified_at is None


def test_learners_have_no_verification_page(signed_in):
    assert signed_in.get(reverse("ledger:verification")).status_code == 404


def test_an_admin_verifies_with_the_admin_action(client, learner):
    admin = PortalAdminFactory(is_staff=True, is_superuser=True)
    entry = outside(learner, earned_on=dt.date(2026, 1, 1), amount=Decimal(1))
    client.force_login(admin)

    client.post(
        reverse("admin:ledger_outsidecredit_changelist"),
        {"action": "verify", "_selected_action": [entry.pk]},
    )

    entry.refresh_from_db()
    assert entry.verified_by == admin
