from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from .forms import ProfileForm

PROFILE_SAVED = _("Your profile is saved.")


@login_required
def profile(request):
    """The signed-in user's own profile; there is no id in the URL to tamper with."""
    form = ProfileForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, PROFILE_SAVED)
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})
