"""The same final evaluation triggered 20 times at once writes one award: the
learner lock serialises them and a database constraint (PostgreSQL) enforces it."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection

from certificates.enqueue import awards_collected
from certificates.models import Award, AwardEvent, StatusList, StatusListEntry
from certificates.services import award_request, progress_evaluate
from certificates.services.status_lists import status_entry_allocate
from enrollments.models import PastCompletion
from programs.models import CredentialProgram, Unit
from tests.factories import LearnerFactory, PortalAdminFactory

from .journeys import CMTE_WORKSHOPS

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(count: int, call) -> list[Exception]:
    """Run ``call`` in ``count`` threads released together; return their errors."""
    barrier = threading.Barrier(count)
    errors: list[Exception] = []

    def run():
        try:
            barrier.wait()
            call()
        except Exception as error:  # collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_twenty_concurrent_final_evaluations_give_exactly_one_award(catalog, today):
    # given three earlier workshops written without announcing progress
    learner, admin = LearnerFactory(), PortalAdminFactory()
    for slug in CMTE_WORKSHOPS:
        PastCompletion.objects.create(
            learner=learner,
            unit=Unit.objects.get(slug=slug),
            completed_on=dt.date(2024, 5, 1),
            imported_by=admin,
        )
    sotl = Unit.objects.get(slug="sotl")

    # when twenty evaluations run at once
    errors = at_once(
        20,
        lambda: progress_evaluate(learner_id=learner.pk, unit_id=sotl.pk, today=today),
    )

    # then one award and one request event exist, issued once
    assert errors == []
    awards = Award.objects.filter(learner=learner)
    assert awards.count() == 1
    award = awards.get()
    assert award.program.slug == "cmte"
    assert AwardEvent.objects.filter(kind="requested").count() == 1
    assert award.status == Award.Status.ISSUED
    assert award.documents.count() == 1


def test_twenty_concurrent_requests_write_one_award(catalog, today):
    learner = LearnerFactory()
    cmte = CredentialProgram.objects.get(slug="cmte")

    errors = at_once(
        20,
        lambda: award_request(learner=learner, program=cmte, earned_on=today),
    )

    assert errors == []
    assert Award.objects.filter(learner=learner, program=cmte).count() == 1


def test_the_database_refuses_a_second_live_award_for_one_credential(catalog, today):
    """One award per learner and credential is the database's rule, not the
    learner lock's: a write that bypasses the services is refused too."""
    learner = LearnerFactory()
    cmte = CredentialProgram.objects.get(slug="cmte")
    first = Award.objects.create(learner=learner, program=cmte, earned_on=today)

    with pytest.raises(IntegrityError, match="award_once_per_learner_and_program"):
        Award.objects.create(learner=learner, program=cmte, earned_on=today)

    # a superseded award is history: its re-issue may be written beside it
    Award.objects.filter(pk=first.pk).update(status=Award.Status.SUPERSEDED)
    Award.objects.create(learner=learner, program=cmte, earned_on=today)
    assert Award.objects.filter(learner=learner, program=cmte).count() == 2


def test_ten_awards_issued_at_once_take_ten_different_indexes(catalog, today):
    # given ten pending awards of one provider, and no revocation list yet
    unit = Unit.objects.get(slug="sotl")
    with awards_collected():
        pending = [
            award_request(learner=LearnerFactory(), unit=unit, earned_on=today)[0]
            for _ in range(10)
        ]
    queue = iter(pending)
    taking = threading.Lock()

    def allocate():
        with taking:
            award = next(queue)
        status_entry_allocate(award=award)

    # when each is given its bit at the same moment
    errors = at_once(10, allocate)

    # then one list was made and each award holds its own index
    assert errors == []
    indexes = StatusListEntry.objects.values_list("index", flat=True)
    assert sorted(indexes) == list(range(10))
    assert StatusList.objects.get().next_index == 10
