"""The learner's wallet: the issued credentials they chose, with their portable
forms (Open Badges JSON-LD, VC-JWT, baked badge) and LinkedIn link."""

from dataclasses import dataclass

from ..models import Award
from .openbadges import award_linkedin_url


@dataclass(frozen=True)
class WalletItem:
    award: Award
    linkedin_url: str


def wallet_for(*, learner) -> list[WalletItem]:
    """Issued awards in the learner's wallet, newest first. One query: the
    LinkedIn link is built from the award's snapshot."""
    awards = Award.objects.filter(
        learner=learner, in_wallet=True, status=Award.Status.ISSUED
    ).order_by("-earned_on", "-id")
    return [WalletItem(award=a, linkedin_url=award_linkedin_url(a)) for a in awards]
