"""Facilitators' queue, review page, register and QR code; admins' extensions."""

import datetime as dt

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enrollments.attendance.services import CHECK_IN_EXPIRED, check_in_token_make
from enrollments.models import Attendance, Extension
from reviews import messages
from reviews.models import Review
from reviews.services.reviews import review_decide
from reviews.services.submissions import draft_save, submission_submit
from reviews.views import reviewer as reviewer_views
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    PortalAdminFactory,
    SessionFactory,
)
from tests.reviews.scenarios import (
    add_artifacts,
    during_course,
    iste_portfolio,
    loyola_full,
)

pytestmark = pytest.mark.django_db


def submit_text(world, enrollment=None, text="My project", now=None):
    enrollment = enrollment or world.enrollment
    draft_save(enrollment=enrollment, requirement=world.requirement, text=text)
    return submission_submit(
        enrollment=enrollment, requirement=world.requirement, now=now or during_course()
    )


def test_the_queue_lists_own_offerings_oldest_first(client):
    # given two submissions in a facilitator's offering and one elsewhere
    world = loyola_full()
    later = EnrollmentFactory(offering=world.offering)
    submit_text(world, later, now=during_course() + dt.timedelta(days=1))
    submit_text(world)
    submit_text(loyola_full())

    client.force_login(world.facilitator)
    response = client.get(reverse("reviews:queue"))

    versions = list(response.context["page"].object_list)
    assert [v.submission.enrollment for v in versions] == [world.enrollment, later]
    assert response.context["counts"]["pending"] == 2


def test_the_queue_filters_by_state_and_counts_each(client):
    world = loyola_full()
    review_decide(
        reviewer=world.facilitator, version=submit_text(world), decision="met"
    )
    submit_text(world, EnrollmentFactory(offering=world.offering))
    client.force_login(world.facilitator)

    response = client.get(reverse("reviews:queue"), {"state": "met"})

    assert [v.submission.enrollment for v in response.context["page"]] == [
        world.enrollment
    ]
    counts = response.context["counts"]
    assert (counts["pending"], counts["met"], counts["all"]) == (1, 1, 2)


def test_the_queue_filters_by_offering_and_requirement(client):
    world = loyola_full()
    submit_text(world)
    client.force_login(world.facilitator)
    other = loyola_full()
    other.offering.facilitators.add(world.facilitator)
    submit_text(other)

    by_offering = client.get(reverse("reviews:queue"), {"offering": other.offering.pk})
    by_requirement = client.get(
        reverse("reviews:queue"), {"requirement": world.requirement.pk}
    )

    assert [v.submission.requirement for v in by_offering.context["page"]] == [
        other.requirement
    ]
    assert [v.submission.requirement for v in by_requirement.context["page"]] == [
        world.requirement
    ]


# session, user, roles; the facilitator's offering ids; the counts; the filter
# form's offerings and requirements; the page's ids, then its versions; the
# register links' offerings; the menu's "holds an enrollment".
QUEUE_QUERIES = 11


def _queue_queries(client, per_offering: int) -> list[int]:
    """Queries of the waiting queue and of the second page of every state, with
    ``per_offering`` submissions in each of a facilitator's two offerings (the
    first one Met), four to a page."""
    world, other = loyola_full(), loyola_full()
    other.offering.facilitators.add(world.facilitator)
    versions = [
        submit_text(w, EnrollmentFactory(offering=w.offering))
        for w in (world, other)
        for _ in range(per_offering)
    ]
    review_decide(reviewer=world.facilitator, version=versions[0], decision="met")
    client.force_login(world.facilitator)
    counted = []
    for params, listed in [
        ({}, versions[1:5]),
        ({"state": "all", "page": 2}, versions[4:8] if per_offering > 2 else versions),
    ]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("reviews:queue"), params)
        assert response.status_code == 200
        assert list(response.context["page"]) == listed
        assert response.context["counts"] == {
            "pending": 2 * per_offering - 1,
            "not_met": 0,
            "met": 1,
            "scored": 0,
            "all": 2 * per_offering,
        }
        counted.append(len(queries))
    return counted


def test_the_queue_query_count_does_not_grow(client, monkeypatch):
    monkeypatch.setattr(reviewer_views, "QUEUE_PAGE_SIZE", 4)
    assert _queue_queries(client, 2) == [QUEUE_QUERIES] * 2
    assert _queue_queries(client, 6) == [QUEUE_QUERIES] * 2


def test_a_learner_gets_404_for_the_queue(client):
    world = loyola_full()
    client.force_login(world.enrollment.learner)
    assert client.get(reverse("reviews:queue")).status_code == 404


def test_not_met_without_feedback_is_shown_next_to_the_field(client):
    world = loyola_full()
    version = submit_text(world)
    client.force_login(world.facilitator)
    url = reverse("reviews:review", args=[version.submission.pk])
    response = client.post(url, {"decision": "not_met", "feedback": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["feedback"] == [messages.FEEDBACK_REQUIRED]
    assert not Review.objects.exists()


def test_the_review_page_shows_history_and_earlier_feedback(client):
    world = loyola_full()
    first = submit_text(world, text="First try")
    review_decide(
        reviewer=world.facilitator,
        version=first,
        decision="not_met",
        feedback="Say how you will assess learning.",
    )
    submit_text(world, text="Second try")
    client.force_login(world.facilitator)
    response = client.get(reverse("reviews:review", args=[first.submission.pk]))
    content = response.content.decode()
    assert content.index("Second try") < content.index("First try")
    assert "Say how you will assess learning." in content


def test_a_facilitator_of_another_offering_gets_404_for_the_review_page(client):
    world = loyola_full()
    version = submit_text(world)
    client.force_login(FacilitatorFactory())
    url = reverse("reviews:review", args=[version.submission.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "met"}).status_code == 404
    assert not Review.objects.exists()


def test_a_facilitator_whose_role_was_taken_away_reviews_nothing(client):
    # given a facilitator listed on the offering who no longer holds the role
    world = loyola_full()
    version = submit_text(world)
    world.facilitator.groups.clear()
    queue_url = reverse("reviews:queue")
    client.force_login(world.facilitator)

    # when they open the queue, the review page, the register and post a decision
    review_url = reverse("reviews:review", args=[version.submission.pk])
    attendance_url = reverse("attendance:register", args=[world.offering.pk])

    # then every page is 404 and nothing is written
    assert client.get(queue_url).status_code == 404
    assert client.get(review_url).status_code == 404
    assert client.post(review_url, {"decision": "met"}).status_code == 404
    assert client.get(attendance_url).status_code == 404
    assert not Review.objects.exists()


def test_a_rubric_review_over_http_saves_every_criterion(client):
    world = iste_portfolio()
    add_artifacts(world, 9)
    version = submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )
    client.force_login(world.facilitator)
    data = {"feedback": "Solid work."}
    for criterion, points in zip(world.criteria, [4, 4, 4, 4, 4], strict=True):
        data[f"points_{criterion.pk}"] = points
        data[f"feedback_{criterion.pk}"] = f"On {criterion.title}"
    response = client.post(
        reverse("reviews:review", args=[version.submission.pk]), data
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.total_points, review.out_of, review.passed) == (20, 25, True)


def test_points_above_a_criterion_are_refused_by_the_form(client):
    world = iste_portfolio()
    add_artifacts(world, 9)
    version = submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )
    client.force_login(world.facilitator)
    data = {f"points_{c.pk}": 6 for c in world.criteria}
    response = client.post(
        reverse("reviews:review", args=[version.submission.pk]), data
    )
    assert response.status_code == 400
    assert not Review.objects.exists()


# Attendance


def test_the_register_marks_ticked_learners(client):
    world = iste_portfolio()
    session = SessionFactory(offering=world.offering, starts_at=timezone.now())
    client.force_login(world.facilitator)
    response = client.post(
        reverse("attendance:register", args=[world.offering.pk]),
        {"session": session.pk, f"s{session.pk}-present": [world.enrollment.pk]},
    )
    assert response.status_code == 302
    assert Attendance.objects.get().enrollment == world.enrollment


def test_the_check_in_code_page_shows_a_qr_code(client):
    world = iste_portfolio()
    session = SessionFactory(offering=world.offering, starts_at=timezone.now())
    client.force_login(world.facilitator)
    response = client.get(reverse("attendance:check_in_code", args=[session.pk]))
    content = response.content.decode()
    assert "<svg" in content
    assert "/check-in/" in content
    client.force_login(FacilitatorFactory())
    url = reverse("attendance:check_in_code", args=[session.pk])
    assert client.get(url).status_code == 404


def test_a_learner_checks_in_by_scanning_the_code(client):
    world = iste_portfolio()
    session = SessionFactory(offering=world.offering, starts_at=timezone.now())
    url = reverse("attendance:check_in", args=[check_in_token_make(session=session)])
    client.force_login(world.enrollment.learner)
    assert client.get(url).status_code == 200
    assert not Attendance.objects.exists()
    response = client.post(url)
    assert response.status_code == 302
    assert Attendance.objects.get().method == "check_in"


def test_an_expired_code_is_refused_with_the_message(client, monkeypatch):
    world = iste_portfolio()
    session = SessionFactory(offering=world.offering, starts_at=timezone.now())
    an_hour_ago = signing.time.time() - 3600
    monkeypatch.setattr(signing.time, "time", lambda: an_hour_ago)
    token = check_in_token_make(session=session)
    monkeypatch.undo()
    client.force_login(world.enrollment.learner)
    response = client.post(reverse("attendance:check_in", args=[token]))
    assert response.status_code == 400
    assert str(CHECK_IN_EXPIRED) in response.content.decode()
    assert not Attendance.objects.exists()


# Extensions


def test_an_admin_grants_an_extension_from_the_page(client):
    world = iste_portfolio()
    client.force_login(PortalAdminFactory())
    response = client.post(
        reverse("reviews:extension", args=[world.enrollment.pk]),
        {
            "requirement": world.requirement.pk,
            "new_deadline": "2027-09-30",
            "reason": "Approved by the program lead",
        },
    )
    assert response.status_code == 302
    assert Extension.objects.get().new_deadline == dt.date(2027, 9, 30)


def test_a_facilitator_cannot_open_the_extension_page(client):
    world = iste_portfolio()
    client.force_login(world.facilitator)
    url = reverse("reviews:extension", args=[world.enrollment.pk])
    assert client.get(url).status_code == 404
