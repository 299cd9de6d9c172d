"""Open Badges 3.0 exports of awards, signed with their issuer's key.

A provider's first export creates its Ed25519 key (the provider's row is locked
so that two first exports at once make one key). Ed25519 signatures are
deterministic: the same award exported twice gives the same token.
"""

import secrets
from dataclasses import dataclass

from django.db import transaction

from programs.models import Provider

from ..models import Award, IssuerKey
from ..openbadges.baking import badge_svg
from ..openbadges.signing import credential_sign, key_generate
from ..selectors.openbadges import award_credential, award_provider, issuer_for

EXPORTABLE_STATUSES = [Award.Status.ISSUED]


@dataclass(frozen=True)
class BadgeExport:
    credential: dict
    token: str
    svg: str


@transaction.atomic
def issuer_key_active(*, provider: Provider) -> IssuerKey:
    """The provider's active signing key, created on first use."""
    Provider.objects.select_for_update().filter(pk=provider.pk).first()
    key = provider.issuer_keys.filter(retired_at__isnull=True).first()
    if key is not None:
        return key
    pem, jwk = key_generate()
    kid = f"{provider.slug}-{secrets.token_hex(6)}"
    return IssuerKey.objects.create(
        provider=provider, kid=kid, private_pem=pem, public_jwk={**jwk, "kid": kid}
    )


def award_badge_export(*, award: Award) -> BadgeExport:
    """The credential, its VC-JWT and the baked badge of an issued award."""
    provider = award_provider(award)
    key = issuer_key_active(provider=provider)
    credential = award_credential(award=award, issuer=issuer_for(provider))
    token = credential_sign(credential, private_pem=key.private_pem, kid=key.kid)
    svg = badge_svg(title=credential["name"], issuer=provider.name, token=token)
    return BadgeExport(credential=credential, token=token, svg=svg)


@transaction.atomic
def award_evidence_share(*, award: Award, share: bool) -> Award:
    """The learner's choice to list their linked work as evidence in exports."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    award.share_evidence = share
    award.save(update_fields=["share_evidence"])
    return award
