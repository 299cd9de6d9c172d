"""Confirming a group order in bulk: one transaction, a fixed number of queries
per kind of row (accounts, addresses, roles, enrollments), whatever the size.

Called by the worker's job (``jobs``), never by a web request: a 5,000-person
order is too long for one. The per-person checks of ``enrollment_create`` are
made here for everyone at once, before the first write.
"""

import datetime as dt
from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User
from accounts.roles import LEARNERS
from programs.models import Offering

from .. import messages
from ..models import Enrollment, GroupOrder, Invoice, Participant, PastCompletion
from ..services.invoices import invoice_issue
from .services import (
    ALREADY_CONFIRMED,
    PARTICIPANT_REFUSED,
    OrderRefused,
    _check_participants,
    _invoice_lines,
    group_order_quote,
)

CHUNK = 500


def _refuse(participant: Participant, reason: str) -> OrderRefused:
    return OrderRefused(
        PARTICIPANT_REFUSED
        % {"name": participant.name, "email": participant.email, "reason": reason}
    )


def _existing_accounts(participants: list[Participant]) -> dict[str, User]:
    emails = [p.email for p in participants]
    users = (
        get_user_model()
        .objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
    )
    return {user.email_lower: user for user in users}


def _check_learners(offering: Offering, participants, accounts) -> None:
    """What ``enrollment_create`` refuses one by one, for every account at once:
    enrolled in another run of the unit, or missing a prerequisite. (Holding the
    unit and being enrolled here already are ``_check_participants``'.)"""
    unit = offering.unit
    ids = [user.pk for user in accounts.values()]
    current = dict(
        Enrollment.objects.filter(
            learner_id__in=ids, offering__unit=unit, status=Enrollment.Status.ACTIVE
        ).values_list("learner_id", "offering__label")
    )
    prerequisites = list(unit.prerequisites.all())
    completed = set(
        Enrollment.objects.filter(
            learner_id__in=ids,
            offering__unit__in=prerequisites,
            status=Enrollment.Status.COMPLETED,
        ).values_list("learner_id", "offering__unit_id")
    ) | set(
        PastCompletion.objects.filter(
            learner_id__in=ids, unit__in=prerequisites
        ).values_list("learner_id", "unit_id")
    )
    for participant in participants:
        user = accounts.get(participant.email)
        if user is not None and user.pk in current:
            reason = messages.ALREADY_IN_UNIT % {
                "unit": unit.title,
                "offering": current[user.pk],
            }
            raise _refuse(participant, str(reason))
        for prerequisite in prerequisites:
            if user is None or (user.pk, prerequisite.pk) not in completed:
                reason = messages.MISSING_PREREQUISITE % {
                    "unit": unit.title,
                    "prerequisite": prerequisite.title,
                }
                raise _refuse(participant, str(reason))


def _open_accounts(participants, accounts) -> None:
    """Open an account (active, no password yet, verified address, learner role)
    for each newcomer, in one insert per table."""
    user_model = get_user_model()
    newcomers = []
    for participant in participants:
        if participant.email in accounts:
            continue
        user = user_model(email=participant.email, legal_name=participant.name)
        user.set_unusable_password()
        user.clean_fields()
        newcomers.append(user)
    user_model.objects.bulk_create(newcomers, batch_size=CHUNK)
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, primary=True, verified=True)
            for user in newcomers
        ],
        batch_size=CHUNK,
    )
    learners, _ = Group.objects.get_or_create(name=LEARNERS)
    membership = user_model.groups.through
    membership.objects.bulk_create(
        [membership(user_id=user.pk, group_id=learners.pk) for user in newcomers],
        batch_size=CHUNK,
    )
    accounts.update({user.email: user for user in newcomers})


@transaction.atomic
def group_order_confirm(
    *,
    order: GroupOrder,
    today: dt.date,
    progress: Callable[[int], None] = lambda done: None,
) -> Invoice:
    """Invoice the leader and enroll every participant, or write nothing.

    The order row is locked so a second run cannot confirm it twice, then the
    offering row, as ``enrollment_create`` does, so that no one takes a place
    counted here. ``progress(n)`` is told how many are enrolled so far. No email
    is sent here: the job invites everyone after this commits.
    """
    order = (
        GroupOrder.objects.select_for_update()
        .select_related("offering__unit", "leader")
        .get(pk=order.pk)
    )
    if order.status != GroupOrder.Status.QUOTED:
        raise OrderRefused(ALREADY_CONFIRMED)
    offering = (
        Offering.objects.select_for_update()
        .select_related("unit")
        .get(pk=order.offering_id)
    )
    participants = list(order.participants.all())
    _check_participants(offering, [(p.name, p.email) for p in participants], today)
    accounts = _existing_accounts(participants)
    _check_learners(offering, participants, accounts)
    order_quote = group_order_quote(offering=offering, seats=len(participants))
    invoice = invoice_issue(
        billed_to=order.leader,
        currency=order_quote.currency,
        lines=_invoice_lines(order, order_quote),
        order=order,
    )
    _open_accounts(participants, accounts)
    for start in range(0, len(participants), CHUNK):
        chunk = participants[start : start + CHUNK]
        for participant in chunk:
            participant.learner = accounts[participant.email]
        Enrollment.objects.bulk_create(
            Enrollment(learner=p.learner, offering=offering, group_order=order)
            for p in chunk
        )
        Participant.objects.bulk_update(chunk, ["learner"])
        progress(start + len(chunk))
    order.status = GroupOrder.Status.CONFIRMED
    order.confirmed_at = timezone.now()
    order.full_clean()
    order.save(update_fields=["status", "confirmed_at"])
    return invoice
