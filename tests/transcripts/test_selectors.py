"""Which credentials a transcript lists, and the figures they carry."""

import datetime as dt
from decimal import Decimal

import pytest

from certificates.models import Award
from certificates.selectors.progress import enrollment_details
from certificates.services import award_reissue
from certificates.services.issuance import award_issue
from programs.models import Offering
from tests.factories import EnrollmentFactory, LearnerFactory
from tests.transcripts.conftest import issued_award
from transcripts.selectors import transcript_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return LearnerFactory(legal_name="Lucía Learner-Ortega")


def credentials(learner) -> list[str]:
    return [entry.credential for entry in transcript_for(learner=learner).entries]


def test_only_issued_credentials_are_listed_oldest_first(catalog, learner):
    # given one award in each state, and another learner's
    issued_award(learner, unit="sotl", earned_on=dt.date(2026, 5, 1))
    issued_award(learner, unit="otla", earned_on=dt.date(2026, 3, 1))
    issued_award(learner, unit="the-online-classroom", status=Award.Status.PENDING)
    issued_award(learner, program="cmte", status=Award.Status.FAILED)
    issued_award(learner, unit="iste-certification", status=Award.Status.REVOKED)
    issued_award(LearnerFactory(), unit="cael-driving-change")

    # then the transcript lists the two issued ones, by the date earned
    assert credentials(learner) == [
        "Online Teaching and Learning in Action",
        "Developing Strategies for Online Teaching and Learning",
    ]


def test_a_superseded_award_is_replaced_by_its_reissue(catalog, learner):
    award = award_issue(
        award_id=issued_award(learner, unit="sotl", status=Award.Status.PENDING).pk
    )
    new = award_reissue(award=award, actor=None)
    award_issue(award_id=new.pk)

    entries = transcript_for(learner=learner).entries

    assert [e.verification_code for e in entries] == [
        Award.objects.get(pk=new.pk).verification_code
    ]


def test_each_credential_carries_the_figures_its_catalogue_gives(catalog, learner):
    issued_award(learner, unit="cael-driving-change", track="non_credit")
    issued_award(learner, unit="loyola-full-technology-integration")
    issued_award(learner, unit="iste-certification")
    issued_award(learner, unit="loyola-ceu-edcamps-conferences", ceus=Decimal("0.6"))
    issued_award(learner, program="cmte")

    transcript = transcript_for(learner=learner)

    figures = {
        e.credential: (e.clock_hours, e.estimated_hours, e.cpd_credits, e.ceus, e.track)
        for e in transcript.entries
    }
    assert figures == {
        "Driving Change: A Certificate of Advanced Leadership Module": (
            60,
            None,
            None,
            None,
            "Non-credit",
        ),
        "Full Micro-credential: Technology Integration for Learning": (
            None,
            15,
            Decimal("1.0"),
            None,
            "",
        ),
        "ISTE Certification for Educators": (None, 30, None, None, ""),
        "CEU for Edcamps and Conferences": (None, None, None, Decimal("0.6"), ""),
        "Certificate in Media and Technology for Education": (
            None,
            None,
            None,
            None,
            "",
        ),
    }
    totals = transcript.totals
    assert (totals.clock_hours, totals.estimated_hours) == (60, 45)
    assert (totals.cpd_credits, totals.ceus) == (Decimal("1.0"), Decimal("0.6"))


def test_the_figures_are_those_frozen_at_issue(catalog, learner):
    award = issued_award(learner, unit="cael-driving-change")
    unit = award.unit
    unit.clock_hours = 45
    unit.save()

    assert transcript_for(learner=learner).entries[0].clock_hours == 60


def test_the_ceus_come_from_the_event_the_learner_attended(catalog, learner):
    # given a CEU event whose admin entered the CEUs it awards
    enrollment = EnrollmentFactory(
        learner=learner,
        offering=Offering.objects.filter(unit__slug="loyola-ceu-edcamps-conferences")
        .order_by("start_date")
        .first(),
    )
    enrollment.offering.ceus = Decimal("0.6")
    enrollment.offering.save()

    # then the award's details read them from that run
    _, label, ceus, _ = enrollment_details(
        learner_id=learner.pk, unit_id=enrollment.offering.unit_id
    )
    assert (label, ceus) == (enrollment.offering.label, Decimal("0.6"))
