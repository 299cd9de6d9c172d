"""Loading the demo catalogue and demo users. Idempotent: run twice, same rows."""

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.roles import ADMINS, FACILITATORS, LEARNERS
from accounts.services import roles_ensure, user_role_assign
from programs.models import (
    CompletionRule,
    CredentialProgram,
    GroupTier,
    Offering,
    Provider,
    Requirement,
    RubricCriterion,
    Session,
    Unit,
)

from . import catalog as data
from .schedule import term_runs

UNIT_FIELDS = [
    *("title", "short_name", "kind", "delivery", "audience", "summary", "weeks"),
    *("hours_per_week_min", "hours_per_week_max", "estimated_hours", "clock_hours"),
    *("cpd_credits", "price", "has_tracks", "earned_per_run", "position"),
]
REQUIREMENT_FIELDS = [
    *("instructions", "kind", "review_mode", "accepts_files", "accepts_text"),
    *("accepts_links", "shared_with_peers", "min_artifacts", "max_artifacts"),
    *("pass_score", "deadline", "deadline_months_after_end"),
]

DEMO_USERS: list[tuple[str, str, dict[str, Any]]] = [
    ("admin@demo.test", "Avery Admin", {"is_staff": True, "is_superuser": True}),
    ("facilitator1@demo.test", "Farah Facilitator", {}),
    ("facilitator2@demo.test", "Felix Facilitator", {}),
    ("learner1@demo.test", "Lena Learner", {"organisation": "Lincoln Elementary"}),
    ("learner2@demo.test", "Luis Learner", {"organisation": "Baltimore County PS"}),
    ("learner3@demo.test", "Lucía Learner-Ortega", {"organisation": "Riverside HS"}),
    (
        "learner4@demo.test",
        "Mara Learner",
        {"organisation": "Anne Arundel County PS", "maryland_certified": True},
    ),
]


@transaction.atomic
def demo_catalog_load(*, today: dt.date) -> None:
    providers = {
        row["slug"]: Provider.objects.update_or_create(slug=row["slug"], defaults=row)[
            0
        ]
        for row in data.PROVIDERS
    }
    programs = {}
    for row in data.PROGRAMS:
        fields = {k: v for k, v in row.items() if k not in {"rules", "provider"}}
        program, _ = CredentialProgram.objects.update_or_create(
            slug=row["slug"],
            defaults={
                **fields,
                "provider": providers[row["provider"]],
                "is_published": True,
            },
        )
        programs[row["slug"]] = program
    units = {}
    for row in data.UNITS:
        defaults = {field: row.get(field) for field in UNIT_FIELDS if field in row}
        defaults["provider"] = providers[row["provider"]]
        defaults["is_published"] = True  # the demo's catalogue is public
        unit, _ = Unit.objects.update_or_create(slug=row["slug"], defaults=defaults)
        unit.programs.set(programs[slug] for slug in row["programs"])
        units[row["slug"]] = unit
        _load_tiers(unit, row.get("group_tiers", []))
        _load_requirements(unit, row.get("requirements", []))
        _load_offerings(unit, row, today)
    for row in data.UNITS:
        unit = units[row["slug"]]
        unit.recommended_prior_units.set(
            units[s] for s in row.get("recommended_prior_units", [])
        )
        unit.prerequisites.set(units[s] for s in row.get("prerequisites", []))
        _load_rules(unit=unit, rules=row.get("rules", []))
    for row in data.PROGRAMS:
        _load_rules(program=programs[row["slug"]], rules=row["rules"])


def _load_tiers(unit: Unit, tiers: list[dict]) -> None:
    for tier in tiers:
        GroupTier.objects.update_or_create(
            unit=unit, min_participants=tier["min_participants"], defaults=tier
        )


def _load_requirements(unit: Unit, requirements: list[dict]) -> None:
    for position, row in enumerate(requirements, start=1):
        defaults = {f: row[f] for f in REQUIREMENT_FIELDS if f in row}
        requirement, _ = Requirement.objects.update_or_create(
            unit=unit, title=row["title"], defaults={**defaults, "position": position}
        )
        for order, (title, points) in enumerate(row.get("rubric", []), start=1):
            RubricCriterion.objects.update_or_create(
                requirement=requirement,
                title=title,
                defaults={"max_points": points, "position": order},
            )


def _load_rules(*, rules: list[dict], unit=None, program=None) -> None:
    for row in rules:
        requirement = None
        if "requirement" in row:
            requirement = Requirement.objects.get(unit=unit, title=row["requirement"])
        CompletionRule.objects.update_or_create(
            unit=unit,
            program=program,
            kind=row["kind"],
            requirement=requirement,
            defaults={"min_count": row.get("min_count")},
        )


# When the demo's sessions meet, local time: what such sessions keep in practice.
OFFICE_HOURS_AT = dt.time(16, 0)  # a weekday afternoon
METC_SESSION_AT = dt.time(9, 0)  # a four-hour morning session
EVENING_AT = dt.time(19, 0)  # evening webinars and check-ins
EVENT_STARTS_AT = {"Edcamp": dt.time(8, 30)}  # Saturday events start early
EVENT_DEFAULT_AT = dt.time(9, 0)
# Each event is its own CEU (``Unit.earned_per_run``); the run's CEUs (a demo
# value an admin sets per event: one CEU is ten contact hours).
EVENT_CEUS = {"Edcamp": Decimal("0.6")}
EVENT_DEFAULT_CEUS = Decimal("0.7")


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _offering(unit: Unit, label: str, **fields) -> Offering:
    return Offering.objects.update_or_create(unit=unit, label=label, defaults=fields)[0]


def _session(
    offering: Offering, title: str, day: dt.date, time: dt.time, **fields
) -> None:
    Session.objects.update_or_create(
        offering=offering,
        title=title,
        defaults={"starts_at": _at(day, time), **fields},
    )


def _load_offerings(unit: Unit, row: dict, today: dt.date) -> None:
    if row.get("open_enrollment"):
        _offering(unit, "Open enrollment")
    elif row.get("iste_cohorts"):
        _load_iste_cohorts(unit, today)
    elif row.get("ceu_events"):
        _load_ceu_events(unit, row["ceu_events"], today)
    else:
        for run in term_runs(today, weeks=unit.weeks or 6):
            offering = _offering(
                unit,
                run.label,
                start_date=run.start,
                end_date=run.end,
                enrollment_opens=run.enrollment_opens,
                enrollment_closes=run.enrollment_closes,
                capacity=40,
                content_open_after_end=row.get("content_open_after_end", False),
            )
            for session in row.get("sessions", []):
                day = run.start + dt.timedelta(weeks=session["week"] - 1, days=2)
                _session(
                    offering,
                    session["title"],
                    day,
                    OFFICE_HOURS_AT,
                    kind=session["kind"],
                )


def _load_iste_cohorts(unit: Unit, today: dt.date) -> None:
    """Each run in both published formats."""
    for run in term_runs(today, weeks=14):
        _iste_metc(unit, run)
        _iste_online(unit, run)


def _iste_metc(unit: Unit, run) -> None:
    metc = _offering(
        unit,
        f"METC online cohort · {run.label}",
        format_name="METC online",
        format_details="Three required virtual sessions, then an eight-week online "
        "course of four modules (Module 5 open throughout).",
        start_date=run.start,
        end_date=run.start + dt.timedelta(weeks=9, days=-1),
        enrollment_opens=run.enrollment_opens,
        enrollment_closes=run.enrollment_closes,
        capacity=30,
    )
    for number, offset in enumerate((0, 2, 4), start=1):
        _session(
            metc,
            f"Required virtual session {number}",
            run.start + dt.timedelta(days=offset),
            METC_SESSION_AT,
            kind=Session.Kind.LIVE,
            is_required=True,
            duration_minutes=240,
        )
    for week in (2, 4, 6):
        _session(
            metc,
            f"Optional virtual check-in (week {week})",
            run.start + dt.timedelta(weeks=week, days=3),
            EVENING_AT,
            kind=Session.Kind.CHECK_IN,
        )


def _iste_online(unit: Unit, run) -> None:
    online = _offering(
        unit,
        f"Fully online cohort · {run.label}",
        format_name="Fully online",
        format_details="About 14 weeks: a pre-work session and sessions 1-5, each "
        "one required virtual meeting plus 8-10 hours of asynchronous work.",
        start_date=run.start,
        end_date=run.end,
        enrollment_opens=run.enrollment_opens,
        enrollment_closes=run.enrollment_closes,
        capacity=30,
    )
    titles = ["Pre-work session"] + [f"Session {n}" for n in range(1, 6)]
    for index, title in enumerate(titles):
        _session(
            online,
            title,
            run.start + dt.timedelta(weeks=2 * index, days=1),
            EVENING_AT,
            kind=Session.Kind.PRE_WORK if index == 0 else Session.Kind.LIVE,
            is_required=True,
            duration_minutes=90,
        )


def _load_ceu_events(unit: Unit, events: list[str], today: dt.date) -> None:
    for run in term_runs(today, weeks=8):
        for index, name in enumerate(events):
            day = run.start + dt.timedelta(weeks=4 * index, days=5)
            offering = _offering(
                unit,
                f"{name} · {run.label}",
                start_date=day,
                end_date=day,
                enrollment_opens=run.enrollment_opens,
                enrollment_closes=day,
                ceus=EVENT_CEUS.get(name, EVENT_DEFAULT_CEUS),
            )
            _session(
                offering,
                name,
                day,
                EVENT_STARTS_AT.get(name, EVENT_DEFAULT_AT),
                kind=Session.Kind.EVENT,
                is_required=True,
                duration_minutes=360,
            )


@transaction.atomic
def demo_users_load(*, password: str) -> dict:
    """The demo accounts, verified, with the given password; returns them by email."""
    user_model = get_user_model()
    users = {}
    for email, name, extra in DEMO_USERS:
        user, _ = user_model.objects.get_or_create(email=email)
        user.legal_name = name
        user.first_name, _, user.last_name = name.partition(" ")
        for field, value in extra.items():
            setattr(user, field, value)
        user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[email] = user
    return users


def demo_facilitators_assign(users: dict) -> None:
    """facilitator1 runs the HGSE and Loyola offerings; facilitator2 ISTE and CEU."""
    first, second = users["facilitator1@demo.test"], users["facilitator2@demo.test"]
    for offering in Offering.objects.select_related("unit__provider"):
        slug = offering.unit.provider.slug
        facilitator = (
            second if slug == data.ISTE or offering.unit.kind == "event" else first
        )
        offering.facilitators.set([facilitator])


DEMO_ROLES = {
    "admin@demo.test": ADMINS,
    "facilitator1@demo.test": FACILITATORS,
    "facilitator2@demo.test": FACILITATORS,
    "learner1@demo.test": LEARNERS,
    "learner2@demo.test": LEARNERS,
    "learner3@demo.test": LEARNERS,
    "learner4@demo.test": LEARNERS,
}


@transaction.atomic
def demo_roles_assign(users: dict) -> None:
    """The three role groups with their permissions, and each demo user's role."""
    roles_ensure()
    for email, role in DEMO_ROLES.items():
        user_role_assign(user=users[email], role=role)
