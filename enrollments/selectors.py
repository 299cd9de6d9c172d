"""Reads of enrollments, with the object checks every view goes through.

A learner sees only their own enrollments; a facilitator also those in the
offerings they facilitate; a portal admin everything. Anything else is a 404.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_facilitator, is_portal_admin
from programs.models import (
    CompletionRule,
    CredentialProgram,
    Offering,
    Requirement,
    Unit,
)
from programs.models.catalog import UNIT_KIND_PLURALS

from .deadlines import days_left, requirement_deadline_on
from .models import Enrollment, PastCompletion
from .progress import ProgramProgress, program_progress

DETAIL_RELATED = ("offering__unit__provider", "learner")

_ENROLLMENT_PREFETCHES = (
    "offering__sessions",
    Prefetch(
        "offering__unit__requirements",
        queryset=Requirement.objects.exclude(deadline=Requirement.Deadline.NONE),
        to_attr="dated_requirements",
    ),
    "extensions",
)


def offering_get_for_enrollment(*, pk: int) -> Offering:
    """An offering of a published unit, open to enrollment requests, or 404."""
    queryset = Offering.objects.filter(unit__is_published=True).select_related(
        "unit__provider"
    )
    return get_object_or_404(queryset, pk=pk)


def enrollments_visible_to(*, user) -> QuerySet[Enrollment]:
    """The enrollments ``user`` may open: their own, their offerings', or all."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    if is_portal_admin(user):
        return Enrollment.objects.all()
    visible = Q(learner=user)
    if is_facilitator(user):
        visible |= Q(offering__in=Offering.objects.filter(facilitators=user))
    return Enrollment.objects.filter(visible)


def enrollment_get_for_user(*, user, pk: int) -> Enrollment:
    """One enrollment with what its page shows, if ``user`` may see it, or 404."""
    queryset = (
        enrollments_visible_to(user=user)
        .select_related(*DETAIL_RELATED, "invoice")
        .prefetch_related(*_ENROLLMENT_PREFETCHES)
    )
    return get_object_or_404(queryset, pk=pk)


def offerings_facilitated_by(*, user) -> QuerySet[Offering]:
    """Offerings ``user`` facilitates, for a user in the facilitator role."""
    if not is_facilitator(user):
        return Offering.objects.none()
    return Offering.objects.filter(facilitators=user).select_related("unit")


def offering_get_for_facilitator(*, user, pk: int) -> Offering:
    """An offering with its enrollments, for its facilitators and admins, or 404."""
    enrollments = Enrollment.objects.select_related("learner").order_by(
        "learner__legal_name", "learner__email"
    )
    offerings = (
        Offering.objects.select_related("unit")
        if is_portal_admin(user)
        else offerings_facilitated_by(user=user)
    )
    queryset = offerings.prefetch_related(Prefetch("enrollments", queryset=enrollments))
    return get_object_or_404(queryset, pk=pk)


def learner_enrollments(*, learner) -> list[Enrollment]:
    """The learner's own enrollments, newest offering first, ready for deadlines."""
    return list(
        Enrollment.objects.filter(learner=learner)
        .select_related("offering__unit__provider")
        .prefetch_related(*_ENROLLMENT_PREFETCHES)
        .order_by("-offering__start_date", "-created_at")
    )


def learner_past_completions(*, learner) -> list[PastCompletion]:
    return list(
        PastCompletion.objects.filter(learner=learner).select_related("unit__provider")
    )


@dataclass(frozen=True)
class Due:
    requirement: Requirement
    enrollment: Enrollment
    deadline: dt.date
    days_left: int
    extended: bool

    @property
    def days_past(self) -> int:
        return max(0, -self.days_left)


def enrollment_deadlines(*, enrollment: Enrollment, today: dt.date) -> list[Due]:
    """Each dated requirement of the enrollment with its deadline, soonest first.

    Reads only what ``learner_enrollments``/``enrollment_get_for_user`` prefetched.
    """
    offering = enrollment.offering
    sessions = sorted(offering.sessions.all(), key=lambda session: session.starts_at)
    first_session = timezone.localdate(sessions[0].starts_at) if sessions else None
    extensions: dict[int, dt.date] = {}
    for extension in enrollment.extensions.all():  # newest first
        extensions.setdefault(extension.requirement_id, extension.new_deadline)
    dues = []
    for requirement in offering.unit.dated_requirements:  # type: ignore[attr-defined]
        deadline = requirement_deadline_on(
            requirement=requirement,
            offering=offering,
            first_session=first_session,
            extension=extensions.get(requirement.pk),
        )
        if deadline is not None:
            dues.append(
                Due(
                    requirement=requirement,
                    enrollment=enrollment,
                    deadline=deadline,
                    days_left=days_left(deadline, today=today),
                    extended=requirement.pk in extensions,
                )
            )
    return sorted(dues, key=lambda due: due.deadline)


def learner_programs(*, unit_ids: set[int]) -> list[CredentialProgram]:
    """Published programs counting any of these units, with their count rules."""
    rules = CompletionRule.objects.filter(
        kind=CompletionRule.Kind.UNITS_COMPLETED
    ).prefetch_related("units")
    through = CredentialProgram.units.through
    return list(
        CredentialProgram.objects.filter(
            is_published=True,
            pk__in=through.objects.filter(unit_id__in=unit_ids).values(
                "credentialprogram_id"
            ),
        )
        .select_related("provider")
        .prefetch_related(
            "units", Prefetch("completion_rules", queryset=rules, to_attr="count_rules")
        )
    )


@dataclass(frozen=True)
class ProgramProgressRow:
    program: CredentialProgram
    progress: ProgramProgress
    noun: str  # "workshops", or "workshop" when one is required


def learner_progress(
    *, enrollments: list[Enrollment], past_completions: list[PastCompletion]
) -> list[ProgramProgressRow]:
    """Progress toward every program the learner has a unit in; earlier work counts."""
    completed = {pc.unit_id for pc in past_completions}
    active = set()
    for enrollment in enrollments:
        if enrollment.status == Enrollment.Status.COMPLETED:
            completed.add(enrollment.offering.unit_id)
        elif enrollment.status == Enrollment.Status.ACTIVE:
            active.add(enrollment.offering.unit_id)
    rows = []
    for program in learner_programs(unit_ids=completed | active):
        rules = program.count_rules  # type: ignore[attr-defined]  # Prefetch to_attr
        rule = rules[0] if rules else None
        counted = list(rule.units.all()) if rule else []
        counted = counted or list(program.units.all())
        progress = program_progress(
            counted_unit_ids=[unit.pk for unit in counted],
            min_count=rule.min_count if rule else None,
            completed_unit_ids=completed,
            active_unit_ids=active,
            has_count_rule=rule is not None,
        )
        noun = units_noun({unit.kind for unit in counted}, count=progress.required)
        rows.append(ProgramProgressRow(program=program, progress=progress, noun=noun))
    return rows


def units_noun(kinds: set[str], *, count: int | None) -> str:
    """ "workshops" when every counted unit is a workshop, else "units"."""
    kind = next(iter(kinds)) if len(kinds) == 1 else None
    if count == 1:
        return Unit.Kind(kind).label.lower() if kind else str(_("unit"))
    # A plain str finds its TextChoices key.
    return str(UNIT_KIND_PLURALS.get(kind, _("units")))  # type: ignore[call-overload]
