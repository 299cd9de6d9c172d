"""The catalogue under the generated data: the demo's providers, programs, units,
rules and outputs, plus many cohorts (offerings) of the units whose completion
needs only submissions and reviews, and the staff who facilitate them."""

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from accounts.roles import ADMINS, FACILITATORS
from accounts.services import roles_ensure, user_role_assign
from core import clock
from programs.models import Offering, Requirement, RuleKind, Session, Unit

from ..awards import demo_outputs_load
from ..schedule import season_label, term_runs
from ..services import demo_catalog_load
from .scales import Scale

# Rules the generator can satisfy with submissions and Met reviews alone.
GENERATED_RULES = {RuleKind.REQUIRED_PIECES, RuleKind.ALL_SUBMISSIONS_MET}
GENERATED_MODES = {Requirement.ReviewMode.NONE, Requirement.ReviewMode.MET_NOT_MET}
# Past cohorts start every RUN_GAP, the last one ending before the current run.
RUN_GAP = dt.timedelta(weeks=13)
PAST_TERMS = 12
ADMIN_EMAIL = "admin@bench.test"


@dataclass
class Cohort:
    """One generated offering, as the generator needs it."""

    id: int
    unit_id: int
    label: str
    phase: str  # "past", "current" or "next"
    start: dt.date
    end: dt.date
    opens: dt.date
    closes: dt.date
    facilitator_id: int


def catalogue_load(today: dt.date) -> list[Unit]:
    """Load the demo catalogue and outputs; return the units the generator fills."""
    demo_catalog_load(today=today)
    demo_outputs_load()
    units = (
        Unit.objects.filter(offerings__start_date__isnull=False)
        .prefetch_related("completion_rules", "requirements", "programs")
        .select_related("provider")
        .prefetch_related("output_specs")
        .distinct()
        .order_by("position", "pk")
    )
    return [u for u in units if _generated(u)]


def _generated(unit: Unit) -> bool:
    rules = list(unit.completion_rules.all())
    requirements = list(unit.requirements.all())
    return (
        bool(rules)
        and all(r.kind in GENERATED_RULES for r in rules)
        and bool(requirements)
        and all(r.review_mode in GENERATED_MODES for r in requirements)
        and not Session.objects.filter(offering__unit=unit, is_required=True).exists()
    )


def staff_load(scale: Scale) -> tuple[object, list[int]]:
    """An admin and the scale's facilitators (no password: the benchmark signs
    them in with sessions it creates)."""
    roles_ensure()
    user_model = get_user_model()
    admin, _ = user_model.objects.get_or_create(
        email=ADMIN_EMAIL,
        defaults={"legal_name": "Bench Admin", "is_staff": True, "is_superuser": True},
    )
    user_role_assign(user=admin, role=ADMINS)
    facilitators = []
    for number in range(1, scale.facilitators + 1):
        user, _ = user_model.objects.get_or_create(
            email=f"facilitator{number:03d}@bench.test",
            defaults={"legal_name": f"Facilitator {number:03d}"},
        )
        user_role_assign(user=user, role=FACILITATORS)
        facilitators.append(user.pk)
    return admin, facilitators


def cohorts_create(
    *, units: list[Unit], scale: Scale, facilitators: list[int], rng: random.Random
) -> list[Cohort]:
    """Enough offerings of ``units`` for the scale's enrollments: past terms, the
    current one (under way) and the next one (enrollment open), several cohorts
    a term; each with one facilitator."""
    today = clock.today()
    # About two thirds of enrollments are in past runs, a quarter in the current
    # one, the rest in the next one (see learners.PHASES).
    per_term_past = max(
        1, round(scale.enrollments * 0.67 / PAST_TERMS / len(units) / scale.cohort_size)
    )
    per_term_now = max(
        1, round(scale.enrollments * 0.33 / len(units) / scale.cohort_size / 2)
    )
    cohorts = []
    for unit in units:
        weeks = dt.timedelta(weeks=unit.weeks or 6, days=-1)
        _, current, following = term_runs(today, weeks=unit.weeks or 6)
        terms = [
            ("past", current.start - RUN_GAP * (k + 1), per_term_past)
            for k in range(1, PAST_TERMS + 1)
        ]
        terms += [("current", current.start, per_term_now)]
        terms += [("next", following.start, per_term_now)]
        for phase, start, count in terms:
            opens = following.enrollment_opens if phase == "next" else start - RUN_GAP
            for number in range(1, count + 1):
                offering = Offering.objects.create(
                    unit=unit,
                    label=f"{season_label(start)} · cohort {start:%m%d}-{number}",
                    start_date=start,
                    end_date=start + weeks,
                    enrollment_opens=opens,
                    enrollment_closes=start - dt.timedelta(days=1),
                    capacity=scale.cohort_size * 2,
                )
                facilitator = rng.choice(facilitators)
                offering.facilitators.set([facilitator])
                cohorts.append(
                    Cohort(
                        id=offering.pk,
                        unit_id=unit.pk,
                        label=offering.label,
                        phase=phase,
                        start=start,
                        end=offering.end_date,
                        opens=opens,
                        closes=offering.enrollment_closes,
                        facilitator_id=facilitator,
                    )
                )
    return cohorts
