""" "Why not yet": every rule of each credential in progress, with what is missing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.selectors import progress_reports_for
from tests.factories import LearnerFactory

from . import journeys
from .journeys import CMTE_WORKSHOPS, STACK

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return LearnerFactory()


def lines_of(learner) -> dict[str, list[tuple[bool, str]]]:
    return {
        report.credential: [(line.is_met, str(line.missing)) for line in report.lines]
        for report in progress_reports_for(learner=learner)
    }


def test_two_workshops_done_and_one_under_way(catalog, learner):
    for slug in CMTE_WORKSHOPS[:2]:
        journeys.complete_workshop(learner, slug)
    journeys.enroll(learner, CMTE_WORKSHOPS[2])

    reports = lines_of(learner)

    assert reports == {
        "The Online Classroom: Strategies for Higher Ed Teaching and Learning": [
            (False, "Final product not done")
        ],
        "Certificate in Media and Technology for Education": [
            (False, "1 more workshop")
        ],
    }


def test_iste_scored_18_says_how_far_from_20(catalog, learner):
    _, version = journeys.iste_ready_for_scoring(learner)
    journeys.score(version, 18)

    reports = lines_of(learner)

    assert reports["ISTE Certification for Educators"] == [
        (True, ""),
        (False, "E-portfolio scored 18/25, 20 needed"),
        (True, ""),
    ]
    assert reports["ISTE Certified Educator"] == [(False, "1 more course")]


def test_iste_pre_assessment_not_done(catalog, learner):
    journeys.enroll(learner, "iste-certification")

    first = lines_of(learner)["ISTE Certification for Educators"][0]

    assert first == (
        False,
        "Pre-assessment not done; Attendance at the required virtual sessions not done",
    )


def test_loyola_full_names_the_submission_not_met(catalog, learner):
    enrollment = journeys.enroll(learner, "loyola-full-technology-integration")
    journeys.met(journeys.submit(enrollment, "Module activities"))
    journeys.not_met(journeys.submit(enrollment, "Competency-based project"))

    reports = lines_of(learner)

    assert reports["Full Micro-credential: Technology Integration for Learning"] == [
        (False, "Competency-based project was Not Met: revise and resubmit")
    ]


def test_a_stacked_unit_names_its_missing_prerequisite(catalog, learner):
    journeys.enroll(learner, STACK[1])

    reports = lines_of(learner)

    assert reports["Stacked Micro-credential 2: Designing with Digital Tools"] == [
        (False, "complete Digital Tools Foundations first"),
        (False, "Reflective activity not submitted yet"),
        (False, "Knowledge check not done"),
    ]
    assert reports["Stacked Continuing Education Certificate"] == [
        (False, "3 more micro-credentials")
    ]


def test_credentials_held_are_not_in_progress(catalog, learner):
    for slug in CMTE_WORKSHOPS:
        journeys.complete_workshop(learner, slug)

    assert lines_of(learner) == {}


def test_nothing_in_progress_for_a_new_learner(catalog, learner):
    assert progress_reports_for(learner=learner) == []


def reports_with_query_count(learner) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as queries:
        reports = progress_reports_for(learner=learner)
    return {report.credential: report for report in reports}, len(queries)


def test_reports_read_in_the_same_number_of_queries_for_more_units(catalog, learner):
    # ISTE's course takes attendance, read only for the units that require it:
    # at both sizes
    journeys.enroll(learner, CMTE_WORKSHOPS[0])
    journeys.enroll(learner, STACK[0])
    journeys.enroll(learner, "iste-certification")
    few, small = reports_with_query_count(learner)
    assert len(few) == 6

    journeys.enroll(learner, CMTE_WORKSHOPS[1])
    journeys.enroll(learner, "loyola-full-technology-integration")
    many, large = reports_with_query_count(learner)

    assert len(many) == 8
    assert [line.missing for line in many["ISTE Certified Educator"].lines] == [
        "1 more course"
    ]
    assert [
        line.missing
        for line in many[
            "Full Micro-credential: Technology Integration for Learning"
        ].lines
    ] == [
        "Module activities not submitted yet; "
        "Competency-based project not submitted yet"
    ]
    assert large == small


def test_work_waiting_for_review_is_not_listed_as_still_needed(
    client, catalog, learner
):
    enrollment = journeys.enroll(learner, "loyola-full-technology-integration")
    journeys.met(journeys.submit(enrollment, "Module activities"))
    journeys.submit(enrollment, "Competency-based project")
    client.force_login(learner)

    response = client.get("/dashboard/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Competency-based project submitted, waiting for review" in content
    assert "Still needed" not in content
    assert "awaiting review" not in content
