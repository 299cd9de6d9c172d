"""Public transcript links: created, seen anonymously, revoked, forged."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from certificates.models import Award
from core.refusal import Refusal
from tests.factories import LearnerFactory
from tests.transcripts.conftest import issued_award
from transcripts import messages
from transcripts.models import TranscriptShare
from transcripts.services import transcript_share_create, transcript_share_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return LearnerFactory(
        legal_name="Lucía Learner-Ortega",
        email="lucia@example.org",
        organisation="Riverside HS",
    )


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def create_link(client) -> TranscriptShare:
    response = client.post(reverse("transcripts:share_create"))
    assert response.status_code == 302
    return TranscriptShare.objects.get(revoked_at__isnull=True)


def test_a_learner_creates_a_link_anyone_can_open(catalog, learner, signed_in):
    # given an issued credential, one pending and one revoked
    issued = issued_award(learner, unit="sotl")
    issued_award(learner, unit="otla", status=Award.Status.PENDING)
    issued_award(learner, unit="iste-certification", status=Award.Status.REVOKED)

    # when the learner creates a link and a visitor opens it
    share = create_link(signed_in)
    response = Client().get(share.get_absolute_url())

    # then the visitor sees the issued credential and its verification page only
    assert response.status_code == 200
    page = response.content.decode()
    assert "Transcript of Lucía Learner-Ortega" in page
    assert "Developing Strategies for Online Teaching and Learning" in page
    assert issued.verification_url in page
    for private in [
        "lucia@example.org",
        "Riverside HS",
        "Online Teaching and Learning in Action",
        "ISTE Certification for Educators",
        str(issued.uuid),
    ]:
        assert private not in page
    assert response["X-Robots-Tag"] == "noindex"
    assert len(share.token) == 43
    event = AuditEvent.objects.get(action=AuditEvent.Action.TRANSCRIPT_SHARED)
    assert (event.actor, event.learner, event.target_id) == (learner, learner, share.pk)


def test_a_revoked_link_is_a_404_with_no_data(catalog, learner, signed_in):
    issued_award(learner, unit="sotl")
    share = create_link(signed_in)

    response = signed_in.post(reverse("transcripts:share_revoke", args=[share.pk]))

    assert response.status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None
    visitor = Client().get(share.get_absolute_url())
    assert visitor.status_code == 404
    assert "Lucía" not in visitor.content.decode()
    assert b"Developing Strategies" not in visitor.content
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.TRANSCRIPT_SHARE_REVOKED, target_id=share.pk
    ).exists()


@pytest.mark.parametrize(
    "token",
    ["A" * 43, "short", "x" * 200, "../../etc/passwd"],
    ids=["well-formed", "short", "long", "path"],
)
def test_a_forged_token_is_a_404(catalog, learner, token):
    transcript_share_create(learner=learner)

    response = Client().get(f"/transcripts/{token}/")

    assert response.status_code == 404
    assert "Lucía" not in response.content.decode()


def test_a_new_link_after_revoking_has_a_new_token_and_the_old_stays_dead(
    catalog, learner, signed_in
):
    first = create_link(signed_in)
    signed_in.post(reverse("transcripts:share_revoke", args=[first.pk]))
    second = create_link(signed_in)

    assert second.token != first.token
    assert Client().get(first.get_absolute_url()).status_code == 404
    assert Client().get(second.get_absolute_url()).status_code == 200
    page = signed_in.get(reverse("transcripts:transcript")).content.decode()
    assert second.url in page
    assert first.token not in page
    assert "revoked" in page


def test_a_second_active_link_is_refused_and_nothing_is_written(learner):
    transcript_share_create(learner=learner)

    with pytest.raises(Refusal) as refused:
        transcript_share_create(learner=learner)

    assert refused.value.message == messages.SHARE_ALREADY_ACTIVE
    assert TranscriptShare.objects.count() == 1
    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.TRANSCRIPT_SHARED).count()
        == 1
    )


def test_revoking_twice_is_refused(learner):
    share = transcript_share_create(learner=learner)
    now = timezone.now()
    transcript_share_revoke(share=share, actor=learner, now=now)

    with pytest.raises(Refusal) as refused:
        transcript_share_revoke(
            share=share, actor=learner, now=now + dt.timedelta(hours=1)
        )

    assert refused.value.message == messages.SHARE_ALREADY_REVOKED
    share.refresh_from_db()
    assert share.revoked_at == now


def test_another_learner_cannot_revoke_a_link(learner, client):
    share = transcript_share_create(learner=learner)
    client.force_login(LearnerFactory())

    response = client.post(reverse("transcripts:share_revoke", args=[share.pk]))

    assert response.status_code == 404
    share.refresh_from_db()
    assert share.revoked_at is None


def test_the_transcript_pages_need_a_signed_in_learner(client):
    for name in ["transcript", "pdf"]:
        response = client.get(reverse(f"transcripts:{name}"))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert client.post(reverse("transcripts:share_create")).status_code == 302
    assert TranscriptShare.objects.count() == 0
