"""Generated learners and their enrollments, each in a cohort of a distinct unit."""

import datetime as dt
import random
from dataclasses import dataclass

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
USER_FIELDS = [
    "id",
    "password",
    "is_superuser",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
    "legal_name",
    "organisation",
    "professional_role",
    "maryland_certified",
]
ENROLLMENT_FIELDS = [
    "id",
    "learner",
    "offering",
    "status",
    "track",
    "track_approved",
    "created_at",
    "completed_at",
]


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
            (
                learner_id,
                password,
                False,
                first,
                last,
                f"learner{learner_id:07d}@bench.test",
                False,
                True,
                joined,
                name,
                rng.choice(SCHOOLS),
                rng.choice(ROLES),
                rng.random() < 0.3,
            )
        )
    count = copy_rows(get_user_model(), USER_FIELDS, rows)
    group = Group.objects.get(name=LEARNERS)
    through = get_user_model().groups.through
    copy_rows(through, ["user", "group"], ((i, group.pk) for i in learners))
    return count


def enrollments_write(planned: list[Planned]) -> int:
    return copy_rows(
        Enrollment,
        ENROLLMENT_FIELDS,
        (
            (
                p.id,
                p.learner_id,
                p.cohort.id,
                p.status,
                "non_credit" if p.unit.has_tracks else "",
                False,
                p.created_at,
                p.completed_at,
            )
            for p in planned
        ),
    )
