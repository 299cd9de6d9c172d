from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock


class EmailUserManager(UserManager):
    """Users are identified by email; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person using the portal: learner, facilitator or admin (by group)."""

    class ProfessionalRole(models.TextChoices):
        TEACHER = "teacher", _("Teacher")
        INSTRUCTIONAL_COACH = "coach", _("Instructional coach")
        PRINCIPAL = "principal", _("Principal or school leader")
        DISTRICT_LEADER = "district_leader", _("District leader")
        HIGHER_ED = "higher_ed", _("Higher-education faculty")
        OTHER = "other", _("Other")

    username = None
    email = models.EmailField(_("email address"), unique=True)
    legal_name = models.CharField(
        _("legal name"),
        max_length=200,
        blank=True,
        help_text=_("Your name exactly as it must appear on certificates."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    professional_role = models.CharField(
        _("role"), max_length=32, choices=ProfessionalRole.choices, blank=True
    )
    maryland_certified = models.BooleanField(
        _("in Maryland or Maryland certified"),
        default=False,
        help_text=_(
            "Decides whether an MSDE CPD Completion for Credit Form is produced."
        ),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        default="",
        db_default="",  # rows written outside the ORM (the bench's COPY) too
        validators=[clock.validate_zone_name],
        help_text=_(
            "The zone pages and the admin show times in for this person (set it to "
            "their provider's, e.g. America/Los_Angeles). Empty: the portal's."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.legal_name or self.get_full_name() or self.email
