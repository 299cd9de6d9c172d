"""Creating and revoking a learner's public transcript link, audited."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_event_record
from core.refusal import Refusal

from .. import messages
from ..models import TranscriptShare


@transaction.atomic
def transcript_share_create(*, learner) -> TranscriptShare:
    """A new public link to the learner's transcript, with an unguessable token.

    One active link per learner (the database says so too): while one is active,
    a new one is refused and nothing is written.
    """
    # Two clicks at once queue on the learner's row; the second one is refused.
    get_user_model().objects.select_for_update().filter(pk=learner.pk).first()
    if TranscriptShare.objects.filter(
        learner=learner, revoked_at__isnull=True
    ).exists():
        raise Refusal(messages.SHARE_ALREADY_ACTIVE)
    share = TranscriptShare(learner=learner)
    share.full_clean()
    share.save()
    audit_event_record(
        actor=learner,
        action=AuditEvent.Action.TRANSCRIPT_SHARED,
        target=share,
        learner=learner,
        summary="Public transcript link created",
        after={"created_at": share.created_at.isoformat()},
    )
    return share


@transaction.atomic
def transcript_share_revoke(
    *, share: TranscriptShare, actor, now: dt.datetime
) -> TranscriptShare:
    """Revoke the link: its page answers 404 from now on; the record is kept."""
    share = TranscriptShare.objects.select_for_update().get(pk=share.pk)
    if share.revoked_at is not None:
        raise Refusal(messages.SHARE_ALREADY_REVOKED)
    share.revoked_at = now
    share.save(update_fields=["revoked_at"])
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.TRANSCRIPT_SHARE_REVOKED,
        target=share,
        learner=share.learner,
        summary="Public transcript link revoked",
        before={"revoked_at": None},
        after={"revoked_at": now.isoformat()},
    )
    return share
