"""Progress changes (submissions, reviews, attendance, imports) earn awards."""

import logging

import pytest

from audit.models import AuditEvent
from certificates.models import Award, AwardEvent
from certificates.services import evaluation
from certificates.services.evaluation import progress_sweep
from core import clock
from enrollments.models import Enrollment
from programs.models import CompletionRule, Unit
from tests.factories import LearnerFactory

from . import journeys
from .journeys import CMTE_WORKSHOPS, STACK, award_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(demo_catalog):
    journeys.outputs()


def test_two_workshops_earn_two_certificates_but_not_the_cmte(catalog, learner):
    for slug in CMTE_WORKSHOPS[:2]:
        journeys.complete_workshop(learner, slug)

    assert award_of(learner, program="cmte") is None
    for slug in CMTE_WORKSHOPS[:2]:
        award = award_of(learner, unit=slug)
        assert award.status == Award.Status.PENDING
        assert award.snapshot["documents"] == [
            {"kind": "certificate", "title": "Certificate of Completion"}
        ]


def test_third_completed_workshop_earns_the_cmte_certificate(catalog, learner):
    enrollments = [journeys.complete_workshop(learner, s) for s in CMTE_WORKSHOPS]

    award = award_of(learner, program="cmte")
    assert award.status == Award.Status.PENDING
    assert award.snapshot["name"] == "Lucía Learner-Ortega"
    assert award.snapshot["credential"] == (
        "Certificate in Media and Technology for Education"
    )
    assert len(award.snapshot["results"]["units"]) == 3
    assert list(award.events.values_list("kind", flat=True)) == ["requested"]
    for enrollment in enrollments:
        enrollment.refresh_from_db()
        assert enrollment.status == Enrollment.Status.COMPLETED
        assert enrollment.completed_at is not None


def test_earlier_workshops_count_toward_the_cmte_without_retaking(catalog, learner):
    journeys.record_past_completion(learner, "sotl")
    journeys.record_past_completion(learner, "otla")
    assert award_of(learner, program="cmte") is None

    journeys.complete_workshop(learner, "the-online-classroom")

    assert award_of(learner, program="cmte").status == Award.Status.PENDING
    # A past completion had its certificate long ago: none is issued again.
    assert award_of(learner, unit="sotl") is None


def test_portfolio_scored_19_of_25_earns_nothing(catalog, learner):
    _, version = journeys.iste_ready_for_scoring(learner)

    journeys.score(version, 19)

    assert Award.objects.filter(learner=learner).count() == 0


def test_portfolio_rescored_20_of_25_earns_iste_certified_educator(catalog, learner):
    _, version = journeys.iste_ready_for_scoring(learner)
    journeys.score(version, 19)

    journeys.score(version, 20)

    course = award_of(learner, unit="iste-certification")
    assert course.snapshot["results"]["scores"] == [
        {"requirement": "E-portfolio", "score": 20, "out_of": 25}
    ]
    assert course.snapshot["documents"] == []
    certified = award_of(learner, program="iste-certified-educator")
    assert certified.snapshot["credential"] == "ISTE Certified Educator"
    assert certified.snapshot["issuer"] == "ISTE"


def loyola_full(learner):
    enrollment = journeys.enroll(learner, "loyola-full-technology-integration")
    activities = journeys.submit(enrollment, "Module activities")
    project = journeys.submit(enrollment, "Competency-based project")
    return enrollment, activities, project


def test_loyola_full_waits_while_one_submission_is_not_met(catalog, learner):
    enrollment, activities, project = loyola_full(learner)
    journeys.met(activities)
    journeys.not_met(project)
    assert award_of(learner, unit="loyola-full-technology-integration") is None

    journeys.met(journeys.submit(enrollment, "Competency-based project"))

    award = award_of(learner, unit="loyola-full-technology-integration")
    assert [d["title"] for d in award.snapshot["documents"]] == [
        "Continuing Education Certificate"
    ]


def test_maryland_certified_learner_also_gets_the_cpd_form(catalog, learner):
    learner.maryland_certified = True
    learner.save()
    _, activities, project = loyola_full(learner)
    journeys.met(activities)
    journeys.met(project)

    award = award_of(learner, unit="loyola-full-technology-integration")
    assert [d["kind"] for d in award.snapshot["documents"]] == [
        "certificate",
        "cpd_form",
    ]
    assert award.snapshot["cpd_credits"] == "1.0"


def test_stacked_badge_needs_its_prerequisite(catalog, learner):
    journeys.complete_stacked(learner, STACK[1])
    assert award_of(learner, unit=STACK[1]) is None

    journeys.complete_stacked(learner, STACK[0])

    # The first badge, and the second one now that its prerequisite is held.
    assert award_of(learner, unit=STACK[0]).snapshot["documents"][0]["kind"] == "badge"
    assert award_of(learner, unit=STACK[1]) is not None
    assert award_of(learner, program="loyola-stacked-certificate") is None


def test_a_complete_stack_earns_the_stacked_certificate(catalog, learner):
    for slug in STACK:
        journeys.complete_stacked(learner, slug)

    award = award_of(learner, program="loyola-stacked-certificate")
    assert award.snapshot["credential"] == "Stacked Continuing Education Certificate"


def test_cael_non_credit_module_adds_the_clock_hour_letter(catalog, learner):
    enrollment = journeys.enroll(learner, "cael-driving-change", track="non_credit")
    journeys.met(journeys.submit(enrollment, "Module project"))

    award = award_of(learner, unit="cael-driving-change")
    assert [d["kind"] for d in award.snapshot["documents"]] == [
        "certificate",
        "clock_hour_letter",
    ]
    assert award.snapshot["clock_hours"] == 60


def test_cael_graduate_credit_module_gets_no_letter(catalog, learner):
    enrollment = journeys.enroll(
        learner, "cael-driving-change", track="graduate_credit"
    )
    journeys.met(journeys.submit(enrollment, "Module project"))

    award = award_of(learner, unit="cael-driving-change")
    assert [d["kind"] for d in award.snapshot["documents"]] == ["certificate"]


def test_evaluating_again_changes_nothing(catalog, learner):
    from certificates.services import progress_evaluate

    for slug in CMTE_WORKSHOPS:
        journeys.complete_workshop(learner, slug)
    before = Award.objects.count()
    unit_id = award_of(learner, unit="sotl").unit_id

    progress_evaluate(learner_id=learner.pk, unit_id=unit_id, today=clock.today())

    assert Award.objects.count() == before
    assert AwardEvent.objects.filter(kind="requested").count() == before


def test_a_revoked_award_is_not_earned_again(catalog, learner):
    from certificates.services import award_revoke, progress_evaluate

    for slug in CMTE_WORKSHOPS:
        journeys.complete_workshop(learner, slug)
    award = award_of(learner, program="cmte")
    award_revoke(award=award, reason="Issued in error.", actor=None)

    progress_evaluate(
        learner_id=learner.pk,
        unit_id=award_of(learner, unit="sotl").unit_id,
        today=clock.today(),
    )

    assert Award.objects.filter(learner=learner, program__slug="cmte").count() == 1


def test_progress_sweep_awards_what_a_rule_added_later_makes_earned(catalog, learner):
    # given a workshop whose completion rule an admin had not configured yet
    rules = CompletionRule.objects.filter(unit__slug="sotl")
    kinds = list(rules.values_list("kind", flat=True))
    rules.delete()
    journeys.complete_workshop(learner, "sotl")
    assert award_of(learner, unit="sotl") is None

    # when the admin adds the rule and the daily sweep runs
    for kind in kinds:
        CompletionRule.objects.create(unit=Unit.objects.get(slug="sotl"), kind=kind)
    summary = progress_sweep(today=clock.today())

    # then the award is requested once, and a second sweep requests nothing
    assert summary == {"requested": 1, "failed": 0}
    assert award_of(learner, unit="sotl").status == Award.Status.PENDING
    assert progress_sweep(today=clock.today()) == {"requested": 0, "failed": 0}


def test_one_learner_whose_evaluation_raises_leaves_the_others_awarded(
    catalog, monkeypatch, caplog
):
    # given three learners meeting a rule an admin adds later
    rules = CompletionRule.objects.filter(unit__slug="sotl")
    kinds = list(rules.values_list("kind", flat=True))
    rules.delete()
    learners = [LearnerFactory(email=f"l{i}@example.org") for i in range(3)]
    for each in learners:
        journeys.complete_workshop(each, "sotl")
    for kind in kinds:
        CompletionRule.objects.create(unit=Unit.objects.get(slug="sotl"), kind=kind)
    broken, sotl = learners[1], Unit.objects.get(slug="sotl")

    # and an evaluation that raises for the second one
    evaluate = evaluation.progress_evaluate

    def fails_for_one(*, learner_id, unit_id, today, now=None):
        if learner_id == broken.pk:
            raise KeyError("a rule the evaluator does not know")
        return evaluate(learner_id=learner_id, unit_id=unit_id, today=today, now=now)

    monkeypatch.setattr(evaluation, "progress_evaluate", fails_for_one)

    # when the daily sweep runs
    with caplog.at_level(logging.ERROR, logger=evaluation.__name__):
        summary = progress_sweep(today=clock.today())

    # then the others are awarded, the failure counted and logged with its pair
    assert summary == {"requested": 2, "failed": 1}
    assert award_of(learners[0], unit="sotl") is not None
    assert award_of(learners[2], unit="sotl") is not None
    assert award_of(broken, unit="sotl") is None
    assert [r.getMessage() for r in caplog.records] == [
        f"The progress sweep could not evaluate learner {broken.pk} in unit {sotl.pk}"
    ]


def test_a_completed_enrollment_is_audited_as_the_systems_doing(catalog, learner):
    enrollment = journeys.complete_workshop(learner, CMTE_WORKSHOPS[0])
    award = award_of(learner, unit=CMTE_WORKSHOPS[0])

    event = AuditEvent.objects.get(action=AuditEvent.Action.ENROLLMENT_COMPLETED)
    assert (event.target_id, event.learner, event.actor) == (
        enrollment.pk,
        learner,
        None,
    )
    assert f"completion rules met: award {award.pk} requested" in event.summary
    assert event.before == {"status": "active"}
    assert event.after["status"] == "completed"
