"""Renewing an award: a new award that supersedes the old one, when the learner
meets its credential's renewal rules inside the renewal window.

Evaluated where progress is (``progress_evaluate``, the progress sweep and an
admin's "Evaluate now" all end here): one path.
"""

import datetime as dt

from django.db import transaction

from ..enqueue import award_issue_on_commit
from ..models import Award, AwardEvent
from ..selectors.renewal import renewal_cases
from .awards import _decimal, _lock_learner, award_valid_until
from .snapshot import award_snapshot


@transaction.atomic
def learner_renewals_evaluate(*, learner_id: int, today: dt.date) -> list[Award]:
    """Renew each of the learner's awards whose renewal rules are met ``today``
    inside their window; return the renewals written (pending, issued by the
    worker like any award). Idempotent: a renewed award is superseded, so a
    second evaluation finds nothing left to renew."""
    _lock_learner(learner_id)
    renewed = []
    for case in renewal_cases(learner_id=learner_id, today=today):
        if case.evaluation.is_due:
            progress = "; ".join(r.progress for r in case.evaluation.results)
            award = award_renew(award=case.award, today=today, reason=progress)
            if award is not None:
                renewed.append(award)
    return renewed


@transaction.atomic
def award_renew(*, award: Award, today: dt.date, reason: str) -> Award | None:
    """Supersede the issued ``award`` with its renewal earned ``today``; None when
    it is no longer issued (another evaluation renewed it first).

    The old award, its code and documents are kept: its page says it was renewed
    and links the renewal. The renewal states when the credential was first
    earned (``first_earned_on``, in its snapshot too), expires anew and stays in
    the learner's wallet (and shares evidence) if the old one did.
    """
    old = Award.objects.select_for_update().get(pk=award.pk)
    if old.status != Award.Status.ISSUED:
        return None
    old.status = Award.Status.SUPERSEDED
    old.save(update_fields=["status"])
    first_earned_on = old.first_earned_on or old.earned_on
    expires_on = award_valid_until(unit=old.unit, program=old.program, earned_on=today)
    snapshot = award_snapshot(
        learner=old.learner,
        unit=old.unit,
        program=old.program,
        earned_on=today,
        track=old.snapshot.get("track", ""),
        offering=old.snapshot.get("offering", ""),
        ceus=_decimal(old.snapshot.get("ceus")),
        results=old.snapshot.get("results"),
        expires_on=expires_on,
    )
    snapshot["first_earned_on"] = first_earned_on.isoformat()
    new = Award(
        learner=old.learner,
        unit=old.unit,
        program=old.program,
        run=old.run,
        earned_on=today,
        first_earned_on=first_earned_on,
        expires_on=expires_on,
        replaces=old,
        snapshot=snapshot,
        # The learner's choices for this credential carry over to its renewal.
        in_wallet=old.in_wallet,
        share_evidence=old.share_evidence,
    )
    new.full_clean()
    new.save()
    AwardEvent.objects.create(
        award=old,
        kind=AwardEvent.Kind.RENEWED,
        detail={"by": new.pk, "on": today.isoformat(), "reason": reason},
    )
    AwardEvent.objects.create(
        award=new,
        kind=AwardEvent.Kind.REQUESTED,
        detail={"renews": old.pk, "first_earned_on": first_earned_on.isoformat()},
    )
    award_issue_on_commit(new.pk)
    return new
