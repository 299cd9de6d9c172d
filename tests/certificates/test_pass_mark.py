"""One pass mark (``Requirement.pass_score``, ``programs.pass_mark``): an admin who
changes it changes, together, the review's outcome, the learner's requirement
state, the report's pass rate and the award."""

import importlib
from decimal import Decimal

import pytest
from django.urls import reverse

from certificates.admin.pass_mark_preview import CONFIRM
from certificates.services.evaluation import progress_sweep
from programs.models import Requirement
from reports.figures import Tally
from reports.filters import ReportFilters
from reports.pass_rate import pass_rate
from reports.selectors.tallies import offering_tallies
from reports.services.rollup import report_rollup
from reviews.models import Review
from reviews.selectors.states import Status, requirement_states, requirement_status
from tests.certificates import journeys
from tests.factories import LearnerFactory
from tests.programs.test_admin_pricing_warning import change_form_data

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "programs.migrations.0010_one_pass_mark_on_the_requirement"
)


def outcomes(review: Review, today) -> tuple:
    """(review passed, requirement state, offering pass rate, award exists)."""
    review.refresh_from_db()
    version = review.version
    requirement = Requirement.objects.get(pk=version.submission.requirement_id)
    enrollment = version.submission.enrollment
    state = requirement_states(
        learner_id=enrollment.learner_id, unit_id=requirement.unit_id
    )[requirement.pk]
    status = requirement_status(
        requirement=requirement, state=state, has_draft=False, today=today
    )
    report_rollup()
    tally = offering_tallies(filters=ReportFilters()).get(
        enrollment.offering_id, Tally()
    )
    award = journeys.award_of(enrollment.learner, unit="iste-certification")
    rate = pass_rate(passed=tally.passed, decided=tally.decided)
    return review.passed, status, rate, award is not None


def test_lowering_the_pass_mark_in_the_admin_passes_everything_together(
    admin_client, catalog, today
):
    # given an ISTE portfolio scored 19 of 25, under the pass mark of 20
    learner = LearnerFactory(legal_name="Nineteen Points")
    _, version = journeys.iste_ready_for_scoring(learner)
    review = journeys.score(version, 19)
    progress_sweep(today=today)
    assert outcomes(review, today) == (False, Status.REVISE, Decimal("0.0"), False)

    # when an admin lowers the portfolio's pass mark to 19, confirms the preview
    # (the learner would newly qualify) and the night's sweep runs
    portfolio = version.submission.requirement
    url = reverse("admin:programs_requirement_change", args=[portfolio.pk])
    data = {**change_form_data(admin_client.get(url)), "pass_score": 19}
    assert admin_client.post(url, data).status_code == 200  # the preview
    response = admin_client.post(url, {**data, CONFIRM: "1"})
    assert response.status_code == 302
    progress_sweep(today=today)

    # then the review passes, the requirement is done, the rate is 100%, and the
    # learner is awarded
    assert outcomes(review, today) == (True, Status.DONE, Decimal("100.0"), True)


@pytest.mark.parametrize(
    ("pass_score", "min_score", "out_of", "rubric_total", "marks", "refused"),
    [
        (None, 20, 25, 25, {7: 20}, False),  # the rule's mark moves over
        (20, 20, 25, 25, {}, False),  # the two agree
        (None, 16, 20, 25, {7: 20}, False),  # the rule's 16/20 scaled to 25
        (20, 18, 25, 25, {}, True),  # they disagree: refused, nothing set
    ],
)
def test_the_migration_moves_the_rules_mark_or_refuses_when_they_disagree(
    pass_score, min_score, out_of, rubric_total, marks, refused
):
    rule = {
        "rule": 3,
        "owner": "ISTE Certification",
        "requirement": "E-portfolio",
        "requirement_id": 7,
        "pass_score": pass_score,
        "min_score": min_score,
        "out_of": out_of,
        "rubric_total": rubric_total,
    }

    found, refusals = MIGRATION.reconcile([rule])

    assert found == marks
    assert refusals == (
        [
            'Completion rule 3 (ISTE Certification) passes "E-portfolio" at 18 '
            "points, but the requirement's pass mark is 20. Make them equal in the "
            "admin (the rule's \"at least\" or the requirement's pass mark), then "
            "migrate again."
        ]
        if refused
        else []
    )
