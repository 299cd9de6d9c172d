"""The learner's wallet: which of their credentials they keep at hand, audited."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.services import audit_event_record
from core.refusal import Refusal

from ..models import Award

WALLET_ONLY_ISSUED = _("Only an issued credential can go in your wallet.")


@transaction.atomic
def award_wallet_set(*, award: Award, in_wallet: bool, actor) -> Award:
    """Add the award to its learner's wallet or take it out. Idempotent: asking
    for the state it is in writes nothing. Only issued awards go in."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if in_wallet and award.status != Award.Status.ISSUED:
        raise Refusal(WALLET_ONLY_ISSUED)
    if award.in_wallet == in_wallet:
        return award
    award.in_wallet = in_wallet
    award.save(update_fields=["in_wallet"])
    audit_event_record(
        actor=actor,
        action=(
            AuditEvent.Action.WALLET_ADDED
            if in_wallet
            else AuditEvent.Action.WALLET_REMOVED
        ),
        target=award,
        learner=award.learner,
        summary=f"{award.credential_name}: "
        + ("added to the wallet" if in_wallet else "removed from the wallet"),
        before={"in_wallet": not in_wallet},
        after={"in_wallet": in_wallet},
    )
    return award
