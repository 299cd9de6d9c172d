"""The public verification page is served from a cache with an ETag that changes
with the award: 304 for a current copy, never a stale page. From the shared
cache (Redis) without a query; from local memory after one."""

import datetime as dt
import os
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates import verify_page
from certificates.models import Award
from certificates.services import award_reissue, award_revoke
from certificates.services.issuance import award_issue
from certificates.services.renewal import award_renew
from core import versioned
from core.cache_aliases import PAGES
from credentials_portal.caches import caches_from
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


# The shared cache (Redis, as in production): a hit makes no query, and every
# write of an award reaches the page once committed.

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def shared_pages(settings):
    """The pages cache on Redis, emptied before and after."""
    settings.CACHES = caches_from({"REDIS_URL": REDIS_URL})
    caches[PAGES].clear()
    assert versioned.shared(PAGES)
    yield
    caches[PAGES].clear()


def _hit(client, award) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = verify(client, award)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_shared_hit_makes_no_query_at_two_sizes(client, issued, shared_pages):
    verify(client, issued)  # renders and keeps the page
    small, small_page = _hit(client, issued)
    _more_awards(issued, 30)
    verify(client, Award.objects.order_by("-pk").first())  # another code's entry
    large, large_page = _hit(client, issued)

    assert small == large == 0
    assert small_page == large_page
    assert "Valid" in large_page


def test_a_shared_hit_answers_304_to_a_current_copy(client, issued, shared_pages):
    tag = verify(client, issued)["ETag"]

    with CaptureQueriesContext(connection) as queries:
        response = verify(client, issued, if_none_match=tag)

    assert len(queries) == 0
    assert response.status_code == 304
    assert response["ETag"] == tag


def test_a_revocation_shows_at_once(
    client, issued, now, shared_pages, django_capture_on_commit_callbacks
):
    assert "Valid" in verify(client, issued).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        award_revoke(
            award=issued,
            reason="Recorded in error.",
            actor=PortalAdminFactory(),
            now=now,
        )

    queries, page = _hit(client, issued)

    assert queries == 1  # the new state read once, then kept
    assert "Revoked" in page
    assert "Recorded in error." in page
    assert _hit(client, issued) == (0, page)


def test_a_reissue_shows_at_once_and_the_link_follows_the_new_one(
    client, issued, now, shared_pages, django_capture_on_commit_callbacks
):
    verify(client, issued)
    with django_capture_on_commit_callbacks(execute=True):
        new = award_reissue(award=issued, actor=PortalAdminFactory())  # issued too
    replaced = _hit(client, issued)[1]
    # a write of the new award changes the old one's page: its link goes
    with django_capture_on_commit_callbacks(execute=True):
        award_revoke(award=new, reason="Wrong.", actor=PortalAdminFactory(), now=now)
    unlinked = _hit(client, issued)[1]

    assert "Replaced" in replaced
    assert new.get_absolute_url() in replaced
    assert "Replaced" in unlinked
    assert new.get_absolute_url() not in unlinked


def test_a_renewal_shows_at_once(
    client, issued, today, shared_pages, django_capture_on_commit_callbacks
):
    verify(client, issued)
    with django_capture_on_commit_callbacks(execute=True):
        renewal = award_renew(
            award=issued, today=today + dt.timedelta(days=30), reason="Renewed."
        )
        award_issue(award_id=renewal.pk)

    page = _hit(client, issued)[1]

    assert "Renewed" in page
    assert renewal.get_absolute_url() in page


def test_an_expiry_shows_from_the_day_after(client, issued, today, shared_pages):
    # a direct update sends no signal: only the day can change the page
    Award.objects.filter(pk=issued.pk).update(expires_on=today)
    verify(client, issued)
    on_the_day = _hit(client, issued)
    with travel_to(today + dt.timedelta(days=1)):
        the_day_after = _hit(client, issued)
        kept = _hit(client, issued)

    assert on_the_day[0] == 0
    assert "Valid" in on_the_day[1]
    assert "Expired" not in on_the_day[1]
    assert the_day_after[0] == 1
    assert "Expired" in the_day_after[1]
    assert kept == (0, the_day_after[1])


@pytest.mark.parametrize("seen_before", [True, False])
def test_a_page_read_before_a_write_is_never_served_after_it(
    client,
    issued,
    now,
    rf,
    seen_before,
    shared_pages,
    django_capture_on_commit_callbacks,
):
    """A request read the code's version and the award, then a revocation
    committed, then the request stored its page: the stale page is never served
    (stored under the old version, or not at all for a code first seen)."""
    code = issued.verification_code
    stale = verify(client, issued).content
    if seen_before:  # the code has a version, and no page kept under it
        with django_capture_on_commit_callbacks(execute=True):
            issued.save()
    else:
        caches[PAGES].clear()
    stamp = verify_page.stamp(code)

    def render_then_revoke(award):
        with django_capture_on_commit_callbacks(execute=True):
            award_revoke(
                award=award, reason="Lost.", actor=PortalAdminFactory(), now=now
            )
        return stale

    kept = verify_page.page(stamp, code, request=rf.get("/"), render=render_then_revoke)

    assert (stamp.versions[0] is not None) is seen_before
    assert "Valid" in kept.content.decode()  # what this request answered
    assert "Revoked" in verify(client, issued).content.decode()
    assert "Revoked" in _hit(client, issued)[1]


@pytest.mark.parametrize("code", ["ZZZZ-ZZZZ-ZZZZ-ZZZZ", "not a code", "A" * 300])
def test_a_forged_code_is_404_with_a_clear_message(client, shared_pages, code):
    response = client.get(reverse("certificates:verify", args=[code]))

    assert response.status_code == 404
    page = response.content.decode()
    assert "Unknown code" in page
    assert "No credential issued through this portal has" in page
    assert "ETag" not in response


def test_a_forged_code_leaves_nothing_in_the_cache(client, shared_pages):
    client.get(reverse("certificates:verify", args=["ZZZZ-ZZZZ-ZZZZ-ZZZZ"]))

    redis = caches[PAGES]._cache.get_client(None)
    assert redis.keys(caches[PAGES].make_key("*")) == []


def test_shared_pages_are_not_kept_in_process_memory(client, issued, shared_pages):
    verify(client, issued)
    assert _hit(client, issued)[0] == 0

    assert not [name for name in versioned._copies if issued.verification_code in name]


def test_the_page_answers_while_the_pages_cache_is_down(client, issued, settings):
    """Redis unreachable (a closed port): the page is read and rendered."""
    settings.CACHES = caches_from({"REDIS_URL": "redis://127.0.0.1:9/0"})
    assert versioned.shared(PAGES)

    response = verify(client, issued)

    assert response.status_code == 200
    assert "Valid" in response.content.decode()
    assert issued.credential_name in response.content.decode()
