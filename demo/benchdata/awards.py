"""The awards of the learners who met the rules: one per completed enrollment, and
a program credential where the completed units meet the program's rules (read
with the real evaluators). Issued a day or two after the run ended and emailed."""

import datetime as dt
import random
import uuid

from django.contrib.auth import get_user_model
from django.db.models import prefetch_related_objects
from django.utils import timezone

from certificates.evaluators import LearnerFacts, evaluate, results_of
from certificates.models import Award, AwardEvent
from certificates.models.awards import verification_code_new
from certificates.selectors.facts import credentials_with_rules, programs_for_rules
from certificates.services.snapshot import award_snapshot
from core import clock
from enrollments.models import Enrollment
from programs.models import RuleKind

from .copying import IdRange, copy_rows
from .learners import Planned

AWARD_FIELDS = [
    "id",
    "uuid",
    "learner",
    "program",
    "unit",
    "status",
    "verification_code",
    "snapshot",
    "earned_on",
    "created_at",
    "issued_at",
    "email_claimed_at",
    "emailed_at",
    "email_learner",
    "revoked_at",
    "revoke_reason",
    "share_evidence",
    "attempts",
    "last_error",
    "in_wallet",
    "email_failures",
    "email_error",
]
# Where ``awards_write`` reads a row's columns (by name: the list grows).
STATUS, CREATED, ISSUED, REVOKED = (
    AWARD_FIELDS.index(name)
    for name in ("status", "created_at", "issued_at", "revoked_at")
)
EVENT_FIELDS = ["award", "kind", "detail", "at"]
REVOKED_SHARE = 0.005
REVOKE_REASON = "Issued in error: the learner's final project was not their own work."


def _earned(done_at: dt.datetime, cohort_end: dt.date, rng: random.Random):
    """Earned the day the last requirement was done, never before the run ended."""
    day = max(timezone.localtime(done_at).date(), cohort_end) + dt.timedelta(
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
    return (
        ids.take(),
        uuid.UUID(int=rng.getrandbits(128), version=4),
        learner.pk,
        program.pk if program else None,
        unit.pk if unit else None,
        Award.Status.REVOKED if revoked else Award.Status.ISSUED,
        verification_code_new(),
        snapshot,
        day,
        created,
        issued,
        issued,
        issued,
        True,
        issued + (timezone.now() - issued) / 2 if revoked else None,
        REVOKE_REASON if revoked else "",
        False,
        1,
        "",
        False,
        0,
        "",
    )


def awards_rows(
    *,
    planned: list[Planned],
    done_at: dict[int, dt.datetime],
    learners: dict[int, tuple[str, dt.datetime]],
    rng: random.Random,
) -> list[tuple]:
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
                    day=timezone.localtime(created).date(),
                    created=created,
                    rng=rng,
                    snapshot_args={"results": results_of(credential.rules, facts)},
                )
            )
    return rows


def awards_write(rows: list[tuple]) -> int:
    count = copy_rows(Award, AWARD_FIELDS, rows)
    events = []
    for row in rows:
        award_id, created, issued = row[0], row[CREATED], row[ISSUED]
        events += [
            (award_id, AwardEvent.Kind.REQUESTED, {}, created),
            (award_id, AwardEvent.Kind.ISSUED, {}, issued),
            (award_id, AwardEvent.Kind.EMAILED, {}, issued),
        ]
        if row[STATUS] == Award.Status.REVOKED:
            revoke = {"reason": REVOKE_REASON}
            events.append((award_id, AwardEvent.Kind.REVOKED, revoke, row[REVOKED]))
    copy_rows(AwardEvent, EVENT_FIELDS, events)
    return count
