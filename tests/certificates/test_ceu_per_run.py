"""Each Edcamp or conference is its own CEU (``Unit.earned_per_run``): a learner
holding one CEU certificate enrolls in the next event and earns it too, and the
transcript sums the CEUs of every run (issue 16, item 10)."""

import datetime as dt

import pytest

from certificates.models import Award
from certificates.services.issuance import award_issue
from enrollments.attendance.services import attendance_mark
from enrollments.messages import EnrollmentRefused
from enrollments.services.enrollment import enrollment_create
from programs.models import Offering
from reviews.services.reviews import review_decide
from reviews.services.submissions import draft_save, submission_submit
from tests.certificates import journeys
from tests.factories import FacilitatorFactory, LearnerFactory
from transcripts.selectors import transcript_for

pytestmark = pytest.mark.django_db

CEU = "loyola-ceu-edcamps-conferences"


@pytest.fixture
def events(award_catalog, today):
    """The two CEU events of the last run, both held before today, earliest first."""
    held = Offering.objects.filter(unit__slug=CEU, end_date__lt=today)
    return list(held.order_by("start_date")[:2])


@pytest.fixture
def facilitator(events):
    facilitator = FacilitatorFactory()
    for offering in events:
        offering.facilitators.add(facilitator)
    return facilitator


def _earn(learner, facilitator, offering: Offering) -> Award:
    """Enroll a week before the event, attend it, reflect that evening, reviewed
    Met two days later; the award is issued."""
    session = offering.sessions.get()
    enrollment = enrollment_create(
        learner=learner,
        offering=offering,
        now=session.starts_at - dt.timedelta(days=7),
    )
    attendance_mark(
        marked_by=facilitator,
        enrollment=enrollment,
        session=session,
        now=session.starts_at + dt.timedelta(hours=1),
    )
    reflection = offering.unit.requirements.get(title="Reflection")
    draft_save(enrollment=enrollment, requirement=reflection, text="What I took home.")
    version = submission_submit(
        enrollment=enrollment,
        requirement=reflection,
        now=session.starts_at + dt.timedelta(hours=10),
    )
    journeys.evaluated(
        review_decide(
            reviewer=facilitator,
            version=version,
            decision="met",
            now=session.starts_at + dt.timedelta(days=2),
        )
    )
    award = Award.objects.get(learner=learner, run=offering)
    return award_issue(award_id=award.pk, notify=False)


def test_a_ceu_holder_enrolls_in_the_next_event_and_earns_its_ceu(events, facilitator):
    # given a learner who earned the CEU of the first event
    learner = LearnerFactory()
    first, second = events
    assert first.unit.earned_per_run
    _earn(learner, facilitator, first)

    # when they enroll in the next event and complete it
    awards = [
        *Award.objects.filter(learner=learner),
        _earn(learner, facilitator, second),
    ]

    # then each event is its own issued CEU certificate
    assert [a.run for a in awards] == [first, second]
    assert {a.status for a in awards} == {Award.Status.ISSUED}


def test_the_transcript_sums_the_ceus_of_every_event(events, facilitator):
    learner = LearnerFactory()
    for offering in events:
        _earn(learner, facilitator, offering)

    transcript = transcript_for(learner=learner)

    assert transcript.totals.ceus == sum(o.ceus for o in events)
    assert len(transcript.entries) == 2


def test_the_same_event_is_still_refused_once_held(events, facilitator):
    learner = LearnerFactory()
    first = events[0]
    _earn(learner, facilitator, first)

    with pytest.raises(EnrollmentRefused, match="already enrolled"):
        enrollment_create(learner=learner, offering=first, today=first.start_date)
