"""Reads of the public catalogue."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import CompletionRule, CredentialProgram, Offering, Unit


def _published_units(offerings: QuerySet[Offering] | None = None) -> QuerySet[Unit]:
    if offerings is None:
        offerings = Offering.objects.order_by("start_date")
    return (
        Unit.objects.filter(is_published=True)
        .select_related("provider")
        .prefetch_related("group_tiers", Prefetch("offerings", queryset=offerings))
    )


def program_list(*, today: dt.date | None = None) -> QuerySet[CredentialProgram]:
    """Published programs with their units and offerings by start date: every
    offering, or with ``today`` those whose enrollment has not closed.

    Which offerings are still listed, and which can be enrolled in, is the
    enrollment window rule's to say (``enrollments.selectors.windows``); an offering
    whose enrollment closed is never listed, so the catalogue leaves the past runs
    out (at 1,500 offerings, counting their seats cost most of the page, bench/).
    """
    offerings = Offering.objects.order_by("start_date")
    if today is not None:
        offerings = offerings.filter(
            Q(enrollment_closes__isnull=True) | Q(enrollment_closes__gte=today)
        )
    return (
        CredentialProgram.objects.filter(is_published=True)
        .select_related("provider")
        .prefetch_related(Prefetch("units", queryset=_published_units(offerings)))
    )


def program_get(*, slug: str) -> CredentialProgram:
    """A published program with everything its page shows, or 404."""
    queryset = CredentialProgram.objects.filter(is_published=True).select_related(
        "provider"
    )
    return get_object_or_404(
        queryset.prefetch_related(
            Prefetch("units", queryset=_published_units()),
            Prefetch(
                "completion_rules",
                queryset=CompletionRule.objects.select_related("requirement"),
            ),
        ),
        slug=slug,
    )


def unit_get(*, slug: str) -> Unit:
    """A published unit with offerings, sessions, prices and requirements, or 404."""
    offerings = Offering.objects.order_by("start_date").prefetch_related("sessions")
    queryset = _published_units(offerings).prefetch_related(
        "programs", "requirements", "recommended_prior_units", "prerequisites"
    )
    return get_object_or_404(queryset, slug=slug)
