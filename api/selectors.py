"""Reads of API tokens: a person's own list, one of theirs, the row a value names."""

from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.shortcuts import get_object_or_404

from core import clock

from .models import ApiToken
from .tokens import TOKEN_MARK, token_digest

# A value longer than this is not a token (and is not worth hashing).
TOKEN_MAX_LENGTH = 100


def api_tokens_for(*, user) -> QuerySet[ApiToken]:
    """The user's tokens, unrevoked ones first, then newest first; each with
    ``is_expired`` (against the portal's clock, not the database server's)."""
    expired = ExpressionWrapper(
        Q(expires_at__lte=clock.now()), output_field=BooleanField()
    )
    return (
        ApiToken.objects.filter(user=user)
        .annotate(is_expired=expired)
        .order_by(F("revoked_at").desc(nulls_first=True), "-created_at", "-id")
    )


def api_token_get_for_owner(*, user, pk: int) -> ApiToken:
    """One of the user's own tokens; anyone else's is a 404."""
    return get_object_or_404(ApiToken.objects.select_related("user"), pk=pk, user=user)


def api_token_get_for_value(*, value: str) -> ApiToken | None:
    """The unrevoked, unexpired token of an active user this value is, else None."""
    if not value.startswith(TOKEN_MARK) or len(value) > TOKEN_MAX_LENGTH:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(
            digest=token_digest(value),
            revoked_at__isnull=True,
            expires_at__gt=clock.now(),
            user__is_active=True,
        )
        .first()
    )
