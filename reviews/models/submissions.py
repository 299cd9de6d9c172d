import uuid

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from enrollments.models import Enrollment
from programs.models import Offering, Requirement


class IsteStandard(models.TextChoices):
    """The seven ISTE Standards for Educators an artifact can demonstrate."""

    LEARNER = "learner", _("Learner")
    LEADER = "leader", _("Leader")
    CITIZEN = "citizen", _("Citizen")
    COLLABORATOR = "collaborator", _("Collaborator")
    DESIGNER = "designer", _("Designer")
    FACILITATOR = "facilitator", _("Facilitator")
    ANALYST = "analyst", _("Analyst")


def artifact_file_path(instance, filename: str) -> str:
    """An unguessable name: the learner's file name is kept only in the database."""
    return f"submissions/{uuid.uuid4().hex}"


class Submission(models.Model):
    """A learner's answer to one requirement of the unit they are enrolled in."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.PROTECT, related_name="submissions"
    )
    requirement = models.ForeignKey(
        Requirement, on_delete=models.PROTECT, related_name="submissions"
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    # The review queue's row, kept so that one index answers it (``reviews.latest``
    # writes them in the transaction that submits or reviews): the enrollment's
    # offering (an enrollment never changes offering), the latest submitted
    # version (drafts never count; RESTRICT: it goes only with its submission),
    # when it was submitted and its review's decision ("" while it waits).
    offering = models.ForeignKey(
        Offering, on_delete=models.PROTECT, related_name="+", editable=False
    )
    latest_version = models.OneToOneField(
        "SubmissionVersion",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        editable=False,
        related_name="latest_of",
        verbose_name=_("latest submitted version"),
    )
    latest_submitted_at = models.DateTimeField(
        _("latest submitted at"), null=True, blank=True, editable=False
    )
    latest_decision = models.CharField(
        _("latest decision"), max_length=16, blank=True, editable=False
    )

    class Meta:
        ordering = ["enrollment", "requirement"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        indexes = [
            # The review queue and the facilitator's home: an offering's
            # submissions in one state, oldest first; the counts per state.
            models.Index(
                fields=[
                    "offering",
                    "latest_decision",
                    "latest_submitted_at",
                    "latest_version",
                ],
                include=["requirement"],
                condition=Q(latest_version__isnull=False),
                name="submission_queue",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    latest_version__isnull=True, latest_submitted_at__isnull=True
                )
                | Q(latest_version__isnull=False, latest_submitted_at__isnull=False),
                name="submission_latest_has_date",
                violation_error_message=_(
                    "The latest submitted version comes with its date."
                ),
            ),
            models.UniqueConstraint(
                fields=["enrollment", "requirement"],
                name="submission_once_per_requirement",
                violation_error_message=_("This requirement already has a submission."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment.learner}: {self.requirement}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:review", kwargs={"pk": self.pk})


class SubmissionVersionQuerySet(models.QuerySet):
    def latest_submitted(self) -> "SubmissionVersionQuerySet":
        """Each submission's latest submitted version: the one its state, the
        review queue and peers read (drafts never count), as its submission
        stores it (``Submission.latest_version``)."""
        return self.filter(submission__latest_version=F("pk"))


class SubmissionVersion(models.Model):
    """One version of a submission: a draft until submitted, then never changed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    text = models.TextField(_("text"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    objects = SubmissionVersionQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "number"]
        verbose_name = _("submission version")
        verbose_name_plural = _("submission versions")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"],
                name="submission_version_number_unique",
                violation_error_message=_("This version number already exists."),
            ),
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(status="draft"),
                name="submission_one_draft",
                violation_error_message=_("A submission has at most one draft."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="submission_version_number_positive",
                violation_error_message=_("Versions are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft", submitted_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False),
                name="submission_version_submitted_has_date",
                violation_error_message=_(
                    "A submitted version has its date; a draft has none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission} · v{self.number} ({self.get_status_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Artifact(models.Model):
    """A file, link or text of a version; in a portfolio, with reflection and standards.

    Files are immutable: a revision copies the row and shares the stored file.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(
        SubmissionVersion, on_delete=models.CASCADE, related_name="artifacts"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=artifact_file_path, max_length=200, blank=True
    )
    file_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    standards = models.JSONField(
        _("ISTE Standards for Educators demonstrated"), default=list, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    # Set when the provider's retention policy deleted the stored file: the row,
    # its name and size stay as the record of what was submitted.
    file_deleted_at = models.DateTimeField(_("file deleted at"), null=True, blank=True)

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("artifact")
        verbose_name_plural = _("artifacts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link="") | ~Q(text=""),
                name="artifact_has_content",
                violation_error_message=_("An artifact is a file, a link or a text."),
            ),
            models.CheckConstraint(
                condition=Q(file_deleted_at__isnull=True) | ~Q(file=""),
                name="artifact_only_a_file_is_deleted",
                violation_error_message=_(
                    "Only an artifact with a file has one deleted."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:artifact_file", kwargs={"uuid": self.uuid})

    @property
    def file_available(self) -> bool:
        return bool(self.file) and self.file_deleted_at is None

    @property
    def standard_labels(self) -> list[str]:
        labels = dict(IsteStandard.choices)
        return [str(labels[code]) for code in self.standards if code in labels]
