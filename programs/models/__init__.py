"""The catalogue: who awards what, what a learner enrolls in, and its rules."""

from .catalog import CredentialProgram, Provider, Unit
from .completion_rules import CompletionRule, RuleKind
from .offerings import Offering, Session
from .pricing import GroupTier
from .renewal_rules import CreditMeasure, RenewalKind, RenewalRule
from .requirements import Requirement, RubricCriterion

__all__ = [
    "CompletionRule",
    "CredentialProgram",
    "CreditMeasure",
    "GroupTier",
    "Offering",
    "Provider",
    "RenewalKind",
    "RenewalRule",
    "Requirement",
    "RubricCriterion",
    "RuleKind",
    "Session",
    "Unit",
]
