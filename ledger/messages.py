"""What the ledger says when it refuses; tests assert these exactly."""

from django.utils.translation import gettext_lazy as _

EXPIRED = _(
    "This certificate expired on %(date)s: record the certificate you hold now, "
    "with its new expiry date."
)
ALREADY_RECORDED = _("You already recorded this certificate.")
EARNED_IN_FUTURE = _(
    "%(date)s has not come yet: add credits once you have earned them."
)
AMOUNT_NOT_POSITIVE = _("The amount must be more than 0.")
UNIT_NOT_COUNTED = _("That unit is not one the ledger counts.")
ALREADY_VERIFIED = _("This entry was already verified.")
NOTHING_TO_PRINT = _(
    "Record a state certificate first: the PDF summarises each one's renewal."
)
QUEUE_UNREACHABLE = _("The PDF could not be requested. Please try again later.")
REMINDER_SUBJECT = _("Renewal of your %(certificate)s: %(held)s of %(needed)s credits")
