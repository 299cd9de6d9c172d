"""The profile page where a person creates and revokes their own API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ApiTokenForm
from .selectors import api_token_get_for_owner, api_tokens_for
from .services import api_token_revoke


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """Lists the user's tokens; a valid POST creates one and shows its value in
    this response only (never stored, never cached, not in a redirect)."""
    form = ApiTokenForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    created = form.save() if request.method == "POST" and form.is_valid() else None
    if created is not None:
        form = ApiTokenForm(user=request.user)
    response = render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "tokens": api_tokens_for(user=request.user),
            "created": created[0] if created else None,
            "created_value": created[1] if created else None,
        },
        status=201 if created else 200,
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = api_token_get_for_owner(user=request.user, pk=pk)
    api_token_revoke(token=token, actor=request.user)
    messages.success(
        request,
        _("The token “%(name)s” is revoked: it no longer opens the API.")
        % {"name": token.name},
    )
    return redirect("api_tokens")
