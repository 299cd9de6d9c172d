"""The learner dashboard's query count at two sizes, with the rule graph cached
(``certificates.selectors.rule_graph``): the same with N and 3N enrollments,
awards and submissions, and at most ``MAX_QUERIES``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.models import Award
from certificates.services.snapshot import award_snapshot
from core import clock
from programs.models import CompletionRule, Requirement, RuleKind
from reviews.services.submissions import draft_save, submission_submit
from tests.factories import (
    EnrollmentFactory,
    LearnerFactory,
    OpenOfferingFactory,
    ProgramFactory,
    ProviderFactory,
    RequirementFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

URL = "/dashboard/"
# Session, user and roles; the catalogue's version (the database cache's one
# query; none on Redis); enrollments with their offerings; past completions;
# awards and their documents; submissions and their latest versions; invoices;
# state certificates. The rule graph is cached. One more each, only for a
# learner who has some: the offerings' sessions, extensions, attendance (units
# that require it), runs whose files are deleted soon, the ledger's credits.
MAX_QUERIES = 12


def _learning(learner, program, provider, n: int) -> None:
    """``n`` more units of the program, each with an enrollment, a submitted
    final product waiting for review, and an award of another unit."""
    for _ in range(n):
        unit = UnitFactory(provider=provider)
        unit.programs.add(program)
        requirement = RequirementFactory(
            unit=unit,
            kind=Requirement.Kind.FINAL_PRODUCT,
            review_mode=Requirement.ReviewMode.MET_NOT_MET,
            accepts_text=True,
        )
        CompletionRule.objects.create(unit=unit, kind=RuleKind.ALL_SUBMISSIONS_MET)
        enrollment = EnrollmentFactory(
            learner=learner, offering=OpenOfferingFactory(unit=unit)
        )
        draft_save(enrollment=enrollment, requirement=requirement, text="Mine")
        submission_submit(enrollment=enrollment, requirement=requirement)
        held = UnitFactory(provider=provider, title=f"Held {unit.title}")
        Award.objects.create(
            learner=learner,
            unit=held,
            status=Award.Status.ISSUED,
            earned_on=clock.today(),
            issued_at=clock.now(),
            snapshot=award_snapshot(
                learner=learner, unit=held, earned_on=clock.today()
            ),
        )


def _count(client) -> tuple[int, str]:
    client.get(URL)  # the first request after a catalogue write reads the graph
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_dashboard_reads_the_same_few_queries_at_two_sizes(
    client, django_capture_on_commit_callbacks
):
    # given a learner with 2 units of a program under way (their writes
    # committed: the rule graph is cached once read)
    with django_capture_on_commit_callbacks(execute=True):
        learner = LearnerFactory()
        provider = ProviderFactory()
        program = ProgramFactory(provider=provider, name="The Long Program")
        CompletionRule.objects.create(
            program=program, kind=RuleKind.UNITS_COMPLETED, min_count=20
        )
        _learning(learner, program, provider, 2)
    client.force_login(learner)
    few, page = _count(client)

    # when three times as many are under way
    with django_capture_on_commit_callbacks(execute=True):
        _learning(learner, program, provider, 4)
    many, page = _count(client)

    # then the page reads as many queries, and shows each of them
    assert many == few <= MAX_QUERIES
    assert page.count("Waiting for review") >= 6
    assert page.count("Held Unit") >= 6
    assert "The Long Program" in page
    assert "0 of 20" in page
