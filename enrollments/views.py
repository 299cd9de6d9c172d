"""Enrollment pages: enroll from the catalogue, an enrollment, an offering's roster."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_learner, is_portal_admin

from . import access, selectors
from .forms import EnrollmentForm
from .messages import EnrollmentRefused
from .selectors.holdings import unit_holding
from .selectors.windows import offering_availability
from .services.registration import registration_create

ENROLLED = _("You are enrolled in %(offering)s.")
ENROLLED_INVOICED = _(
    "You are enrolled in %(offering)s. Here is your invoice and how to pay it."
)


@login_required
def offering_enroll(request, pk):
    """The confirmation page (GET): the price from the one quote, what happens
    next and how to pay; POST enrolls (asking for the track if needed) and shows
    the invoice. A refusal changes nothing."""
    offering = selectors.offering_get_for_enrollment(pk=pk)
    if not is_learner(request.user):
        raise PermissionDenied
    form = EnrollmentForm(
        request.POST if request.method == "POST" else None, unit=offering.unit
    )
    if request.method == "POST" and form.is_valid():
        try:
            enrollment = registration_create(
                learner=request.user, offering=offering, track=form.chosen_track
            )
        except EnrollmentRefused as refusal:
            messages.error(request, refusal.message)
            return redirect(offering.unit)
        invoice = getattr(enrollment, "invoice", None)
        if invoice is not None:
            messages.success(request, ENROLLED_INVOICED % {"offering": offering})
            return redirect("orders:invoice", number=invoice.number)
        messages.success(request, ENROLLED % {"offering": offering})
        return redirect("dashboard:dashboard")
    # What the service would refuse, shown before the learner clicks.
    availability = offering_availability(offering=offering)
    return render(
        request,
        "enrollments/enroll.html",
        {
            "offering": offering,
            "unit": offering.unit,
            "form": form,
            "availability": availability,
            "holding": unit_holding(learner=request.user, unit=offering.unit),
            "quote": selectors.registration_quote(offering=offering),
            "provider": offering.unit.provider,
            "group_tiers": offering.unit.group_tiers.all(),
        },
    )


@login_required
def enrollment_detail(request, pk):
    """The enrollment for its learner, the offering's facilitators and admins.

    Billing is the learner's business (and an admin's), never a facilitator's.
    """
    enrollment = selectors.enrollment_get_for_user(user=request.user, pk=pk)
    dues = selectors.enrollment_deadlines(enrollment=enrollment)
    is_own = enrollment.learner_id == request.user.pk
    return render(
        request,
        "enrollments/enrollment_detail.html",
        {
            "enrollment": enrollment,
            "offering": enrollment.offering,
            "dues": dues,
            "is_own": is_own,
            "shows_invoice": is_own or is_portal_admin(request.user),
        },
    )


@login_required
def offering_roster(request, pk):
    offering = access.offering_get_for_facilitator(user=request.user, pk=pk)
    enrollments = selectors.offering_roster(offering=offering)
    return render(
        request,
        "enrollments/roster.html",
        {
            "offering": offering,
            "enrollments": enrollments,
            # Admins follow each learner to their progress ("why not yet").
            "links_progress": is_portal_admin(request.user),
        },
    )
