"""The learner dashboard's query count at two sizes, with the rule graph cached
(``certificates.selectors.rule_graph``): the same with N and 3N enrollments,
awards and submissions, and at most ``MAX_QUERIES``."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from certificates.models import Award
from certificates.selectors.rule_graph import rule_graph_cached
from certificates.services.snapshot import award_snapshot
from core import clock
from dashboard.selectors import dashboard_context
from demo.services import demo_catalog_load
from enrollments.models import PastCompletion
from enrollments.services.registration import registration_create
from programs.models import CompletionRule, Requirement, RuleKind, Unit
from reviews.services.submissions import draft_save, submission_submit
from tests.catalog import demo_offering
from tests.factories import (
    EnrollmentFactory,
    LearnerFactory,
    OpenOfferingFactory,
    ProgramFactory,
    ProviderFactory,
    RequirementFactory,
    UnitFactory,
    UserFactory,
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


def test_the_cached_rule_graph_gives_the_dashboard_the_database_s_answers(
    django_capture_on_commit_callbacks, today, now
):
    # given a learner under way in the demo catalogue, with a unit done before
    with django_capture_on_commit_callbacks(execute=True):
        demo_catalog_load(today=today)
        learner = LearnerFactory()
        registration_create(
            learner=learner, offering=demo_offering("sotl", "next", today=today)
        )
        PastCompletion.objects.create(
            learner=learner,
            unit=Unit.objects.get(slug="the-online-classroom"),
            completed_on=dt.date(2024, 5, 1),
            imported_by=UserFactory(),
        )
    cached = dashboard_context(user=learner, now=now)
    assert rule_graph_cached() is not None

    # when the same is read by a transaction that wrote the catalogue
    with transaction.atomic():
        Unit.objects.filter(slug="nothing").update(title="Nothing")
        assert rule_graph_cached() is None
        read = dashboard_context(user=learner, now=now)

    # then every section says the same
    assert cached["progress_reports"]
    assert cached.keys() == read.keys()
    for section in cached:
        assert cached[section] == read[section], section
