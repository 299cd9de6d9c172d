import base64
import re
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.site import absolute_url
from programs.models import CredentialProgram, Offering, Unit

from .outputs import OutputKind


def verification_code_new() -> str:
    """80 random bits as four groups of base32 letters: unguessable, easy to type."""
    letters = base64.b32encode(secrets.token_bytes(10)).decode()
    return "-".join(letters[i : i + 4] for i in range(0, 16, 4))


# The shape verification_code_new() writes: four groups of four base32 letters.
VERIFICATION_CODE_PATTERN = re.compile(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){3}")


class AwardStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ISSUED = "issued", _("Issued")
    FAILED = "failed", _("Failed")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")


# The statuses in which a learner holds the credential (the documents may follow).
HELD_STATUSES = [AwardStatus.PENDING, AwardStatus.ISSUED, AwardStatus.FAILED]
# The statuses a public verification page reports; other codes are unknown.
VERIFIABLE_STATUSES = [AwardStatus.ISSUED, AwardStatus.REVOKED, AwardStatus.SUPERSEDED]


class Award(models.Model):
    """One learner's credential: a unit completion or a program credential.

    Written as pending when its rules are met (the outbox), issued once its
    documents are rendered. ``snapshot`` freezes everything the award states.
    """

    Status = AwardStatus

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("learner"),
    )
    program = models.ForeignKey(
        CredentialProgram,
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
        verbose_name=_("program"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
        verbose_name=_("unit"),
    )
    # Only for a unit earned once per run (``Unit.earned_per_run``): the run.
    run = models.ForeignKey(
        Offering,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("run"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    verification_code = models.CharField(
        _("verification code"),
        max_length=24,
        unique=True,
        default=verification_code_new,
        editable=False,
    )
    snapshot = models.JSONField(_("snapshot"), default=dict, editable=False)
    earned_on = models.DateField(_("earned on"))
    # The last day the award is valid (earned_on plus the credential's validity,
    # frozen when written); null: it never expires. Past it, the award is expired.
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    # A renewal states when the credential was first earned; null: ``earned_on``.
    first_earned_on = models.DateField(_("first earned on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    # Set, and committed, before the email is handed to the mail server: a second
    # delivery of the email task finds it and sends nothing (exactly once).
    email_claimed_at = models.DateTimeField(
        _("email handed to the mail server at"), null=True, blank=True
    )
    # Sends the mail server refused since the email was last requested; at
    # ``MAX_EMAIL_FAILURES`` the sweep stops sending it and an admin decides.
    email_failures = models.PositiveSmallIntegerField(
        _("failed email sends"), default=0
    )
    email_error = models.TextField(
        _("last email error"),
        blank=True,
        help_text=_("Why the mail server refused the last send of the email."),
    )
    email_learner = models.BooleanField(
        _("email the learner"),
        default=True,
        help_text=_(
            "Email the documents once issued. Off for the demo's awards, which are "
            "issued by load_demo and never emailed."
        ),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revocation"), blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    share_evidence = models.BooleanField(
        _("share evidence in exported badges"),
        default=False,
        help_text=_("The learner's choice to list their linked work in the badge."),
    )
    in_wallet = models.BooleanField(
        _("in the learner's wallet"),
        default=False,
        help_text=_(
            "The learner's choice to keep this credential, with its portable "
            "downloads, in the wallet on their dashboard."
        ),
    )
    attempts = models.PositiveSmallIntegerField(_("render attempts"), default=0)
    last_error = models.TextField(
        _("last error"),
        blank=True,
        help_text=_("Why the last attempt to issue failed (the reason of a failure)."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        # The admin's change list reads awards newest first: without it, a sort
        # of every award per page (0.3 s at 50,000 awards, bench/).
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="award_newest_first"),
            # What the admin's home counts as needing an admin (pending, failed,
            # an email refused): the few such awards, not a scan of every one.
            models.Index(
                fields=["status"],
                condition=Q(status__in=["pending", "failed"]),
                name="award_not_issued_yet",
            ),
            models.Index(
                fields=["email_failures"],
                condition=Q(email_claimed_at__isnull=True, emailed_at__isnull=True),
                name="award_email_not_sent",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, unit__isnull=True)
                | Q(program__isnull=True, unit__isnull=False),
                name="award_for_a_program_or_a_unit",
                violation_error_message=_("An award is for a program or a unit."),
            ),
            models.UniqueConstraint(
                fields=["learner", "unit"],
                condition=Q(unit__isnull=False, run__isnull=True)
                & ~Q(status="superseded"),
                name="award_once_per_learner_and_unit",
                violation_error_message=_("This learner already holds this award."),
            ),
            models.UniqueConstraint(
                fields=["learner", "run"],
                condition=Q(run__isnull=False) & ~Q(status="superseded"),
                name="award_once_per_learner_and_run",
                violation_error_message=_("This learner already holds this award."),
            ),
            models.UniqueConstraint(
                fields=["learner", "program"],
                condition=Q(program__isnull=False) & ~Q(status="superseded"),
                name="award_once_per_learner_and_program",
                violation_error_message=_("This learner already holds this award."),
            ),
            models.CheckConstraint(
                condition=Q(emailed_at__isnull=True)
                | Q(email_claimed_at__isnull=False),
                name="award_emailed_was_claimed",
                violation_error_message=_(
                    "An award is emailed only after its email is claimed."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="issued") | Q(issued_at__isnull=False),
                name="award_issued_has_date",
                violation_error_message=_("An issued award needs its date."),
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked")
                | (Q(revoked_at__isnull=False) & ~Q(revoke_reason="")),
                name="award_revoked_has_date_and_reason",
                violation_error_message=_("A revocation needs its date and reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.credential_name} · {self.learner}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", kwargs={"code": self.verification_code})

    @property
    def credential_name(self) -> str:
        return self.snapshot.get("credential") or str(self.program or self.unit)

    @property
    def verification_url(self) -> str:
        return absolute_url(self.get_absolute_url())

    @property
    def renewed_by(self) -> "Award | None":
        """The award that renewed this one (earned later, stating the first-earned
        date); None when it was not superseded or only corrected by a reissue."""
        current = getattr(self, "replaced_by", None)
        if current is not None and current.earned_on > self.earned_on:
            return current
        return None


def document_path(document: "AwardDocument", filename: str) -> str:
    return f"certificates/{document.award.uuid}/{filename}"


class AwardDocument(models.Model):
    """One rendered output of an award; kept when the award is superseded."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=24, choices=OutputKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, max_length=255)
    size_bytes = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["award", "id"]
        verbose_name = _("award document")
        verbose_name_plural = _("award documents")
        constraints = [
            models.UniqueConstraint(
                fields=["award", "kind"],
                name="award_document_once_per_kind",
                violation_error_message=_("This award already has such a document."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.award.credential_name})"

    @property
    def filename(self) -> str:
        return f"{self.kind.replace('_', '-')}.pdf"


class AwardEvent(models.Model):
    """Append-only history of an award, written in the transaction of the change."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ENQUEUE_FAILED = "enqueue_failed", _("Could not reach the task queue")
        ISSUED = "issued", _("Issued")
        RENDER_FAILED = "render_failed", _("Rendering failed")
        EMAILED = "emailed", _("Emailed")
        EMAIL_FAILED = "email_failed", _("Email failed")
        EMAIL_REQUESTED = "email_requested", _("Email requested again")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded by a reissue")
        RERENDERED = "rerendered", _("Documents re-rendered")
        RENEWED = "renewed", _("Renewed (superseded by the renewal)")

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("award event")
        verbose_name_plural = _("award events")

    def __str__(self) -> str:
        return f"{self.award_id}: {self.get_kind_display()}"
