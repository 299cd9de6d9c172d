"""Handing an award, and the evaluation that earns it, to the worker: its tasks,
sent by name on commit through the kernel's ``core.enqueue``; services never
import ``certificates.tasks``."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from core.enqueue import send_on_commit

from .models import AwardEvent

AWARD_ISSUE_TASK = "certificates.award_issue"
AWARD_EMAIL_TASK = "certificates.award_email"
OFFERING_EVALUATE_TASK = "certificates.offering_evaluate"
STATUS_LIST_PUBLISH_TASK = "certificates.status_list_publish"
PROGRESS_EVALUATE_TASK = "certificates.progress_evaluate"

_collecting: ContextVar[list[int] | None] = ContextVar("collecting", default=None)
_lists_held: ContextVar[bool] = ContextVar("lists_held", default=False)
_evaluations_held: ContextVar[bool] = ContextVar("evaluations_held", default=False)


def award_issue_on_commit(award_id: int) -> None:
    """Enqueue the award's issuance once the current transaction commits.

    Inside ``awards_collected()`` the id is collected instead, and nothing is sent.
    """
    collected = _collecting.get()
    if collected is not None:
        collected.append(award_id)
        return
    send_on_commit(AWARD_ISSUE_TASK, award_id, on_failure=_failed(award_id))


def award_email_on_commit(award_id: int) -> None:
    """Enqueue the award's email (the ``email`` queue) once the transaction commits."""
    send_on_commit(AWARD_EMAIL_TASK, award_id)


def offering_evaluate_on_commit(offering_id: int) -> None:
    """Re-evaluate the offering's learners once the transaction commits (its dates
    changed); a broker that is down leaves it to the progress sweep."""
    send_on_commit(OFFERING_EVALUATE_TASK, offering_id)


def progress_evaluate_on_commit(learner_id: int, unit_id: int) -> None:
    """Evaluate the learner's progress in the unit once the transaction commits
    (in-process without a broker); its request row waits for the progress sweep
    if the broker cannot take it. Inside ``evaluations_held()`` nothing is sent."""
    if not _evaluations_held.get():
        send_on_commit(PROGRESS_EVALUATE_TASK, learner_id, unit_id)


def status_list_publish_on_commit(status_list_id: int) -> None:
    """Re-sign a revocation list once the transaction commits. The list stays
    marked for signing until it is signed, so a broker that is down leaves it to
    the status list sweep; inside ``status_lists_held()`` nothing is sent."""
    if not _lists_held.get():
        send_on_commit(STATUS_LIST_PUBLISH_TASK, status_list_id)


@contextmanager
def status_lists_held() -> Iterator[None]:
    """Send no signing of a revocation list inside the block: the caller signs
    the marked lists itself (``load_demo``, which queues nothing)."""
    with _held(_lists_held):
        yield


@contextmanager
def evaluations_held() -> Iterator[None]:
    """Send no progress evaluation inside the block: the caller evaluates the
    waiting requests itself (``load_demo``, which queues nothing)."""
    with _held(_evaluations_held):
        yield


@contextmanager
def _held(flag: ContextVar[bool]) -> Iterator[None]:
    token = flag.set(True)
    try:
        yield
    finally:
        flag.reset(token)


def _failed(award_id: int) -> partial[AwardEvent]:
    return partial(
        AwardEvent.objects.create,
        award_id=award_id,
        kind=AwardEvent.Kind.ENQUEUE_FAILED,
    )


@contextmanager
def awards_collected() -> Iterator[list[int]]:
    """Collect the ids of the awards requested inside the block instead of
    enqueueing them; the caller issues them itself (``load_demo`` does, without
    email, so that no broker or worker ever sees a demo award)."""
    collected: list[int] = []
    token = _collecting.set(collected)
    try:
        yield collected
    finally:
        _collecting.reset(token)
