"""Adding an award to the learner's wallet, or taking it out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.refusal import Refusal

from .selectors.openbadges import award_get_for_learner
from .services.wallet import award_wallet_set


@login_required
@require_POST
def award_wallet_toggle(request, award_uuid):
    award = award_get_for_learner(user=request.user, award_uuid=award_uuid)
    in_wallet = request.POST.get("in_wallet") == "1"
    try:
        award_wallet_set(award=award, in_wallet=in_wallet, actor=request.user)
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        done = (
            _("%(name)s is in your wallet.")
            if in_wallet
            else _("%(name)s is no longer in your wallet.")
        )
        messages.success(request, done % {"name": award.credential_name})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("dashboard:dashboard") + "#wallet-heading"
    return redirect(target)
