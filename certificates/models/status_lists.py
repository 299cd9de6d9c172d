from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programs.models import Provider

from ..openbadges.status_list import LIST_SIZE
from .awards import Award


class StatusList(models.Model):
    """A provider's published revocation list (W3C Bitstring Status List).

    The row is the counter its indexes are allocated from (locked while one is
    taken, so none is given twice) and holds the signed list the public URL
    serves. ``needs_signing``: a bit changed (or the list is new) since the
    stored token was signed; the worker re-signs it.
    """

    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        related_name="status_lists",
        verbose_name=_("provider"),
    )
    # A provider's lists are numbered from 1; a full list is followed by the next.
    number = models.PositiveIntegerField(_("number"), default=1)
    next_index = models.PositiveIntegerField(_("next free index"), default=0)
    token = models.TextField(_("signed list (VC-JWT)"), blank=True, editable=False)
    etag = models.CharField(_("ETag"), max_length=80, blank=True, editable=False)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    needs_signing = models.BooleanField(_("needs signing"), default=True)

    class Meta:
        ordering = ["provider", "number"]
        verbose_name = _("revocation status list")
        verbose_name_plural = _("revocation status lists")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "number"],
                name="status_list_number_once_per_provider",
                violation_error_message=_("The provider already has this list."),
            ),
            models.CheckConstraint(
                condition=Q(next_index__lte=LIST_SIZE),
                name="status_list_within_size",
                violation_error_message=_("A status list holds 131,072 entries."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider.short_name} revocation list {self.number}"


class StatusListEntry(models.Model):
    """An award's bit in its provider's list: given when the award is issued,
    never given again (a superseded award keeps its own)."""

    status_list = models.ForeignKey(
        StatusList,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("status list"),
    )
    index = models.PositiveIntegerField(_("index"))
    award = models.OneToOneField(
        Award,
        on_delete=models.PROTECT,
        related_name="status_entry",
        verbose_name=_("award"),
    )

    class Meta:
        ordering = ["status_list", "index"]
        verbose_name = _("status list entry")
        verbose_name_plural = _("status list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["status_list", "index"],
                name="status_list_index_never_reused",
                violation_error_message=_("This index is already given."),
            ),
            models.CheckConstraint(
                condition=Q(index__lt=LIST_SIZE),
                name="status_list_entry_within_size",
                violation_error_message=_("A status list holds 131,072 entries."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status_list} #{self.index}"
