"""Before an admin saves a changed, new or deleted completion rule, or a new
pass mark of a requirement that score rules read: who it would reach.

The credential's rules are evaluated twice over the same facts, as they stand and
with the proposed rule in place of the saved one, by the same pure evaluators
that issue awards. Awards already issued are never taken back by a rule change:
a learner who holds the award and would no longer qualify keeps it.
"""

import copy
import datetime as dt
from dataclasses import dataclass, replace

from django.contrib.auth import get_user_model

from enrollments.models import Enrollment, PastCompletion
from programs.models import (
    CompletionRule,
    CredentialProgram,
    Requirement,
    RuleKind,
    Unit,
)

from ..evaluators import Rule, evaluate
from .facts import (
    credentials_with_rules,
    learners_facts,
    programs_for_rules,
    rule_value,
    units_for_rules,
)


@dataclass(frozen=True)
class RuleChangePreview:
    """What saving ``proposed`` instead of ``current`` would change."""

    credential: Unit | CredentialProgram
    current: str  # the rule as it reads now ("" for a rule being added)
    proposed: str  # the rule as it would read ("" for a rule being deleted)
    newly_qualifying: list  # learners who would meet every rule and hold no award
    losing: list  # learners who meet every rule now and would not
    losing_holders: set[int]  # of ``losing``, those who hold the award (kept)
    learners_compared: int

    @property
    def changes_anyone(self) -> bool:
        return bool(self.newly_qualifying or self.losing)


def _owner(rule: CompletionRule) -> Unit | CredentialProgram:
    """The rule's program or unit, loaded as the evaluators need it."""
    if rule.program_id:
        return programs_for_rules([rule.program_id])[0]
    return units_for_rules([rule.unit_id])[0]  # type: ignore[list-item]


def _learners_touching(unit_ids: set[int]) -> set[int]:
    """Learners enrolled (not withdrawn) in, or with a past completion of, any of
    the units: the only ones whose result a rule of these units can change."""
    enrolled = (
        Enrollment.objects.filter(offering__unit_id__in=unit_ids)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .values_list("learner_id", flat=True)
    )
    past = PastCompletion.objects.filter(unit_id__in=unit_ids).values_list(
        "learner_id", flat=True
    )
    return set(enrolled) | set(past)


def _units_read(owner: Unit | CredentialProgram, rules: list[Rule]) -> set[int]:
    unit_ids = {unit.id for rule in rules for unit in rule.units}
    unit_ids |= {r.unit_id for rule in rules for r in rule.requirements}
    if isinstance(owner, Unit):
        unit_ids.add(owner.pk)
    else:
        unit_ids |= {unit.pk for unit in owner.units.all()}
    return unit_ids


def _saved_rules(rule: CompletionRule):
    """The rule's owner, its credential with the saved rules, and their ids in
    the credential's order."""
    owner = _owner(rule)
    is_unit = isinstance(owner, Unit)
    [credential] = credentials_with_rules(
        units=[owner] if is_unit else [],  # type: ignore[list-item]
        programs=[] if is_unit else [owner],  # type: ignore[list-item]
    )
    ids = list(
        CompletionRule.objects.filter(**{"unit" if is_unit else "program": owner})
        .order_by("id")
        .values_list("pk", flat=True)
    )
    if is_unit:
        rule.unit = owner  # type: ignore[assignment]
    else:
        rule.program = owner  # type: ignore[assignment]
    return owner, credential, ids


def rule_change_preview(
    *, rule: CompletionRule, units: list[Unit], today: dt.date
) -> RuleChangePreview:
    """Compare the credential of ``rule`` (a saved rule carrying unsaved changes,
    its set of units given as ``units``) as saved and as proposed, over every
    learner it could concern, in a fixed number of queries however many."""
    owner, credential, ids = _saved_rules(rule)
    position = ids.index(rule.pk)
    proposed_rules = list(credential.rules)
    proposed_rules[position] = rule_value(rule, owner, units=units)
    return _compared(
        owner,
        credential,
        proposed_rules,
        current=credential.rules[position].description,
        proposed=proposed_rules[position].description,
        today=today,
    )


def rule_addition_preview(
    *, rule: CompletionRule, units: list[Unit], today: dt.date
) -> RuleChangePreview:
    """As ``rule_change_preview`` for a rule not saved yet (``current`` empty):
    the credential's rules and this one besides."""
    owner, credential, _ = _saved_rules(rule)
    added = rule_value(rule, owner, units=units)
    return _compared(
        owner,
        credential,
        [*credential.rules, added],
        current="",
        proposed=added.description,
        today=today,
    )


def rule_deletion_preview(*, rule: CompletionRule, today: dt.date) -> RuleChangePreview:
    """As ``rule_change_preview`` for deleting a saved rule (``proposed`` empty).
    A credential left without rules is never complete, so deleting its last
    rule makes nobody qualify."""
    owner, credential, ids = _saved_rules(rule)
    position = ids.index(rule.pk)
    return _compared(
        owner,
        credential,
        [r for index, r in enumerate(credential.rules) if index != position],
        current=credential.rules[position].description,
        proposed="",
        today=today,
    )


def _with_pass_mark(rule: Rule, requirement_id: int, pass_score: int | None) -> Rule:
    return replace(
        rule,
        requirements=tuple(
            replace(r, pass_score=pass_score) if r.id == requirement_id else r
            for r in rule.requirements
        ),
    )


def pass_mark_change_previews(
    *, requirement: Requirement, pass_score: int | None, today: dt.date
) -> list[tuple[CompletionRule, RuleChangePreview]]:
    """Each score rule reading ``requirement``'s pass mark (``programs.pass_mark``),
    with what giving the requirement ``pass_score`` would change for its
    credential: the same comparison as ``rule_change_preview``."""
    previews = []
    rules = CompletionRule.objects.filter(
        kind=RuleKind.MIN_SCORE, requirement=requirement
    ).order_by("pk")
    for rule in rules:
        owner, credential, ids = _saved_rules(rule)
        position = ids.index(rule.pk)
        proposed_rules = [
            _with_pass_mark(r, requirement.pk, pass_score) for r in credential.rules
        ]
        proposed = copy.copy(rule)
        proposed.requirement = copy.copy(requirement)
        proposed.requirement.pass_score = pass_score
        preview = _compared(
            owner,
            credential,
            proposed_rules,
            current=credential.rules[position].description,
            proposed=str(proposed.describe()),
            today=today,
        )
        previews.append((rule, preview))
    return previews


def _compared(
    owner, credential, proposed_rules: list[Rule], *, current, proposed, today
) -> RuleChangePreview:
    is_unit = isinstance(owner, Unit)
    learner_ids = _learners_touching(
        _units_read(owner, [*credential.rules, *proposed_rules])
    )
    facts = learners_facts(
        learner_ids=learner_ids,
        credentials=[credential, replace(credential, rules=proposed_rules)],
        today=today,
    )
    held = {
        learner_id
        for learner_id, own in facts.items()
        if owner.pk in (own.held_unit_ids if is_unit else own.held_program_ids)
    }
    newly, losing = set(), set()
    for learner_id, own in facts.items():
        before = evaluate(credential.rules, own).is_complete
        after = evaluate(proposed_rules, own).is_complete
        if after and not before and learner_id not in held:
            newly.add(learner_id)
        elif before and not after:
            losing.add(learner_id)
    people_list = list(
        get_user_model()
        .objects.filter(pk__in=newly | losing)
        .order_by("legal_name", "email")
    )
    return RuleChangePreview(
        credential=owner,
        current=current,
        proposed=proposed,
        newly_qualifying=[p for p in people_list if p.pk in newly],
        losing=[p for p in people_list if p.pk in losing],
        losing_holders=held & losing,
        learners_compared=len(learner_ids),
    )
