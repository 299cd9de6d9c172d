"""The learner's wallet: the issued credentials they chose, with their portable
forms (Open Badges JSON-LD, VC-JWT, baked badge) and LinkedIn link; those past
their last valid day are listed apart, as expired."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Award
from .openbadges import award_linkedin_url
from .validity import award_is_expired


@dataclass(frozen=True)
class WalletItem:
    award: Award
    linkedin_url: str


@dataclass(frozen=True)
class Wallet:
    current: list[WalletItem]
    expired: list[WalletItem]

    def __bool__(self) -> bool:
        return bool(self.current or self.expired)


def wallet_from(awards: Iterable[Award], *, today: dt.date) -> Wallet:
    """The issued awards in the learner's wallet, in the order given (the
    learner's awards as ``awards_for`` lists them: newest first), current ones
    apart from expired ones. No query: the LinkedIn link is built from the
    award's snapshot."""
    items = [
        WalletItem(award=a, linkedin_url=award_linkedin_url(a))
        for a in awards
        if a.in_wallet and a.status == Award.Status.ISSUED
    ]
    return Wallet(
        current=[i for i in items if not award_is_expired(i.award, today=today)],
        expired=[i for i in items if award_is_expired(i.award, today=today)],
    )
