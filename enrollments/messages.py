"""Messages shown when an enrollment is refused (tests assert them exactly)."""

from django.utils.translation import gettext_lazy as _

from core.refusal import Refusal


class EnrollmentRefused(Refusal):
    """The enrollment cannot be made; ``message`` says why, in the learner's words."""


NOT_OPEN_YET = _("Enrollment for %(offering)s opens on %(date)s.")
CLOSED = _("Enrollment for %(offering)s closed on %(date)s.")
ENDED = _("%(offering)s has already ended.")
FULL = _("%(offering)s is full: all %(capacity)s places are taken.")
DUPLICATE = _("You are already enrolled in %(offering)s.")
ALREADY_IN_UNIT = _("You are already enrolled in %(unit)s (%(offering)s).")
MISSING_PREREQUISITE = _("%(unit)s requires %(prerequisite)s to be completed first.")
TRACK_REQUIRED = _("Choose a track for %(unit)s: graduate credit or non-credit.")
TRACK_NOT_OFFERED = _("%(unit)s has no tracks to choose from.")
HOLDS_UNIT = _(
    "You already hold %(unit)s (completed %(date)s). Ask the programme office if "
    "you mean to take it again."
)
PARTICIPANT_HOLDS_UNIT = _(
    "%(name)s (%(email)s) already holds %(unit)s (completed %(date)s). Ask the "
    "programme office if they mean to take it again."
)
