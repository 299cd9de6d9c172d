"""Words the completion engine and the award pages show (tests assert them exactly)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MORE_UNITS = {
    "workshop": ngettext_lazy("%(n)s more workshop", "%(n)s more workshops", "n"),
    "module": ngettext_lazy("%(n)s more module", "%(n)s more modules", "n"),
    "course": ngettext_lazy("%(n)s more course", "%(n)s more courses", "n"),
    "micro_credential": ngettext_lazy(
        "%(n)s more micro-credential", "%(n)s more micro-credentials", "n"
    ),
    "event": ngettext_lazy("%(n)s more event", "%(n)s more events", "n"),
    "": ngettext_lazy("%(n)s more unit", "%(n)s more units", "n"),
}
NO_UNITS = _("no units are configured for this rule")
NOT_SUBMITTED = _("%(requirement)s not submitted yet")
NOT_SCORED = _("%(requirement)s not scored yet")
SCORE_BELOW = _("%(requirement)s scored %(score)s/%(out_of)s, %(needed)s needed")
AWAITING_REVIEW = _("%(requirement)s submitted, waiting for review")
NOT_MET = _("%(requirement)s was Not Met: revise and resubmit")
PIECE_NOT_DONE = _("%(requirement)s not done")
PIECE_UPCOMING = _("%(requirement)s: upcoming")
DUE_BY = _("%(requirement)s due by %(date)s")
DEADLINE_PASSED = _("%(requirement)s was due on %(date)s")
SUBMITTED_LATE = _("%(requirement)s was submitted after its deadline (%(date)s)")
PREREQUISITES_MISSING = _("complete %(units)s first")
RENEWAL_CREDITS = _("%(done)s of %(needed)s %(measure)s since %(date)s")
RENEWAL_REQUIREMENT_MET = _("%(requirement)s reviewed Met")

REVOKE_NOT_ALLOWED = _("Only a pending, issued or failed award can be revoked.")
REVOKE_REASON_REQUIRED = _("Give the reason for the revocation.")
REISSUE_NOT_ALLOWED = _("Only an issued award can be re-issued.")
RETRY_NOT_ALLOWED = _("Only a failed award can be retried.")
EMAIL_AGAIN_NOT_ALLOWED = _(
    "Only an issued award whose email was never confirmed can be emailed again."
)
