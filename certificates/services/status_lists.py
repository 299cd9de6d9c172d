"""Revocation any verifier can check offline: each provider's W3C Bitstring
Status List, its indexes and its signing.

Locks are taken in one order everywhere (award, provider, list), so that an
issue, a revocation and a signing never wait on each other in a circle.
"""

import datetime as dt
import hashlib
from collections import defaultdict

from django.db import transaction

from core import clock
from programs.models import Provider

from ..enqueue import status_list_publish_on_commit
from ..models import Award, StatusList, StatusListEntry
from ..openbadges.signing import credential_sign
from ..openbadges.status_list import (
    LIST_SIZE,
    encoded_list,
    status_list_credential,
)
from ..selectors.openbadges import award_provider, issuer_for
from ..selectors.status_lists import status_list_revoked_indexes, status_list_url
from .openbadges import issuer_key_active


def _open_list(provider: Provider) -> StatusList:
    """The provider's list with room, locked; a new one when the last is full
    (the provider's row is locked first: two first issues make one list)."""
    Provider.objects.select_for_update().filter(pk=provider.pk).first()
    last = (
        StatusList.objects.select_for_update()
        .filter(provider=provider)
        .order_by("-number")
        .first()
    )
    if last is not None and last.next_index < LIST_SIZE:
        return last
    created = StatusList.objects.create(
        provider=provider, number=last.number + 1 if last else 1
    )
    status_list_publish_on_commit(created.pk)
    return created


# No savepoint: the transaction (the caller's) holds it whole or not at all.
@transaction.atomic(savepoint=False)
def status_entry_allocate(*, award: Award) -> StatusListEntry:
    """The award's bit, taken from its provider's counter when it is issued.

    Idempotent (an award has one entry); an index is never given twice: the
    list's row is locked while its counter moves, and the database holds one
    entry per (list, index).
    """
    existing = StatusListEntry.objects.filter(award=award).first()
    if existing is not None:
        return existing
    status_list = _open_list(award_provider(award))
    entry = StatusListEntry.objects.create(
        status_list=status_list, index=status_list.next_index, award=award
    )
    status_list.next_index += 1
    status_list.save(update_fields=["next_index"])
    return entry


def status_list_changed(*, award: Award) -> None:
    """Called in the transaction that revokes or supersedes ``award``: its list
    is marked for signing and the worker re-signs it after commit. An award
    revoked before it was issued has no bit."""
    entry = StatusListEntry.objects.filter(award=award).first()
    if entry is None:
        return
    StatusList.objects.filter(pk=entry.status_list_id).update(needs_signing=True)
    status_list_publish_on_commit(entry.status_list_id)


@transaction.atomic
def status_list_publish(
    *, status_list_id: int, now: dt.datetime | None = None
) -> StatusList | None:
    """Sign the list as it stands and store the token with its ETag.

    Idempotent: a list that has not changed since it was signed is returned as
    it is. A revocation committed while this runs marks the list again (it
    waits on the row lock), so the next signing includes it.
    """
    found = StatusList.objects.select_related("provider").filter(pk=status_list_id)
    status_list = found.first()
    if status_list is None:
        return None
    key = issuer_key_active(provider=status_list.provider)
    status_list = found.select_for_update(of=("self",)).get()
    if not status_list.needs_signing and status_list.token:
        return status_list
    now = now or clock.now()
    issuer = issuer_for(status_list.provider)
    credential = status_list_credential(
        list_url=status_list_url(status_list),
        issuer_id=issuer.id,
        issuer_name=issuer.name,
        encoded=encoded_list(status_list_revoked_indexes(status_list)),
        valid_from=clock.local_moment(now).replace(microsecond=0).isoformat(),
    )
    status_list.token = credential_sign(
        credential, private_pem=key.private_pem, kid=key.kid
    )
    status_list.etag = hashlib.sha256(status_list.token.encode()).hexdigest()[:40]
    status_list.signed_at = now
    status_list.needs_signing = False
    status_list.save(update_fields=["token", "etag", "signed_at", "needs_signing"])
    return status_list


def status_list_served(*, status_list: StatusList) -> StatusList:
    """The list as the public URL serves it: the stored signing, or a first one
    made now for a list not yet signed (the worker had not got to it)."""
    if status_list.token:
        return status_list
    published = status_list_publish(status_list_id=status_list.pk)
    assert published is not None  # noqa: S101  (the row exists: it was just read)
    return published


def status_lists_publish_pending(*, now: dt.datetime | None = None) -> int:
    """Sign every list marked for signing (the sweep: a task the broker did not
    take; ``load_demo``, which queues nothing). Returns how many were signed."""
    pending = StatusList.objects.filter(needs_signing=True).values_list("pk", flat=True)
    for pk in list(pending):
        status_list_publish(status_list_id=pk, now=now)
    return len(pending)


@transaction.atomic
def status_entries_backfill() -> int:
    """Give a bit to every award issued without one (rows written in bulk, as
    the benchmark's), oldest first, and mark their lists for signing (some of
    those awards may be revoked); returns how many were given."""
    awards = (
        Award.objects.filter(issued_at__isnull=False, status_entry__isnull=True)
        .select_related("unit__provider", "program__provider")
        .order_by("issued_at", "id")
    )
    by_provider: dict[Provider, list[Award]] = defaultdict(list)
    for award in awards:
        by_provider[award_provider(award)].append(award)
    given = 0
    for provider, waiting in by_provider.items():
        while waiting:
            status_list = _open_list(provider)
            room = LIST_SIZE - status_list.next_index
            chunk, waiting = waiting[:room], waiting[room:]
            StatusListEntry.objects.bulk_create(
                StatusListEntry(
                    status_list=status_list, index=status_list.next_index + i, award=a
                )
                for i, a in enumerate(chunk)
            )
            status_list.next_index += len(chunk)
            status_list.needs_signing = True
            status_list.save(update_fields=["next_index", "needs_signing"])
            given += len(chunk)
    return given
