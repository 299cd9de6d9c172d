"""Reads of the public catalogue."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from .models import CompletionRule, CredentialProgram, Offering, Provider, Unit
from .quotes import Quote, quote, tier_rules

# How far a provider's day can trail the portal's: zones differ by 26 hours at most.
ZONES_BEHIND = dt.timedelta(days=2)


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
    ``today`` is the portal's day; a provider west of it may still be on an
    earlier one (its own zone decides), so this rough cut keeps two days more.
    """
    offerings = Offering.objects.order_by("start_date")
    if today is not None:
        earliest = today - ZONES_BEHIND
        offerings = offerings.filter(
            Q(enrollment_closes__isnull=True) | Q(enrollment_closes__gte=earliest)
        )
    return (
        CredentialProgram.objects.filter(is_published=True)
        .select_related("provider")
        .prefetch_related(Prefetch("units", queryset=_published_units(offerings)))
    )


def provider_zone_names() -> list[str]:
    """The time zones the providers keep: whose days the catalogue's dates are."""
    return sorted(set(Provider.objects.values_list("time_zone", flat=True)))


def program_get(*, slug: str) -> CredentialProgram:
    """A published program with everything its page shows, or 404."""
    queryset = CredentialProgram.objects.filter(is_published=True).select_related(
        "provider"
    )
    rules = CompletionRule.objects.select_related("requirement").prefetch_related(
        "units"
    )
    units = _published_units().prefetch_related(
        "requirements",
        "prerequisites",
        Prefetch("completion_rules", queryset=rules),
    )
    return get_object_or_404(
        queryset.prefetch_related(
            Prefetch("units", queryset=units),
            Prefetch("completion_rules", queryset=rules),
        ),
        slug=slug,
    )


@dataclass(frozen=True)
class UnitConditions:
    """What completing some of a program's units takes (the same for each)."""

    units: list[Unit]
    conditions: list[str]

    @property
    def names(self) -> str:
        """ "SOTL, OTLA or The Online Classroom"."""
        return str(
            get_text_list([u.short_name or u.title for u in self.units], _("or"))
        )


def program_unit_conditions(program: CredentialProgram) -> list[UnitConditions]:
    """The conditions of the program's units (``CompletionRule.describe``), units
    with the same conditions together, in the units' order: with the program's
    own rules, every condition of earning it. ``program`` comes from
    ``program_get``."""
    groups: dict[tuple[str, ...], list[Unit]] = {}
    for unit in program.units.all():
        key = tuple(str(rule.describe()) for rule in unit.completion_rules.all())
        if key:
            groups.setdefault(key, []).append(unit)
    return [UnitConditions(units, list(key)) for key, units in groups.items()]


def unit_get(*, slug: str) -> Unit:
    """A published unit with offerings, sessions, prices and requirements, or 404."""
    offerings = Offering.objects.order_by("start_date").prefetch_related("sessions")
    queryset = _published_units(offerings).prefetch_related(
        "programs", "requirements", "recommended_prior_units", "prerequisites"
    )
    return get_object_or_404(queryset, slug=slug)


def unit_quote(*, unit: Unit, seats: int) -> Quote:
    """What ``seats`` seats in ``unit`` cost under its price and group tiers: the
    one quote the enroll page, the group order and every invoice line come from.

    Raises ``quotes.PricingError`` when the unit has no published price.
    """
    return quote(unit.price, unit.currency, tier_rules(unit.group_tiers.all()), seats)
