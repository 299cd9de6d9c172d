"""Which configured outputs a learner's award produces (pure)."""

from dataclasses import dataclass

ALWAYS = "always"
NON_CREDIT_TRACK = "non_credit"
MARYLAND_CERTIFIED = "maryland"


@dataclass(frozen=True)
class OutputChoice:
    kind: str
    title: str
    condition: str = ALWAYS


def outputs_for(
    specs: list[OutputChoice], *, track: str, maryland_certified: bool
) -> list[OutputChoice]:
    """The outputs whose condition holds for this learner and enrollment track."""
    holds = {
        ALWAYS: True,
        NON_CREDIT_TRACK: track == "non_credit",
        MARYLAND_CERTIFIED: maryland_certified,
    }
    return [spec for spec in specs if holds.get(spec.condition, False)]
