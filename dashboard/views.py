from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts.roles import is_facilitator, is_portal_admin
from core import clock

from .selectors import dashboard_context, facilitator_context


@login_required
def dashboard(request):
    """The signed-in person's own page: no id in the URL, nobody else's data.

    Facilitators and admins see the offerings they run; learners their learning.
    """
    user = request.user
    if is_facilitator(user) or is_portal_admin(user):
        now = timezone.now()
        context = facilitator_context(user=user, now=now)
        return render(request, "dashboard/facilitator.html", {**context, "now": now})
    today = clock.today()
    context = dashboard_context(user=user, today=today)
    return render(request, "dashboard/dashboard.html", {**context, "today": today})
