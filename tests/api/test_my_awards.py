"""GET /api/v1/me/awards/: a learner reads their own awards, and only those."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from certificates.models import Award
from tests.factories import UnitFactory

from .conftest import award_make, bearer, token_for

pytestmark = pytest.mark.django_db

LIST = "/api/v1/me/awards/"
SERVER = "http://testserver"


def detail(award: Award) -> str:
    return f"/api/v1/me/awards/{award.uuid}/"


def test_anonymous_is_asked_for_a_token(api_client):
    response = api_client.get(LIST)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "detail": "Authentication credentials were not provided."
    }


def test_anonymous_cannot_read_an_award_either(api_client, learner):
    award = award_make(learner)

    assert api_client.get(detail(award)).status_code == 401


def test_the_session_of_a_signed_in_learner_reads_their_awards(api_client, learner):
    # given
    unit = UnitFactory(title="Designing for Learning", slug="designing")
    award = award_make(learner, unit=unit, earned_on=dt.date(2026, 6, 30))
    api_client.force_login(learner)

    # when
    response = api_client.get(LIST)

    # then
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    [item] = body["results"]
    assert dt.datetime.fromisoformat(item.pop("issued_at")) == award.issued_at
    assert item == {
        "id": str(award.uuid),
        "url": f"{SERVER}/api/v1/me/awards/{award.uuid}/",
        "status": "issued",
        "credential": {
            "type": "unit",
            "slug": "designing",
            "name": "Designing for Learning",
            "kind": "workshop",
        },
        "issuer": {
            "name": unit.provider.name,
            "short_name": unit.provider.short_name,
            "website": "",
        },
        "name_on_award": "Lena Learner",
        "earned_on": "2026-06-30",
        "expires_on": None,
        "revoked_at": None,
        "revoke_reason": "",
        "verification_code": award.verification_code,
        "verification_url": award.verification_url,
        "page_url": f"{SERVER}/certificates/{award.uuid}/",
        "documents": [
            {
                "kind": "certificate",
                "title": "Certificate of Completion",
                "size_bytes": 20480,
                "url": f"{SERVER}/certificates/{award.uuid}/certificate.pdf",
            }
        ],
        "open_badge_url": f"{SERVER}/certificates/{award.uuid}/badge.json",
    }


def test_a_token_reads_its_owners_awards(api_client, learner, other_learner):
    mine = award_make(learner)
    award_make(other_learner)

    response = bearer(api_client, token_for(learner)).get(LIST)

    assert response.status_code == 200
    assert [a["id"] for a in response.json()["results"]] == [str(mine.uuid)]


def test_another_learners_award_is_a_404(api_client, learner, other_learner):
    theirs = award_make(other_learner)
    api_client.force_login(learner)

    response = api_client.get(detail(theirs))

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_admin_reads_only_their_own_awards_under_me(
    api_client, learner, portal_admin
):
    award = award_make(learner)
    api_client.force_login(portal_admin)

    assert api_client.get(detail(award)).status_code == 404
    assert api_client.get(LIST).json()["count"] == 0


def test_the_learner_reads_one_award(api_client, learner):
    award = award_make(learner)
    api_client.force_login(learner)

    response = api_client.get(detail(award))

    assert response.status_code == 200
    assert response.json()["id"] == str(award.uuid)
    assert response.json()["verification_code"] == award.verification_code


def test_a_revoked_award_states_when_and_why_and_has_no_badge(api_client, learner):
    award = award_make(learner, status=Award.Status.REVOKED)
    api_client.force_login(learner)

    body = api_client.get(detail(award)).json()

    assert body["status"] == "revoked"
    assert dt.datetime.fromisoformat(body["revoked_at"]) == award.revoked_at
    assert body["revoke_reason"] == "Issued in error."
    assert body["open_badge_url"] is None


def test_a_pending_award_has_no_documents_yet(api_client, learner):
    award = award_make(learner, status=Award.Status.PENDING)
    api_client.force_login(learner)

    body = api_client.get(detail(award)).json()

    assert (body["status"], body["issued_at"]) == ("pending", None)
    assert (body["documents"], body["open_badge_url"]) == ([], None)


def test_a_superseded_award_is_left_out(api_client, learner):
    unit = UnitFactory()
    old = award_make(learner, unit=unit, status=Award.Status.SUPERSEDED)
    new = award_make(learner, unit=unit)
    api_client.force_login(learner)

    listed = [a["id"] for a in api_client.get(LIST).json()["results"]]

    assert listed == [str(new.uuid)]
    assert api_client.get(detail(old)).status_code == 404


def test_a_malformed_id_is_a_404(api_client, learner):
    api_client.force_login(learner)

    assert api_client.get("/api/v1/me/awards/not-a-uuid/").status_code == 404


def test_pages_are_bounded_and_linked(api_client, learner):
    for day in range(1, 8):
        award_make(learner, earned_on=dt.date(2026, 5, day))
    api_client.force_login(learner)

    first = api_client.get(LIST, {"page_size": 3}).json()
    last = api_client.get(LIST, {"page_size": 3, "page": 3}).json()
    capped = api_client.get(LIST, {"page_size": 1000}).json()

    assert first["count"] == 7
    assert [a["earned_on"] for a in first["results"]] == [
        "2026-05-07",
        "2026-05-06",
        "2026-05-05",
    ]
    assert first["next"] == f"{SERVER}{LIST}?page=2&page_size=3"
    assert [a["earned_on"] for a in last["results"]] == ["2026-05-01"]
    assert last["next"] is None
    assert len(capped["results"]) == 7
    assert api_client.get(LIST, {"page": 9}).status_code == 404


def test_the_page_size_never_exceeds_100(api_client, learner):
    from api.pagination import PortalPagination

    assert PortalPagination.max_page_size == 100
    for _ in range(101):
        award_make(learner)
    api_client.force_login(learner)

    body = api_client.get(LIST, {"page_size": 500}).json()

    assert (body["count"], len(body["results"])) == (101, 100)


def _queries_for(client: APIClient, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


def test_the_list_costs_the_same_queries_for_2_or_12_awards(api_client, learner):
    for _ in range(2):
        award_make(learner)
    api_client.force_login(learner)
    few = _queries_for(api_client, LIST)
    for _ in range(10):
        award_make(learner)

    many = _queries_for(api_client, LIST)

    assert few[1] == 2
    assert many[1] == 12
    # session, user, count, awards with unit and program, their documents
    assert few[0] == many[0] == 5


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_answer_405_with_a_token(api_client, learner, method):
    award = award_make(learner)
    client = bearer(api_client, token_for(learner))

    for url in (LIST, detail(award)):
        response = getattr(client, method)(url, {}, format="json")
        assert response.status_code == 405, url
    assert Award.objects.get(pk=award.pk).status == Award.Status.ISSUED


def test_a_session_write_needs_csrf_and_then_answers_405(learner):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(learner)

    without = client.post(LIST, {}, format="json")
    client.get("/accounts/profile/api-tokens/")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    with_csrf = client.post(LIST, {}, format="json", HTTP_X_CSRFTOKEN=csrf)

    assert without.status_code == 403
    assert "CSRF" in without.json()["detail"]
    assert with_csrf.status_code == 405
    assert with_csrf["Allow"] == "GET, HEAD, OPTIONS"


def test_an_award_with_a_validity_states_its_last_valid_day(api_client, learner):
    award = award_make(learner)
    Award.objects.filter(pk=award.pk).update(expires_on=dt.date(2028, 6, 29))

    response = bearer(api_client, token_for(learner)).get(detail(award))

    assert response.json()["expires_on"] == "2028-06-29"
