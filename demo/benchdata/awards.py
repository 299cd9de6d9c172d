"""The awards of the learners who met the rules: one per completed enrollment, and
a program credential where the completed units meet the program's rules (read
with the real evaluators). Issued a day or two after the run ended and emailed."""

import datetime as dt
import random
import uuid
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import prefetch_related_objects
from django.utils import timezone

from certificates.evaluators import LearnerFacts, evaluate, results_of
from certificates.models import Award, AwardEvent
from certificates.models.awards import verification_code_new
from certificates.selectors.facts import credentials_with_rules, programs_for_rules
from certificates.services.snapshot import award_snapshot
from certificates.services.status_lists import status_entries_backfill
from core import clock
from enrollments.models import Enrollment
from programs.models import RuleKind

from .copying import IdRange, copy_rows
from .learners import Planned


class AwardRow(NamedTuple):
    """One ``Award`` row, its fields named as the model's."""

    id: int
    uuid: uuid.UUID
    learner: int
    program: int | None
    unit: int | None
    status: str
    verification_code: str
    snapshot: dict
    earned_on: dt.date
    created_at: dt.datetime
    issued_at: dt.datetime
    email_claimed_at: dt.datetime
    emailed_at: dt.datetime
    email_learner: bool
    revoked_at: dt.datetime | None
    revoke_reason: str
    share_evidence: bool = False
    attempts: int = 1
    last_error: str = ""
    in_wallet: bool = False
    email_failures: int = 0
    email_error: str = ""


class EventRow(NamedTuple):
    """One ``AwardEvent`` row."""

    award: int
    kind: str
    detail: dict
    at: dt.datetime


REVOKED_SHARE = 0.005
REVOKE_REASON = "Issued in error: the learner's final project was not their own work."


def _earned(done_at: dt.datetime, cohort_end: dt.date, rng: random.Random):
    """Earned the day the last requirement was done, never before the run ended."""
    day = max(clock.local_day(done_at), cohort_end) + dt.timedelta(
        days=rng.randint(0, 2)
    )
    tz = timezone.get_current_timezone()
    created = dt.datetime.combine(
        day, dt.time(rng.randint(8, 20), rng.randint(0, 59)), tzinfo=tz
    )
    return day, created


def _award(ids, learner, *, unit=None, program=None, day, created, snapshot_args, rng):
    issued = created + dt.timedelta(seconds=rng.randint(2, 40))
    revoked = rng.random() < REVOKED_SHARE
    snapshot = award_snapshot(
        learner=learner, unit=unit, program=program, earned_on=day, **snapshot_args
    )
    return AwardRow(
        id=ids.take(),
        uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
        learner=learner.pk,
        program=program.pk if program else None,
        unit=unit.pk if unit else None,
        status=Award.Status.REVOKED if revoked else Award.Status.ISSUED,
        verification_code=verification_code_new(),
        snapshot=snapshot,
        earned_on=day,
        created_at=created,
        issued_at=issued,
        email_claimed_at=issued,
        emailed_at=issued,
        email_learner=True,
        revoked_at=issued + (clock.now() - issued) / 2 if revoked else None,
        revoke_reason=REVOKE_REASON if revoked else "",
    )


def awards_rows(
    *,
    planned: list[Planned],
    done_at: dict[int, dt.datetime],
    learners: dict[int, tuple[str, dt.datetime]],
    rng: random.Random,
) -> list[AwardRow]:
    """Award rows; marks each completed enrollment's ``completed_at``."""
    today = clock.today()
    user_model = get_user_model()
    ids = IdRange(Award)
    units = {p.unit.pk: p.unit for p in planned}
    programs = programs_for_rules(
        pr.pk for u in units.values() for pr in u.programs.all()
    )
    prefetch_related_objects(programs, "provider", "output_specs")
    credentials = [
        c
        for c in credentials_with_rules(units=[], programs=programs)
        if c.rules and all(r.kind == RuleKind.UNITS_COMPLETED for r in c.rules)
    ]
    rows, held = [], {}
    for p in planned:
        if p.status != Enrollment.Status.COMPLETED:
            continue
        name, _ = learners[p.learner_id]
        learner = user_model(pk=p.learner_id, legal_name=name)
        day, created = _earned(done_at[p.id], p.cohort.end, rng)
        p.completed_at = created
        track = "non_credit" if p.unit.has_tracks else ""
        rows.append(
            _award(
                ids,
                learner,
                unit=p.unit,
                day=day,
                created=created,
                rng=rng,
                snapshot_args={
                    "track": track,
                    "offering": p.cohort.label,
                    "results": {"units": [], "scores": []},
                },
            )
        )
        held.setdefault(p.learner_id, []).append((p.unit.pk, created))
    for learner_id, done in held.items():
        facts = LearnerFacts(
            today=today, completed_unit_ids=frozenset(u for u, _ in done)
        )
        for credential in credentials:
            if not evaluate(credential.rules, facts).is_complete:
                continue
            created = max(at for _, at in done) + dt.timedelta(seconds=5)
            name, _ = learners[learner_id]
            rows.append(
                _award(
                    ids,
                    user_model(pk=learner_id, legal_name=name),
                    program=credential.program,
                    day=clock.local_day(created),
                    created=created,
                    rng=rng,
                    snapshot_args={"results": results_of(credential.rules, facts)},
                )
            )
    return rows


def award_events(row: AwardRow) -> list[EventRow]:
    """What happened to a generated award, each at its own moment: requested,
    issued, emailed and, for a revoked one, revoked at ``revoked_at``."""
    events = [
        EventRow(row.id, AwardEvent.Kind.REQUESTED, {}, row.created_at),
        EventRow(row.id, AwardEvent.Kind.ISSUED, {}, row.issued_at),
        EventRow(row.id, AwardEvent.Kind.EMAILED, {}, row.emailed_at),
    ]
    if row.status == Award.Status.REVOKED:
        events.append(
            EventRow(
                row.id,
                AwardEvent.Kind.REVOKED,
                {"reason": row.revoke_reason},
                row.revoked_at,
            )
        )
    return events


def awards_write(rows: list[AwardRow]) -> int:
    """The rows, their events, and each issued award's bit in its provider's
    revocation list (the lists are signed by the sweep or their first request)."""
    count = copy_rows(Award, AwardRow, rows)
    copy_rows(AwardEvent, EventRow, (e for row in rows for e in award_events(row)))
    status_entries_backfill()
    return count
