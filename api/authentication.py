"""``Authorization: Bearer <token>`` with a personal API token."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .selectors import api_token_get_for_value
from .services import api_token_mark_used

KEYWORD = "Bearer"
TOKEN_REFUSED = _("The token is unknown, revoked or expired.")
HEADER_MALFORMED = _("Send the token as “Authorization: Bearer <token>”.")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates a request carrying a personal token and records its use.

    A request without a Bearer header is left to the next scheme (the session); a
    Bearer header with a wrong, revoked or malformed token is refused with 401,
    never treated as anonymous.
    """

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(HEADER_MALFORMED)
        try:
            value = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(TOKEN_REFUSED) from error
        token = api_token_get_for_value(value=value)
        if token is None:
            raise exceptions.AuthenticationFailed(TOKEN_REFUSED)
        api_token_mark_used(token=token, now=timezone.now())
        return token.user, token

    def authenticate_header(self, request) -> str:
        # Makes DRF answer an unauthenticated request 401 rather than 403.
        return KEYWORD
