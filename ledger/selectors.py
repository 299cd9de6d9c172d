"""Reads of the ledger: what each held certificate's renewal has gathered, and
the object lookups (another learner's certificate or evidence is a 404).

Credits earned here come from the learner's issued awards (a revoked award
drops out, a superseded one is replaced by its re-issue), with the figures their
snapshots froze at issue: the unit's CPD credits and clock hours, the run's
CEUs. Credits earned elsewhere count once verified; until then they are listed
as awaiting verification and count toward nothing.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_facilitator, is_portal_admin
from certificates.models import Award
from core.dates import format_date
from enrollments.models import Enrollment

from . import rules
from .models import (
    CreditUnit,
    HeldCertificate,
    LedgerDocument,
    OutsideCredit,
    StateCertificateType,
)

STATEMENT = _("%(held)s of %(needed)s credits, renewal due %(date)s")


def amount_text(value: Decimal) -> str:
    """3.00 -> "3", 1.50 -> "1.5": how the ledger writes an amount."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class LedgerItem:
    """One credential or outside entry inside a certificate's window."""

    title: str
    issuer: str
    earned_on: dt.date
    figures: str  # "1 CPD credits", "0.6 CEUs"
    credits: Decimal
    counted: bool
    verification_url: str = ""
    outside: OutsideCredit | None = None


@dataclass(frozen=True)
class LedgerLine:
    certificate: HeldCertificate
    window: tuple[dt.date, dt.date]
    items: Sequence[LedgerItem]

    @property
    def held(self) -> Decimal:
        return sum((i.credits for i in self.items if i.counted), Decimal(0))

    @property
    def needed(self) -> Decimal:
        return self.certificate.certificate_type.credits_needed

    @property
    def short(self) -> Decimal:
        return max(self.needed - self.held, Decimal(0))

    @property
    def statement(self) -> str:
        """ "3 of 6 credits, renewal due Jun 30, 2029"."""
        return STATEMENT % {
            "held": amount_text(self.held),
            "needed": amount_text(self.needed),
            "date": format_date(self.certificate.expires_on),
        }


def _figures(snapshot: dict) -> dict[str, Decimal]:
    found = {}
    for unit in CreditUnit.values:
        value = snapshot.get(unit)
        if value not in (None, "") and Decimal(str(value)) > 0:
            found[unit] = Decimal(str(value))
    return found


# "1 CPD credit", "2 CPD credits".
ONE = {
    CreditUnit.CPD_CREDITS: _("CPD credit"),
    CreditUnit.CLOCK_HOURS: _("clock hour"),
    CreditUnit.CEUS: _("CEU"),
}


def figure_text(amount: Decimal, unit: str) -> str:
    label = ONE[CreditUnit(unit)] if amount == 1 else CreditUnit(unit).label
    return f"{amount_text(amount)} {label}"


def _figures_text(figures: dict[str, Decimal]) -> str:
    return ", ".join(figure_text(amount, unit) for unit, amount in figures.items())


def _credits(figures: dict[str, Decimal], kind: StateCertificateType):
    """The renewal credits of these figures; None when none of them counts."""
    given = [
        rules.renewal_credits(amount, kind.per_credit[unit])
        for unit, amount in figures.items()
    ]
    counted = [value for value in given if value is not None]
    return sum(counted, Decimal(0)) if counted else None


def _line(certificate, *, awards, outside) -> LedgerLine:
    kind = certificate.certificate_type
    window = rules.renewal_window(
        expires_on=certificate.expires_on, years=kind.window_years
    )
    items = []
    for award in awards:
        figures = _figures(award.snapshot)
        credits = _credits(figures, kind)
        if credits is not None and rules.in_window(award.earned_on, window):
            items.append(
                LedgerItem(
                    title=award.credential_name,
                    issuer=award.snapshot.get("issuer", ""),
                    earned_on=award.earned_on,
                    figures=_figures_text(figures),
                    credits=credits,
                    counted=True,
                    verification_url=award.verification_url,
                )
            )
    for entry in outside:
        figures = {entry.unit: entry.amount}
        credits = _credits(figures, kind)
        if credits is not None and rules.in_window(entry.earned_on, window):
            items.append(
                LedgerItem(
                    title=entry.activity,
                    issuer=entry.provider,
                    earned_on=entry.earned_on,
                    figures=_figures_text(figures),
                    credits=credits,
                    counted=entry.is_verified,
                    outside=entry,
                )
            )
    items.sort(key=lambda item: item.earned_on)
    return LedgerLine(certificate=certificate, window=window, items=items)


def held_certificates_for(*, learner) -> QuerySet[HeldCertificate]:
    return HeldCertificate.objects.filter(learner=learner).select_related(
        "certificate_type"
    )


def outside_credits_for(*, learner) -> QuerySet[OutsideCredit]:
    return OutsideCredit.objects.filter(learner=learner).select_related("verified_by")


def ledger_lines_for(*, learner, awards: Sequence[Award] | None = None):
    """A line per held certificate, soonest expiry first: three queries, two
    when the caller has read the learner's awards already (``awards``: any of
    them; only the issued ones count), one when no certificate is held."""
    certificates = list(held_certificates_for(learner=learner))
    if not certificates:
        return []
    read = (
        awards
        if awards is not None
        else list(Award.objects.filter(learner=learner, status=Award.Status.ISSUED))
    )
    issued = sorted(
        (a for a in read if a.status == Award.Status.ISSUED),
        key=lambda award: (award.earned_on, award.pk),
    )
    outside = list(outside_credits_for(learner=learner))
    return [_line(c, awards=issued, outside=outside) for c in certificates]


def certificate_types_all() -> QuerySet[StateCertificateType]:
    return StateCertificateType.objects.all()


def held_certificate_get_for_learner(*, learner, pk: int) -> HeldCertificate:
    """The learner's own certificate; another learner's (or none) is a 404."""
    found = held_certificates_for(learner=learner).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def may_verify(*, user) -> bool:
    """Facilitators and admins verify credits earned elsewhere."""
    return is_portal_admin(user) or is_facilitator(user)


def outside_credits_for_verifier(*, user) -> QuerySet[OutsideCredit]:
    """The entries ``user`` may verify: all for an admin; for a facilitator,
    those of learners enrolled in an offering they facilitate; none otherwise."""
    entries = OutsideCredit.objects.select_related("learner", "verified_by")
    if is_portal_admin(user):
        return entries
    if not is_facilitator(user):
        return entries.none()
    learners = Enrollment.objects.filter(offering__facilitators=user).values(
        "learner_id"
    )
    return entries.filter(learner_id__in=learners)


def outside_credit_get_for_viewer(*, user, uuid) -> OutsideCredit:
    """An entry (and its evidence) for its learner and whoever may verify it;
    anyone else gets 404."""
    found = OutsideCredit.objects.filter(uuid=uuid, learner=user).first()
    if found is None:
        found = outside_credits_for_verifier(user=user).filter(uuid=uuid).first()
    if found is None:
        raise Http404
    return found


def ledger_document_for(*, learner) -> LedgerDocument | None:
    return LedgerDocument.objects.filter(learner=learner).first()
