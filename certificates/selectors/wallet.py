"""The learner's wallet: the issued credentials they chose, with their portable
forms (Open Badges JSON-LD, VC-JWT, baked badge) and LinkedIn link."""

from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Award
from .openbadges import award_linkedin_url


@dataclass(frozen=True)
class WalletItem:
    award: Award
    linkedin_url: str


def wallet_from(awards: Iterable[Award]) -> list[WalletItem]:
    """The issued awards in the learner's wallet, in the order given (the
    learner's awards as ``awards_for`` lists them: newest first). No query: the
    LinkedIn link is built from the award's snapshot."""
    return [
        WalletItem(award=a, linkedin_url=award_linkedin_url(a))
        for a in awards
        if a.in_wallet and a.status == Award.Status.ISSUED
    ]
