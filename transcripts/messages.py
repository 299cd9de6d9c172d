"""What the transcript services say when they refuse; tests assert these exactly."""

from django.utils.translation import gettext_lazy as _

SHARE_ALREADY_ACTIVE = _(
    "You already have a public link. Revoke it first to create a new one."
)
SHARE_ALREADY_REVOKED = _("This link was already revoked.")
NOTHING_TO_PRINT = _(
    "Your transcript lists no credential yet: there is nothing to print."
)
QUEUE_UNREACHABLE = _("The PDF could not be requested. Please try again later.")
