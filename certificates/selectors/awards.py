"""Reads of awards: a learner's list, a permission-checked document, a public code."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.roles import is_portal_admin

from ..models import Award, AwardDocument
from ..models.awards import VERIFIABLE_STATUSES, VERIFICATION_CODE_PATTERN
from ..retries import MAX_EMAIL_FAILURES

# An email the mail server refused until the sweep stopped sending it (and no
# later send is under way): an admin decides what to do.
EMAIL_FAILED = Q(
    email_failures__gte=MAX_EMAIL_FAILURES,
    email_claimed_at__isnull=True,
    emailed_at__isnull=True,
)

# What a learner sees in their list: everything but the records replaced by a
# corrected reissue.
LISTED_STATUSES = [
    Award.Status.PENDING,
    Award.Status.ISSUED,
    Award.Status.FAILED,
    Award.Status.REVOKED,
]


def awards_for(*, learner) -> QuerySet[Award]:
    """The learner's awards with their documents, newest first (two queries)."""
    return (
        Award.objects.filter(learner=learner, status__in=LISTED_STATUSES)
        .prefetch_related(
            Prefetch("documents", queryset=AwardDocument.objects.order_by("id"))
        )
        .order_by("-earned_on", "-id")
    )


def award_document_get_for_user(*, user, award_uuid, kind: str) -> AwardDocument:
    """The document if ``user`` is its learner or a portal admin; else 404."""
    document = (
        AwardDocument.objects.select_related("award")
        .filter(award__uuid=award_uuid, kind=kind)
        .first()
    )
    if document is None:
        raise Http404
    if document.award.learner_id != user.pk and not is_portal_admin(user):
        raise Http404
    return document


def normalize_code(code: str) -> str | None:
    """The code as stored, or None when it cannot be one (wrong shape, NUL bytes,
    overlong): such a code is unknown without asking the database."""
    code = code.strip().upper().replace(" ", "")
    return code if VERIFICATION_CODE_PATTERN.fullmatch(code) else None


def award_get_for_verification(*, code: str) -> Award | None:
    """The award a public code names, if it was ever issued; None for any other
    code (malformed, unknown, forged, or an award still pending)."""
    normalized = normalize_code(code)
    if normalized is None:
        return None
    return (
        Award.objects.filter(
            verification_code=normalized, status__in=VERIFIABLE_STATUSES
        )
        .select_related("replaced_by")
        .first()
    )


def awards_needing_attention() -> dict[str, int]:
    """How many awards wait to be issued (``pending``), failed to render
    (``failed``) or have an email the mail server refused (``email_failed``), in
    one query over the few such awards (partial indexes)."""
    needing = Q(status__in=[Award.Status.PENDING, Award.Status.FAILED]) | EMAIL_FAILED
    return Award.objects.filter(needing).aggregate(
        pending=Count("pk", filter=Q(status=Award.Status.PENDING)),
        failed=Count("pk", filter=Q(status=Award.Status.FAILED)),
        email_failed=Count("pk", filter=EMAIL_FAILED),
    )
