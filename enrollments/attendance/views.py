"""Attendance: the facilitator's register and check-in code; the learner's check-in."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_portal_admin
from enrollments.access import offering_get_for_facilitator, session_get_for_facilitator
from programs.zones import offering_today

from . import selectors
from .forms import SessionAttendanceForm
from .services import (
    CHECK_IN_VALID_FOR,
    AttendanceRefused,
    attendance_check_in,
    attendance_refusal,
    check_in_session,
    check_in_token_make,
    session_attendance_set,
)

REGISTER_SAVED = _(
    "Attendance at %(session)s is saved: %(marked)s marked present, "
    "%(removed)s removed."
)
CHECKED_IN = _("You are checked in to %(session)s.")
ALREADY_CHECKED_IN = _("You were already checked in to %(session)s.")


@login_required
def offering_attendance(request, pk):
    """The register of every session of an offering, one form per session."""
    offering = offering_get_for_facilitator(user=request.user, pk=pk)
    register = selectors.attendance_register(offering=offering)
    enrollments, sessions = register.enrollments, register.sessions
    if request.method == "POST":
        session = next(
            (s for s in sessions if str(s.pk) == request.POST.get("session")), None
        )
        form = (
            SessionAttendanceForm(
                request.POST, enrollments=enrollments, prefix=f"s{session.pk}"
            )
            if session
            else None
        )
        if form is not None and form.is_valid():
            try:
                marked, removed = session_attendance_set(
                    marked_by=request.user,
                    session=session,
                    present_enrollment_ids={
                        int(pk) for pk in form.cleaned_data["present"]
                    },
                )
            except AttendanceRefused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request,
                    REGISTER_SAVED
                    % {"session": session.title, "marked": marked, "removed": removed},
                )
            return redirect("attendance:register", pk=offering.pk)
    today = offering_today(offering)
    # Only what the services accept today: a register within its days, a check-in
    # code on the session's day.
    registers = [
        (
            session,
            SessionAttendanceForm(
                enrollments=enrollments,
                prefix=f"s{session.pk}",
                initial={"present": register.present.get(session.pk, [])},
            ),
            attendance_refusal(session=session, today=today),
            attendance_refusal(session=session, today=today, check_in=True) is None,
        )
        for session in sessions
    ]
    return render(
        request,
        "attendance/register.html",
        {
            "offering": offering,
            "registers": registers,
            "enrollments": enrollments,
            "is_admin": is_portal_admin(request.user),
        },
    )


@login_required
def session_check_in_code(request, pk):
    """A fresh check-in code for the session, as a QR code and a link."""
    session = session_get_for_facilitator(user=request.user, pk=pk)
    try:
        token = check_in_token_make(session=session)
    except AttendanceRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("attendance:register", pk=session.offering_id)
    url = request.build_absolute_uri(reverse("attendance:check_in", args=[token]))
    qr = segno.make(url, error="m")
    return render(
        request,
        "attendance/check_in_code.html",
        {
            "session": session,
            "url": url,
            "qr_svg": qr.svg_inline(scale=6, title=str(_("Check-in QR code"))),
            "expires_at": timezone.now() + CHECK_IN_VALID_FOR,
        },
    )


@login_required
def check_in(request, token):
    """A logged-in learner confirms presence; GET shows, POST records."""
    try:
        session = check_in_session(token=token)
        if request.method == "POST":
            _, created = attendance_check_in(learner=request.user, token=token)
            message = CHECKED_IN if created else ALREADY_CHECKED_IN
            messages.success(request, message % {"session": session.title})
            return redirect("attendance:check_in_done", pk=session.pk)
    except AttendanceRefused as refusal:
        return render(
            request, "attendance/check_in.html", {"error": refusal.message}, status=400
        )
    return render(request, "attendance/check_in.html", {"session": session})


@login_required
def check_in_done(request, pk):
    attendance = selectors.attendance_get_for_learner(user=request.user, session_pk=pk)
    return render(request, "attendance/check_in_done.html", {"attendance": attendance})
