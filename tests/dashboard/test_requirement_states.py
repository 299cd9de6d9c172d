"""One state per requirement on the dashboard: done work leaves the to-do lists."""

import datetime as dt

import pytest
from django.utils import timezone

from programs.models import Requirement
from reviews.services.reviews import review_decide, review_score
from reviews.services.submissions import artifact_add, draft_save, submission_submit
from tests.dashboard.pages import dashboard_page
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    OpenOfferingFactory,
    RequirementFactory,
    RubricCriterionFactory,
)

pytestmark = pytest.mark.django_db


def running_offering():
    today = timezone.localdate()
    offering = OpenOfferingFactory(
        start_date=today - dt.timedelta(days=10), end_date=today + dt.timedelta(days=20)
    )
    facilitator = FacilitatorFactory()
    offering.facilitators.add(facilitator)
    return offering, facilitator


def project_drafted(offering):
    """A Met / Not Met project due after the offering ends, with a draft saved."""
    project = RequirementFactory(
        unit=offering.unit,
        title="Competency project",
        review_mode=Requirement.ReviewMode.MET_NOT_MET,
        deadline="after_end",
        deadline_days_after_end=10,
    )
    enrollment = EnrollmentFactory(offering=offering)
    draft_save(enrollment=enrollment, requirement=project, text="My project")
    return enrollment, project


def test_a_met_requirement_leaves_coming_deadlines(client):
    # given a project drafted, then submitted and Met
    offering, facilitator = running_offering()
    enrollment, project = project_drafted(offering)
    assert "Competency project" in dashboard_page(client, enrollment.learner)
    version = submission_submit(enrollment=enrollment, requirement=project)
    # when it is reviewed Met
    review_decide(reviewer=facilitator, version=version, decision="met")
    # then no coming deadline and no "next deadline" names it
    content = dashboard_page(client, enrollment.learner)
    assert "Competency project" not in content
    assert "No coming deadlines in your current enrollments." in content


def test_a_submission_waiting_for_review_leaves_coming_deadlines(client):
    offering, _ = running_offering()
    enrollment, project = project_drafted(offering)
    submission_submit(enrollment=enrollment, requirement=project)
    content = dashboard_page(client, enrollment.learner)
    assert "No coming deadlines in your current enrollments." in content


def test_a_passed_portfolio_is_no_longer_in_progress(client):
    # given a rubric portfolio of 9-14 artifacts, passing at 8 of 10
    offering, facilitator = running_offering()
    portfolio = RequirementFactory(
        unit=offering.unit,
        title="E-portfolio",
        kind="portfolio",
        review_mode=Requirement.ReviewMode.RUBRIC,
        min_artifacts=1,
        max_artifacts=14,
        pass_score=8,
        deadline="after_end",
        deadline_days_after_end=10,
    )
    criteria = [
        RubricCriterionFactory(requirement=portfolio, title=f"C{n}", max_points=5)
        for n in (1, 2)
    ]
    enrollment = EnrollmentFactory(offering=offering)
    artifact_add(
        enrollment=enrollment,
        requirement=portfolio,
        title="Artifact",
        text="A lesson and student work.",
        reflection="What changed for my students.",
        standards=["learner"],
    )
    version = submission_submit(enrollment=enrollment, requirement=portfolio)
    # when it is scored 9 of 10
    review_score(
        reviewer=facilitator,
        version=version,
        scores={
            c.pk: (points, "Clear.") for c, points in zip(criteria, [5, 4], strict=True)
        },
    )
    # then it is neither in progress nor among the coming deadlines
    content = dashboard_page(client, enrollment.learner)
    assert "Portfolios in progress" not in content
    assert "E-portfolio" not in content
