"""Pure checks of a catalogue's configuration: what no learner could ever meet.

No database: callers pass the offering, its sessions and its unit's requirements
and completion rules, already read.
"""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from .models import CompletionRule, Offering, Requirement, RuleKind, Session
from .models.requirements import DONE_WITHOUT_DECISION

NO_REQUIRED_SESSIONS = _(
    "%(offering)s has no required session, so its learners can never complete "
    "“%(requirement)s” and the rule “%(rule)s” can never be met. Add the run's "
    "required sessions, or change the rule."
)


def rule_reads(rule: CompletionRule, requirement: Requirement) -> bool:
    """Whether ``rule`` needs ``requirement`` done."""
    if rule.requirement_id == requirement.pk:
        return True
    return (
        rule.kind == RuleKind.REQUIRED_PIECES
        and requirement.is_required
        and requirement.review_mode in DONE_WITHOUT_DECISION
    )


def offering_unmeetable_warnings(
    *,
    offering: Offering,
    sessions: Iterable[Session],
    requirements: Iterable[Requirement],
    rules: Iterable[CompletionRule],
) -> list[str]:
    """A sentence for each unit rule the offering, as configured, cannot let
    anyone meet: an attendance requirement in a run with no required session."""
    if any(session.is_required for session in sessions):
        return []
    rules = list(rules)
    return [
        str(
            NO_REQUIRED_SESSIONS
            % {"offering": offering, "requirement": req.title, "rule": rule.describe()}
        )
        for req in requirements
        if req.kind == Requirement.Kind.ATTENDANCE
        for rule in rules
        if rule_reads(rule, req)
    ]
