"""Generated learners and their enrollments, each in a cohort of a distinct unit."""

import datetime as dt
import random
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.roles import LEARNERS
from core import clock
from enrollments.models import Enrollment
from programs.models import Unit

from .catalogue import Cohort
from .copying import IdRange, copy_rows
from .scales import Scale

FIRST = [
    "Ana",
    "Ben",
    "Chloé",
    "Dev",
    "Ewa",
    "Femi",
    "Grace",
    "Hiro",
    "Ines",
    "Jamal",
    "Kira",
    "Luis",
    "Maya",
    "Noor",
    "Owen",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
]
LAST = [
    "Adams",
    "Baker",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "García",
    "Hughes",
    "Ito",
    "Jones",
    "Khan",
    "López",
    "Martin",
    "Nguyen",
    "Okafor",
    "Patel",
    "Rossi",
    "Smith",
    "Tanaka",
    "Williams",
]
SCHOOLS = [
    "Lincoln Elementary",
    "Riverside HS",
    "Baltimore County PS",
    "Oak Hill MS",
    "Westview Community College",
    "Harbor Academy",
    "Northside ISD",
]
ROLES = [c for c, _ in get_user_model().ProfessionalRole.choices]
# Where an enrollment falls: a past run, the run under way, the next one.
PHASES = (("past", 0.67), ("current", 0.25), ("next", 0.08))


class UserRow(NamedTuple):
    """One learner's user row, its fields named as the model's."""

    id: int
    password: str
    is_superuser: bool
    first_name: str
    last_name: str
    email: str
    is_staff: bool
    is_active: bool
    date_joined: dt.datetime
    legal_name: str
    organisation: str
    professional_role: str
    maryland_certified: bool


class MembershipRow(NamedTuple):
    """A user's role group (the ``groups`` through table)."""

    user: int
    group: int


class EnrollmentRow(NamedTuple):
    id: int
    learner: int
    offering: int
    status: str
    track: str
    track_approved: bool
    created_at: dt.datetime
    completed_at: dt.datetime | None


@dataclass
class Planned:
    """One enrollment as the generator plans it; ``completed_at`` is set by the
    awards step for the enrollments that earned their unit."""

    id: int
    learner_id: int
    cohort: Cohort
    unit: Unit
    status: str
    created_at: dt.datetime
    completed_at: dt.datetime | None = None


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    moment = dt.time(rng.randint(7, 21), rng.randint(0, 59))
    return dt.datetime.combine(day, moment, tzinfo=timezone.get_current_timezone())


def _day_between(start: dt.date, end: dt.date, rng: random.Random) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def enrollments_plan(
    *,
    scale: Scale,
    units: list[Unit],
    cohorts: list[Cohort],
    rng: random.Random,
    complete_share: float,
) -> tuple[dict[int, tuple[str, dt.datetime]], list[Planned]]:
    """Who enrolls where: learner ids with their name and sign-up time, and the
    planned enrollments. Half the learners follow one program's units."""
    today = clock.today()
    by_unit_phase: dict[tuple[int, str], list[Cohort]] = {}
    for cohort in cohorts:
        by_unit_phase.setdefault((cohort.unit_id, cohort.phase), []).append(cohort)
    families: dict[int, list[Unit]] = {}
    for unit in units:
        families.setdefault(unit.programs.all()[0].pk, []).append(unit)
    mean = scale.enrollments / scale.learners
    user_ids = IdRange(get_user_model())
    enrollment_ids = IdRange(Enrollment)
    learners, planned = {}, []
    phases, weights = zip(*PHASES, strict=True)
    for _ in range(scale.learners):
        learner_id = user_ids.take()
        count = max(
            1, min(len(units), round(mean * rng.choice([1, 2, 3, 3, 4, 5]) / 3))
        )
        chosen = list(rng.choice(list(families.values()))) if rng.random() < 0.5 else []
        rng.shuffle(chosen)
        rest = [u for u in units if u not in chosen]
        rng.shuffle(rest)
        first_day = today
        for unit in (chosen + rest)[:count]:
            phase = rng.choices(phases, weights)[0]
            cohort = rng.choice(by_unit_phase[(unit.pk, phase)])
            day = _day_between(
                cohort.opens, min(cohort.closes, today - dt.timedelta(days=1)), rng
            )
            first_day = min(first_day, day)
            status = Enrollment.Status.ACTIVE
            if phase == "past":
                status = (
                    Enrollment.Status.COMPLETED
                    if rng.random() < complete_share
                    else Enrollment.Status.WITHDRAWN
                )
            planned.append(
                Planned(
                    enrollment_ids.take(),
                    learner_id,
                    cohort,
                    unit,
                    status,
                    _at(day, rng),
                )
            )
        joined = _at(first_day - dt.timedelta(days=rng.randint(0, 30)), rng)
        learners[learner_id] = (f"{rng.choice(FIRST)} {rng.choice(LAST)}", joined)
    return learners, planned


def learners_write(
    learners: dict[int, tuple[str, dt.datetime]], rng: random.Random
) -> int:
    """The learners' rows (no password: they never sign in during the benchmark)
    and their Learners role."""
    password = make_password(None)
    rows = []
    for learner_id, (name, joined) in learners.items():
        first, _, last = name.partition(" ")
        rows.append(
            UserRow(
                id=learner_id,
                password=password,
                is_superuser=False,
                first_name=first,
                last_name=last,
                email=f"learner{learner_id:07d}@bench.test",
                is_staff=False,
                is_active=True,
                date_joined=joined,
                legal_name=name,
                organisation=rng.choice(SCHOOLS),
                professional_role=rng.choice(ROLES),
                maryland_certified=rng.random() < 0.3,
            )
        )
    count = copy_rows(get_user_model(), UserRow, rows)
    group = Group.objects.get(name=LEARNERS)
    through = get_user_model().groups.through
    copy_rows(through, MembershipRow, (MembershipRow(i, group.pk) for i in learners))
    return count


def enrollments_write(planned: list[Planned]) -> int:
    return copy_rows(
        Enrollment,
        EnrollmentRow,
        (
            EnrollmentRow(
                id=p.id,
                learner=p.learner_id,
                offering=p.cohort.id,
                status=p.status,
                track="non_credit" if p.unit.has_tracks else "",
                track_approved=False,
                created_at=p.created_at,
                completed_at=p.completed_at,
            )
            for p in planned
        ),
    )
