from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.roles import is_facilitator, is_portal_admin
from core import clock

from .selectors import dashboard_context, facilitator_context, operations_context


@login_required
def dashboard(request):
    """The signed-in person's home: no id in the URL, nobody else's data.

    Admins land on the portal's operations, facilitators on the work waiting in
    the offerings they run, learners on their learning.
    """
    user = request.user
    if is_portal_admin(user):
        now = clock.now()
        context = operations_context(now=now)
        return render(request, "dashboard/operations.html", {**context, "now": now})
    if is_facilitator(user):
        now = clock.now()
        context = facilitator_context(user=user, now=now)
        return render(request, "dashboard/facilitator.html", {**context, "now": now})
    return learning(request)


@login_required
def learning(request):
    """The signed-in person's own learning: a learner's home, and where a
    facilitator who is enrolled somewhere follows their own enrollments."""
    context = dashboard_context(user=request.user, now=clock.now())
    return render(request, "dashboard/dashboard.html", context)
