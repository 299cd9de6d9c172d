from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .selectors import dashboard_context


@login_required
def dashboard(request):
    """The signed-in person's own learning: no id in the URL, nobody else's data."""
    today = timezone.localdate()
    context = dashboard_context(user=request.user, today=today)
    return render(request, "dashboard/dashboard.html", {**context, "today": today})
