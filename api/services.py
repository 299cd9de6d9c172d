"""Writes of API tokens: create (the value is returned once), revoke, mark used."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_event_record
from core.refusal import Refusal

from .models import ApiToken
from .tokens import token_new

ACTIVE_TOKENS_MAX = 10
# A token lives this long: a leaked one stops working by itself.
TOKEN_LIFETIME = dt.timedelta(days=90)
# How stale ``last_used_at`` may get: one write a minute per token at most, not
# one per request of a busy client.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def _refuse_name(*, user, name: str) -> None:
    if not name:
        raise Refusal(_("Give the token a name."))
    unrevoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if unrevoked.filter(name=name).exists():
        raise Refusal(_("You already have a token with this name."))
    if unrevoked.filter(expires_at__gt=timezone.now()).count() >= ACTIVE_TOKENS_MAX:
        raise Refusal(
            _("You have %(count)d active tokens: revoke one before creating another.")
            % {"count": ACTIVE_TOKENS_MAX}
        )


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its value, which is never stored nor shown
    again. Audited; refused (nothing written) for an empty or duplicate name or
    past ``ACTIVE_TOKENS_MAX`` active tokens. It expires after ``TOKEN_LIFETIME``."""
    name = name.strip()
    # The user's row orders concurrent creations (the name and count checks).
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    _refuse_name(user=user, name=name)
    new = token_new()
    token = ApiToken(
        user=user,
        name=name,
        prefix=new.prefix,
        digest=new.digest,
        expires_at=timezone.now() + TOKEN_LIFETIME,
    )
    token.full_clean()
    token.save()
    audit_event_record(
        actor=user,
        action=AuditEvent.Action.API_TOKEN_CREATED,
        target=token,
        summary=f"{user.email}: API token “{name}” ({new.prefix}…) created",
        after={"name": name, "prefix": new.prefix},
    )
    return token, new.value


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    """Revoke ``token`` at once (its next request is refused). Idempotent: a token
    already revoked keeps its date and records nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.API_TOKEN_REVOKED,
        target=token,
        summary=f"{token.user.email}: API token “{token.name}” ({token.prefix}…) "
        "revoked",
        before={"revoked_at": None},
        after={"revoked_at": token.revoked_at},
    )
    return token


def api_token_mark_used(*, token: ApiToken, now: dt.datetime) -> None:
    """Record that ``token`` authenticated a request at ``now`` (to the minute:
    a fresher stamp writes nothing)."""
    last = token.last_used_at
    if last is not None and now - last < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
