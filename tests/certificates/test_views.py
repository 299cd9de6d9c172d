"""The public verification page, the learner's downloads and certificates page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat

from certificates.services import award_reissue, award_request, award_revoke
from certificates.services.issuance import award_issue
from core import clock
from programs.models import CredentialProgram, Unit
from tests.factories import LearnerFactory, PortalAdminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return LearnerFactory(
        legal_name="Lucía Learner-Ortega",
        email="lucia@example.org",
        organisation="Riverside HS",
    )


def verify(client, code):
    return client.get(reverse("certificates:verify", args=[code]))


def test_a_valid_award_shows_only_name_credential_issuer_and_date(
    client, issued, today
):
    response = verify(client, issued.verification_code)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Valid" in page
    facts = response.context["award"].snapshot
    for shown in [
        "Lucía Learner-Ortega",
        "Certificate in Media and Technology for Education",
        "Harvard Graduate School of Education, Professional Education",
        dateformat.format(today, "F j, Y"),
    ]:
        assert shown in page
    assert facts["signatory_name"] == "Professional Education"
    for private in ["lucia@example.org", "Riverside HS", str(issued.uuid)]:
        assert private not in page


def test_the_code_is_read_in_any_case(client, issued):
    assert verify(client, issued.verification_code.lower()).status_code == 200


def test_a_revoked_award_says_revoked_with_date_and_reason(client, issued, now, today):
    award_revoke(
        award=issued,
        reason="Completion recorded in error.",
        actor=PortalAdminFactory(),
        now=now,
    )

    page = verify(client, issued.verification_code).content.decode()

    assert "Revoked" in page
    revoked_on = dateformat.format(today, "F j, Y")
    assert f"Revoked on {revoked_on}. Reason: Completion recorded in error." in page
    assert "Valid" not in page


def test_a_superseded_award_points_to_the_current_one(client, issued):
    new = award_reissue(award=issued, actor=PortalAdminFactory())
    award_issue(award_id=new.pk)

    page = verify(client, issued.verification_code).content.decode()

    assert "Replaced" in page
    assert new.get_absolute_url() in page


@pytest.mark.parametrize("code", ["AAAA-BBBB-CCCC-DDDD", "not-a-code", "1"])
def test_an_unknown_or_forged_code_is_unknown(client, issued, code):
    response = verify(client, code)

    assert response.status_code == 404
    assert "Unknown code" in response.content.decode()
    assert "Lucía" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/verify/%00/",
        "/verify/AAAA-%00BB-CCCC-DDDD/",
        "/verify/" + "A" * 5000 + "/",
        "/verify/0123-4567-89AB-CDEF/",
        "/verify/%F0%9F%8E%93/",
    ],
)
def test_a_malformed_code_is_unknown_without_a_query(
    client, issued, path, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(path)

    assert response.status_code == 404
    page = response.content.decode()
    assert "Unknown code" in page
    assert "No credential issued through this portal has this code." in page
    assert "\x00" not in page
    assert "AAAAAAAA" not in page


def test_a_pending_award_is_not_verifiable_yet(client, catalog, learner):
    award, _ = award_request(
        learner=learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=clock.today(),
    )
    assert verify(client, award.verification_code).status_code == 404


def document_url(award, kind="certificate"):
    return reverse("certificates:document", args=[award.uuid, kind])


def test_the_learner_downloads_their_certificate(client, issued, learner):
    client.force_login(learner)

    response = client.get(document_url(issued))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_learner_gets_404_for_the_document(client, issued):
    client.force_login(LearnerFactory())

    assert client.get(document_url(issued)).status_code == 404


def test_a_document_kind_the_award_lacks_is_404(client, issued, learner):
    client.force_login(learner)

    assert client.get(document_url(issued, "badge")).status_code == 404


def test_an_admin_may_download_any_document(client, issued):
    client.force_login(PortalAdminFactory())

    assert client.get(document_url(issued)).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(client, issued):
    response = client.get(document_url(issued))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def my_awards(client) -> tuple[str, int]:
    """The certificates page, and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("certificates:my_awards"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_certificates_page_lists_awards_in_the_same_queries_for_one_or_three(
    client, issued, learner
):
    client.force_login(learner)

    page, with_one = my_awards(client)

    assert "Certificate in Media and Technology for Education" in page
    assert document_url(issued) in page
    assert issued.get_absolute_url() in page
    for slug in ["sotl", "otla"]:
        award, _ = award_request(
            learner=learner,
            unit=Unit.objects.get(slug=slug),
            earned_on=clock.today(),
        )
        award_issue(award_id=award.pk)
    page, with_three = my_awards(client)
    assert page.count("/verify/") >= 3
    assert with_three == with_one


def test_certificates_page_shows_nothing_of_other_learners(client, issued):
    client.force_login(LearnerFactory())

    page = client.get(reverse("certificates:my_awards")).content.decode()

    assert "Lucía" not in page
    assert "No certificates yet" in page
