"""The ``OpenBadgeCredential`` of an award, built from its frozen snapshot.

The document follows the Open Badges 3.0 schema (VC Data Model 2.0 shape:
``validFrom``); the learner is named only by a salted SHA-256 of their email, so a
shared credential does not publish the address. Its moments carry the portal's
local offset (``2027-02-28T23:30:00-05:00``): read as UTC (``Z``), an award earned
late in the portal's evening would show the next day. An award with a validity
states ``validUntil``: the last second of its last valid day, local.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from core import clock

from ..time_rules import snapshot_zone

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CREDENTIAL_TYPE = ["VerifiableCredential", "OpenBadgeCredential"]
# The verification URL's own answer for an award revoked before it was ever issued
# (it has no credential, so no bit in a status list): its state alone.
STATUS_TYPE = "1EdTechRevocationList"
ACHIEVEMENT_TYPES = {"unit": "Course", "program": "Certificate"}


@dataclass(frozen=True)
class Issuer:
    id: str
    name: str
    url: str


@dataclass(frozen=True)
class Evidence:
    name: str
    url: str


@dataclass(frozen=True)
class CredentialIds:
    credential: str
    achievement: str


def identity_hash(email: str, salt: str) -> str:
    """``sha256$<hex>`` of the lower-cased email followed by the salt (OB 3.0)."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def _local_iso(moment: dt.datetime, zone: dt.tzinfo) -> str:
    return clock.local_moment(moment, zone).replace(microsecond=0).isoformat()


def _end_of_day(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return clock.local_start(day + dt.timedelta(days=1), zone) - dt.timedelta(seconds=1)


def _criteria(snapshot: dict) -> str:
    results = snapshot.get("results") or {}
    if results.get("score") is not None and results.get("max_score"):
        return (
            f"Met the requirements of {snapshot['credential']} with a score of "
            f"{results['score']} of {results['max_score']}."
        )
    return f"Met every requirement of {snapshot['credential']}."


def _achievement(snapshot: dict, *, achievement_id: str, issuer: dict) -> dict:
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPES.get(
            snapshot.get("credential_type", "unit"), "Achievement"
        ),
        "name": snapshot["credential"],
        "description": snapshot.get("summary")
        or f"{snapshot['credential_kind']} awarded by {snapshot['issuer']}.",
        "criteria": {"narrative": _criteria(snapshot)},
        "creator": issuer,
    }
    if snapshot.get("clock_hours"):
        achievement["creditsAvailable"] = float(snapshot["clock_hours"])
    if snapshot.get("credential_short"):
        achievement["humanCode"] = snapshot["credential_short"]
    return achievement


def _renewal_description(snapshot: dict) -> str:
    """A renewal's two dates, for wallets: ``awardedDate`` is the renewal's."""
    return (
        f"{snapshot['credential']}: first earned {snapshot['first_earned_on']}, "
        f"renewed {snapshot['earned_on']}."
    )


def credential_build(
    *,
    snapshot: dict,
    ids: CredentialIds,
    issuer: Issuer,
    email: str,
    salt: str,
    issued_at: dt.datetime,
    status: dict,
    evidence: list[Evidence] = (),  # type: ignore[assignment]
) -> dict:
    """The unsigned credential; ``signing.credential_sign`` turns it into a VC-JWT.
    ``status`` is its ``credentialStatus`` (``status_list.status_entry``)."""
    profile = {"id": issuer.id, "type": ["Profile"], "name": issuer.name}
    if issuer.url:
        profile["url"] = issuer.url
    zone = snapshot_zone(snapshot)
    earned_on = clock.local_start(dt.date.fromisoformat(snapshot["earned_on"]), zone)
    credential = {
        "@context": CONTEXT,
        "id": ids.credential,
        "type": CREDENTIAL_TYPE,
        "name": snapshot["credential"],
        "issuer": profile,
        "validFrom": _local_iso(issued_at, zone),
        "awardedDate": _local_iso(earned_on, zone),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(email, salt),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": _achievement(
                snapshot, achievement_id=ids.achievement, issuer=profile
            ),
        },
        "credentialStatus": status,
    }
    if snapshot.get("expires_on"):
        expires_on = dt.date.fromisoformat(snapshot["expires_on"])
        credential["validUntil"] = _local_iso(_end_of_day(expires_on, zone), zone)
    if snapshot.get("first_earned_on"):
        credential["description"] = _renewal_description(snapshot)
    if evidence:
        credential["evidence"] = [
            {"id": item.url, "type": ["Evidence"], "name": item.name}
            for item in evidence
        ]
    return credential
