"""Reads of the providers' revocation lists (W3C Bitstring Status List)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from core.site import absolute_url

from ..models import Award, StatusList
from ..openbadges.status_list import status_entry

# The statuses whose bit is set: a revoked award, and a superseded one (its
# credential was replaced by a corrected re-issue and must no longer be accepted).
WITHDRAWN_STATUSES = [Award.Status.REVOKED, Award.Status.SUPERSEDED]


def status_list_url(status_list: StatusList) -> str:
    path = reverse(
        "certificates:status_list",
        kwargs={"slug": status_list.provider.slug, "number": status_list.number},
    )
    return absolute_url(path)


def status_list_get(*, slug: str, number: int) -> StatusList:
    return get_object_or_404(
        StatusList.objects.select_related("provider"),
        provider__slug=slug,
        number=number,
    )


def status_list_revoked_indexes(status_list: StatusList) -> set[int]:
    return set(
        status_list.entries.filter(award__status__in=WITHDRAWN_STATUSES).values_list(
            "index", flat=True
        )
    )


def award_status_entry(award: Award) -> dict:
    """The ``credentialStatus`` of an issued award: its bit in its provider's list
    (given when it was issued)."""
    entry = award.status_entry
    return status_entry(list_url=status_list_url(entry.status_list), index=entry.index)
