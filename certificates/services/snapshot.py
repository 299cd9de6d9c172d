"""The frozen snapshot of what an award states, taken when it is requested.

Later edits to the learner's profile, the catalogue or a template never change an
award: its documents are rendered from this snapshot only.
"""

import datetime as dt
from decimal import Decimal

from programs.models import CredentialProgram, Unit

from ..output_rules import OutputChoice, outputs_for

TEMPLATE_VERSION = 1


def _output_choices(owner: Unit | CredentialProgram) -> list[OutputChoice]:
    return [
        OutputChoice(kind=spec.kind, title=spec.title, condition=spec.condition)
        for spec in owner.output_specs.all()
    ]


def award_snapshot(
    *,
    learner,
    unit: Unit | None = None,
    program: CredentialProgram | None = None,
    earned_on: dt.date,
    expires_on: dt.date | None = None,
    track: str = "",
    offering: str = "",
    ceus: Decimal | None = None,
    results: dict | None = None,
) -> dict:
    """What the award states, frozen. ``ceus`` are those of the run it certifies
    (an event's offering); hours and CPD credits are the unit's. ``expires_on``:
    the last day it is valid (``certificates.validity``), None if it never expires."""
    owner = unit or program
    if owner is None:
        raise ValueError("An award is for a unit or a program.")
    provider = owner.provider
    documents = outputs_for(
        _output_choices(owner),
        track=track,
        maryland_certified=learner.maryland_certified,
    )
    return {
        "name": learner.display_name,
        "credential": owner.title if isinstance(owner, Unit) else owner.name,
        "credential_short": owner.short_name,
        "credential_type": "unit" if unit else "program",
        "kind": owner.kind,
        "credential_kind": str(owner.get_kind_display()),
        "issuer": provider.name,
        "issuer_short": provider.short_name,
        "issuer_website": provider.website,
        "delivery_partner": provider.delivery_partner,
        "signatory_name": provider.signatory_name,
        "signatory_title": provider.signatory_title,
        "earned_on": earned_on.isoformat(),
        "expires_on": expires_on.isoformat() if expires_on else None,
        "time_zone": provider.time_zone,
        "weeks": unit.weeks if unit else None,
        "estimated_hours": unit.estimated_hours if unit else None,
        "clock_hours": unit.clock_hours if unit else None,
        "cpd_credits": (
            f"{unit.cpd_credits:f}" if unit and unit.cpd_credits is not None else None
        ),
        "ceus": f"{ceus:f}" if ceus is not None else None,
        "track": track,
        "offering": offering,
        "results": results or {},
        "documents": [{"kind": d.kind, "title": d.title} for d in documents],
        "template_version": TEMPLATE_VERSION,
    }
