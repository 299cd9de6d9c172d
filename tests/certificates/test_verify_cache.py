"""The public verification page is served from a cache with an ETag that changes
with the award: 304 for a current copy, never a stale page."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates import verify_page
from certificates.models import Award
from certificates.services import award_reissue, award_revoke
from certificates.services.issuance import award_issue
from tests.clock import travel_to
from tests.factories import LearnerFactory, PortalAdminFactory

pytestmark = pytest.mark.django_db


def verify(client, award, **headers):
    return client.get(
        reverse("certificates:verify", args=[award.verification_code]),
        headers=headers,
    )


def test_a_page_carries_an_etag_and_is_public_for_a_few_minutes(client, issued):
    response = verify(client, issued)

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", f"max-age={verify_page.MAX_AGE_SECONDS}"}
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert {"Accept", "Cookie", "Accept-Language"} <= vary


def test_a_matching_etag_answers_304(client, issued):
    tag = verify(client, issued)["ETag"]

    response = verify(client, issued, if_none_match=tag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == tag


def test_a_weakened_etag_matches_too(client, issued):
    tag = verify(client, issued)["ETag"]

    assert verify(client, issued, if_none_match=f"W/{tag}").status_code == 304


def test_another_etag_gets_the_page(client, issued):
    response = verify(client, issued, if_none_match='"an-old-one"')

    assert response.status_code == 200
    assert "Valid" in response.content.decode()


def test_a_revocation_changes_the_etag_and_the_page_says_revoked(client, issued, now):
    before = verify(client, issued)
    award_revoke(
        award=issued, reason="Recorded in error.", actor=PortalAdminFactory(), now=now
    )

    after = verify(client, issued, if_none_match=before["ETag"])

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Revoked" in after.content.decode()
    assert "Valid" not in after.content.decode()


def test_a_reissue_changes_the_etag_and_points_to_the_current_one(client, issued):
    before = verify(client, issued)["ETag"]
    new = award_reissue(award=issued, actor=PortalAdminFactory())
    award_issue(award_id=new.pk)

    after = verify(client, issued, if_none_match=before)

    assert after.status_code == 200
    assert "Replaced" in after.content.decode()
    assert new.get_absolute_url() in after.content.decode()


def test_the_etag_changes_when_the_expiry_day_passes(client, issued, today):
    Award.objects.filter(pk=issued.pk).update(expires_on=today)
    on_the_day = verify(client, issued)["ETag"]
    with travel_to(today + dt.timedelta(days=1)):
        the_day_after = verify(client, issued)["ETag"]

    assert on_the_day != the_day_after


def test_a_signed_in_visitor_gets_their_own_page_not_the_shared_one(client, issued):
    client.force_login(issued.learner)

    response = verify(client, issued)

    assert response.status_code == 200
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")
    assert "Log out" in response.content.decode()


def test_the_json_answer_varies_on_accept(client, issued):
    response = verify(client, issued, accept="application/ld+json")

    assert response.status_code == 200
    assert "Accept" in response["Vary"]


def _more_awards(issued, count: int) -> None:
    """Issued awards of other learners, written directly: the page's cost must
    not depend on how many there are."""
    learners = [LearnerFactory() for _ in range(count)]
    Award.objects.bulk_create(
        Award(
            learner=learner,
            program=issued.program,
            status=Award.Status.ISSUED,
            verification_code=f"{uuid.uuid4().hex[:4]}-{n:04d}-ABCD-EFGH".upper(),
            snapshot=issued.snapshot,
            earned_on=issued.earned_on,
            issued_at=issued.issued_at,
        )
        for n, learner in enumerate(learners)
    )


def _cached_hit_queries(client, issued) -> tuple[int, bytes]:
    verify(client, issued)  # renders and keeps the page
    with CaptureQueriesContext(connection) as queries:
        response = verify(client, issued)
    assert response.status_code == 200
    assert response.context is None  # served from the cache, not rendered
    return len(queries), response.content


def test_a_cached_hit_makes_one_query_at_two_sizes(client, issued):
    small, small_page = _cached_hit_queries(client, issued)
    _more_awards(issued, 30)
    large, large_page = _cached_hit_queries(client, issued)

    assert small == large == 1
    assert small_page == large_page
    assert "Valid" in large_page.decode()
