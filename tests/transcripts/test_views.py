"""The transcript pages and the wallet: what they show, and their query counts."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from certificates.models import Award
from tests.factories import LearnerFactory
from tests.transcripts.conftest import issued_award
from transcripts.services import transcript_share_create

pytestmark = pytest.mark.django_db

UNITS = [
    "sotl",
    "otla",
    "the-online-classroom",
    "cael-driving-change",
    "cael-leading-learning",
    "iste-certification",
]


@pytest.fixture
def learner():
    return LearnerFactory(legal_name="Lucía Learner-Ortega")


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def queries_for(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("page", ["transcript", "shared", "dashboard"])
def test_a_page_costs_the_same_queries_for_two_credentials_and_for_six(
    catalog, learner, signed_in, page
):
    share = transcript_share_create(learner=learner)
    url = {
        "transcript": reverse("transcripts:transcript"),
        "shared": share.get_absolute_url(),
        "dashboard": reverse("dashboard:dashboard"),
    }[page]
    client = Client() if page == "shared" else signed_in
    for slug in UNITS[:2]:
        Award.objects.filter(pk=issued_award(learner, unit=slug).pk).update(
            in_wallet=True
        )
    few, content = queries_for(client, url)
    assert content.count("Verification") or content.count("Verify")
    assert "Online Teaching and Learning in Action" in content

    for slug in UNITS[2:]:
        Award.objects.filter(pk=issued_award(learner, unit=slug).pk).update(
            in_wallet=True
        )
    many, content = queries_for(client, url)

    assert many == few
    assert "Leading Learning: A Certificate of Advanced Leadership Module" in content
    if page == "dashboard":
        assert content.count("Credential (JSON-LD)") == len(UNITS)
    else:
        assert content.count("<tr>") == len(UNITS) + 1  # and the header row


def test_the_transcript_page_shows_the_totals(catalog, learner, signed_in):
    issued_award(learner, unit="cael-driving-change")
    issued_award(learner, unit="cael-leading-learning")
    issued_award(learner, unit="iste-certification")

    page = signed_in.get(reverse("transcripts:transcript")).content.decode()

    assert "Totals (3 credentials)" in page
    assert '<td class="num" data-label="Clock hours">120</td>' in page
    assert "about 30" in page
    assert "Prepare your transcript PDF" in page
    assert "Create a public link" in page


def test_an_empty_transcript_says_so_and_offers_no_pdf(signed_in):
    page = signed_in.get(reverse("transcripts:transcript")).content.decode()

    assert "No credential yet" in page
    assert "Prepare your transcript PDF" not in page


def wallet(client, award, value: str):
    return client.post(
        reverse("certificates:wallet", args=[award.uuid]),
        {"in_wallet": value, "next": "/dashboard/#wallet-heading"},
    )


def test_adding_and_removing_a_credential_from_the_wallet(catalog, learner, signed_in):
    award = issued_award(learner, unit="sotl")

    response = wallet(signed_in, award, "1")

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/#wallet-heading"
    award.refresh_from_db()
    assert award.in_wallet
    page = signed_in.get(reverse("dashboard:dashboard")).content.decode()
    assert (
        "Developing Strategies for Online Teaching and Learning is in your wallet."
        in page
    )
    assert reverse("certificates:export", args=[award.uuid, "json"]) in page
    assert "https://www.linkedin.com/profile/add?" in page

    wallet(signed_in, award, "0")

    award.refresh_from_db()
    assert not award.in_wallet
    actions = list(
        AuditEvent.objects.filter(target_id=award.pk)
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        AuditEvent.Action.WALLET_ADDED,
        AuditEvent.Action.WALLET_REMOVED,
    ]


def test_a_pending_credential_cannot_go_in_the_wallet(catalog, learner, signed_in):
    award = issued_award(learner, unit="sotl", status=Award.Status.PENDING)

    response = wallet(signed_in, award, "1")

    award.refresh_from_db()
    assert not award.in_wallet
    page = signed_in.get(response["Location"]).content.decode()
    assert "Only an issued credential can go in your wallet." in page
    assert not AuditEvent.objects.filter(target_id=award.pk).exists()


def test_another_learner_cannot_fill_someone_elses_wallet(catalog, learner, client):
    award = issued_award(learner, unit="sotl")
    client.force_login(LearnerFactory())

    assert wallet(client, award, "1").status_code == 404
    award.refresh_from_db()
    assert not award.in_wallet


def test_an_outside_next_address_is_not_followed(catalog, learner, signed_in):
    award = issued_award(learner, unit="sotl")

    response = signed_in.post(
        reverse("certificates:wallet", args=[award.uuid]),
        {"in_wallet": "1", "next": "https://evil.example/"},
    )

    assert response["Location"] == "/dashboard/#wallet-heading"
