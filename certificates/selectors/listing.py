"""Reads of awards as lists: a learner's own (with what each links to) and the
admins' list with its filters."""

import datetime as dt
import hashlib
import json

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from core import versioned
from core.cache_aliases import PAGES
from programs.models import CredentialProgram, Unit

from ..models import Award, AwardDocument
from .awards import awards_for


def awards_listed_for(*, learner) -> QuerySet[Award]:
    """The learner's awards as their list shows them, with the unit or program
    each is for (two queries, whatever the number of awards)."""
    return awards_for(learner=learner).select_related("unit", "program")


def program_units(program: CredentialProgram) -> QuerySet[Unit]:
    """The units that count toward ``program`` (its catalogue membership)."""
    return Unit.objects.filter(programs=program)


def awards_for_admin(
    *,
    status: str | None = None,
    credential: str | None = None,
    program: CredentialProgram | None = None,
    issued_from: dt.date | None = None,
    issued_to: dt.date | None = None,
) -> QuerySet[Award]:
    """Every award (superseded ones too), newest first, narrowed by the filters.

    ``credential`` is the slug of the unit or program awarded; ``program`` keeps
    the program's own awards and those of the units that count toward it; the
    issued dates are inclusive days in the portal's time zone. Two queries with
    learner, unit, program and documents, whatever the number of awards.
    """
    awards = Award.objects.select_related("learner", "unit", "program")
    if status:
        awards = awards.filter(status=status)
    if credential:
        awards = awards.filter(Q(unit__slug=credential) | Q(program__slug=credential))
    if program is not None:
        awards = awards.filter(
            Q(program=program) | Q(unit__in=program_units(program).values("pk"))
        )
    if issued_from is not None:
        awards = awards.filter(issued_at__date__gte=issued_from)
    if issued_to is not None:
        awards = awards.filter(issued_at__date__lte=issued_to)
    return awards.prefetch_related(
        Prefetch("documents", queryset=AwardDocument.objects.order_by("id"))
    ).order_by("-created_at", "-id")


# The source of the kept counts, bumped by every write of an award
# (``certificates.receivers``).
AWARDS = "awards"
# A kept count lives at most this long: the bound on a wrong one should a write
# ever bypass the models (a bulk load with COPY, an ``update()`` of the status).
COUNT_SECONDS = 600


def awards_for_admin_count(**filters) -> int:
    """How many awards ``awards_for_admin(**filters)`` lists: from the shared
    ``pages`` cache while no award was written since it was counted
    (``core.versioned``; a count of every award reads the whole table); counted
    each time where that cache is per process."""
    named = {
        name: value.pk if isinstance(value, CredentialProgram) else value
        for name, value in filters.items()
        if value is not None
    }
    # the issued dates are days in the zone the request runs in
    named["zone"] = timezone.get_current_timezone_name()
    digest = hashlib.sha256(json.dumps(named, sort_keys=True, default=str).encode())
    return versioned.remember(
        versioned.stamp(AWARDS, using=PAGES),
        f"awards:admin-count:{digest.hexdigest()[:32]}",
        lambda: awards_for_admin(**filters).count(),
        timeout=COUNT_SECONDS,
        copy=False,  # a count per filter: none kept in process memory
    )


def awards_written() -> None:
    """An award is written: the kept counts are not read again once it commits."""
    versioned.source_written(AWARDS, using=PAGES)


def credential_exists(*, slug: str) -> bool:
    """Whether a unit or a program has this slug."""
    return (
        Unit.objects.filter(slug=slug).exists()
        or CredentialProgram.objects.filter(slug=slug).exists()
    )
