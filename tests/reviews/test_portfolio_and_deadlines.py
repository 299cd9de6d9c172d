"""ISTE portfolios: 9 to 14 artifacts with reflections and standards, and deadlines
(six months after the course ends; the pre-assessment before the first session)."""

import datetime as dt

import pytest
from django.urls import reverse

from enrollments.services.extensions import extension_grant
from reviews import messages
from reviews.models import Artifact, SubmissionVersion
from reviews.services.submissions import artifact_add, draft_save, submission_submit
from tests.factories import PortalAdminFactory, RequirementFactory, SessionFactory
from tests.reviews.scenarios import (
    add_artifacts,
    iste_portfolio,
    pdf_file,
    submit,
)

pytestmark = pytest.mark.django_db


# Portfolio bounds (ISTE: 9 to 14 artifacts, each with reflection and standards)


def test_a_portfolio_of_eight_artifacts_is_refused():
    world = iste_portfolio()
    add_artifacts(world, 8)
    with pytest.raises(messages.ReviewsRefused) as refused:
        submit(world)
    assert refused.value.message == messages.TOO_FEW_ARTIFACTS % {"min": 9, "count": 8}
    assert SubmissionVersion.objects.get().status == "draft"


def test_a_portfolio_of_nine_artifacts_is_submitted():
    world = iste_portfolio()
    add_artifacts(world, 9)
    assert submit(world).artifacts.count() == 9


def test_a_fifteenth_artifact_is_refused():
    world = iste_portfolio()
    add_artifacts(world, 14)
    with pytest.raises(messages.ReviewsRefused) as refused:
        add_artifacts(world, 1, start=15)
    assert refused.value.message == messages.PORTFOLIO_FULL % {"max": 14}
    assert Artifact.objects.count() == 14
    assert submit(world).artifacts.count() == 14


def test_the_page_says_a_portfolio_holds_at_most_14_when_a_15th_is_added(client):
    world = iste_portfolio()
    add_artifacts(world, 14)
    client.force_login(world.enrollment.learner)
    url = reverse(
        "reviews:artifact_add", args=[world.enrollment.pk, world.requirement.pk]
    )

    response = client.post(
        url,
        {
            "title": "Artifact 15",
            "file": pdf_file("artifact-15.pdf"),
            "reflection": "One more.",
            "standards": ["learner"],
        },
    )

    assert response.status_code == 400
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        "Nothing was saved. A portfolio holds at most 14 artifacts; remove one "
        "before you add another."
    ]
    assert Artifact.objects.count() == 14


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"title": "", "reflection": "r", "standards": ["learner"]},
            messages.ARTIFACT_TITLE_REQUIRED,
        ),
        (
            {"title": "t", "reflection": " ", "standards": ["learner"]},
            messages.REFLECTION_REQUIRED,
        ),
        (
            {"title": "t", "reflection": "r", "standards": ["nonsense"]},
            messages.STANDARDS_REQUIRED,
        ),
    ],
)
def test_a_portfolio_artifact_needs_title_reflection_and_a_standard(fields, message):
    world = iste_portfolio()
    with pytest.raises(messages.ReviewsRefused) as refused:
        artifact_add(
            enrollment=world.enrollment,
            requirement=world.requirement,
            upload=pdf_file(),
            **fields,
        )
    assert refused.value.message == message
    assert not Artifact.objects.exists()


def test_portfolio_standards_are_stored_in_the_standards_order():
    world = iste_portfolio()
    artifact = artifact_add(
        enrollment=world.enrollment,
        requirement=world.requirement,
        title="Unit plan",
        link="https://example.org/plan",
        reflection="Why",
        standards=["analyst", "learner"],
    )
    artifact.refresh_from_db()
    assert artifact.standards == ["learner", "analyst"]
    assert artifact.standard_labels == ["Learner", "Analyst"]


# Deadlines (ISTE: six months after the course ends, Feb 28 -> Aug 28, 2027)


def test_a_portfolio_on_the_last_day_is_accepted():
    world = iste_portfolio()
    add_artifacts(world, 9)
    last_day = dt.datetime(2027, 8, 28, 23, 0, tzinfo=dt.UTC)  # 7 pm in New York
    assert submit(world, now=last_day).status == "submitted"


def test_a_late_portfolio_is_refused_then_accepted_after_an_extension():
    # given a complete portfolio the day after the deadline
    world = iste_portfolio()
    add_artifacts(world, 9)
    late = dt.datetime(2027, 8, 29, 16, 0, tzinfo=dt.UTC)

    # when it is submitted, it is refused with the deadline in the message
    with pytest.raises(messages.ReviewsRefused) as refused:
        submit(world, now=late)
    assert refused.value.message == messages.LATE % {
        "requirement": "E-portfolio",
        "date": "Aug 28, 2027",
    }
    assert SubmissionVersion.objects.get().status == "draft"

    # and after an admin grants an extension, the same submission goes through
    extension_grant(
        granted_by=PortalAdminFactory(),
        enrollment=world.enrollment,
        requirement=world.requirement,
        new_deadline=dt.date(2027, 9, 30),
        reason="Family emergency documented by email.",
    )
    assert submit(world, now=late).status == "submitted"


def test_the_pre_assessment_is_due_before_the_first_session():
    # given an ISTE cohort whose first session meets on Feb 3, 2027
    world = iste_portfolio()
    SessionFactory(offering=world.offering)  # Feb 3, 2027, 2 pm in New York
    pre = RequirementFactory(
        unit=world.offering.unit,
        title="Pre-assessment",
        kind="pre_assessment",
        deadline="before_first_session",
    )
    draft_save(enrollment=world.enrollment, requirement=pre, text="My baseline")

    # then it is refused on the day of the session and accepted the day before
    on_the_day = dt.datetime(2027, 2, 3, 15, 0, tzinfo=dt.UTC)
    with pytest.raises(messages.ReviewsRefused) as refused:
        submission_submit(enrollment=world.enrollment, requirement=pre, now=on_the_day)
    assert refused.value.message == messages.LATE % {
        "requirement": "Pre-assessment",
        "date": "Feb 2, 2027",
    }
    day_before = dt.datetime(2027, 2, 2, 15, 0, tzinfo=dt.UTC)
    version = submission_submit(
        enrollment=world.enrollment, requirement=pre, now=day_before
    )
    assert version.status == "submitted"
