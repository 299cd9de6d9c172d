"""Whether a program is ready to publish: the checklist its admin page shows.

A program is public only once an admin publishes it, and publishing is refused
while an item is missing: a learner could otherwise enroll in something that
can never be completed or certified. It lives in certificates because the
outputs (what an award produces) are certificates' own.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from programs.models import CredentialProgram, Offering, Unit

from ..models import OutputSpec


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    missing: list[str] = field(default_factory=list)

    @property
    def is_done(self) -> bool:
        return not self.missing


def _units(program: CredentialProgram) -> list[Unit]:
    return list(
        program.units.order_by("position", "title").prefetch_related(
            Prefetch(
                "offerings",
                queryset=Offering.objects.prefetch_related("facilitators"),
            ),
            "completion_rules",
        )
    )


def _offering_ready(offering: Offering) -> bool:
    return offering.start_date is not None and bool(offering.facilitators.all())


def _offerings_missing(units: list[Unit]) -> list[str]:
    """A dated unit needs a run with dates and a facilitator; an open-enrollment
    (asynchronous) unit needs a run."""
    missing = []
    for unit in units:
        offerings = list(unit.offerings.all())
        if not offerings:
            missing.append(_("%(unit)s has no offering") % {"unit": unit})
        elif unit.delivery != Unit.Delivery.ASYNCHRONOUS and not any(
            _offering_ready(o) for o in offerings
        ):
            missing.append(
                _("%(unit)s has no offering with dates and a facilitator")
                % {"unit": unit}
            )
    return missing


def program_checklist(*, program: CredentialProgram) -> list[ChecklistItem]:
    """What the program needs before it is published, item by item, each with
    what is missing (empty when done). A program not yet saved has nothing."""
    if program.pk is None:
        return [ChecklistItem(_("Units"), [_("save the program first")])]
    units = _units(program)
    with_outputs = set(
        OutputSpec.objects.filter(unit__in=units).values_list("unit_id", flat=True)
    )
    provider = program.provider
    return [
        ChecklistItem(
            _("Units"),
            ([] if units else [_("no unit counts toward the program")])
            + [
                _("%(unit)s is not published") % {"unit": u}
                for u in units
                if not u.is_published
            ],
        ),
        ChecklistItem(
            _("Offerings with dates and a facilitator"), _offerings_missing(units)
        ),
        ChecklistItem(
            _("A price"),
            [
                _("%(unit)s has no price") % {"unit": u}
                for u in units
                if u.price is None
            ],
        ),
        ChecklistItem(
            _("Completion rules"),
            ([] if program.completion_rules.exists() else [_("the program has none")])
            + [
                _("%(unit)s has none") % {"unit": u}
                for u in units
                if not u.completion_rules.all()
            ],
        ),
        ChecklistItem(
            _("A certificate output"),
            ([] if program.output_specs.exists() else [_("the program has none")])
            + [
                _("%(unit)s has none") % {"unit": u}
                for u in units
                if u.pk not in with_outputs
            ],
        ),
        ChecklistItem(
            _("A signatory"),
            []
            if provider.signatory_name.strip() and provider.signatory_title.strip()
            else [
                _("%(provider)s has no signatory name and title")
                % {"provider": provider}
            ],
        ),
    ]


def program_publish_missing(*, program: CredentialProgram) -> list[str]:
    """Everything the checklist still misses, one line per item."""
    return [
        f"{item.label}: {'; '.join(item.missing)}"
        for item in program_checklist(program=program)
        if not item.is_done
    ]
