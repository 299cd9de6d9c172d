"""VC-JWT signing and verification of a credential with an issuer's Ed25519 key.

Open Badges 3.0 (section 8.2): the JWT payload is the credential itself, with the
registered claims ``iss`` (issuer id), ``jti`` (credential id), ``nbf``
(``validFrom``), ``exp`` (``validUntil``, when it expires) and ``sub`` when the
subject has an id. The JOSE header names the
key (``kid``) and carries it as a JWK, so a verifier can check the signature
against the key the issuer publishes at its profile URL.
"""

import datetime as dt
import json

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm

ALGORITHM = "EdDSA"


class CredentialInvalid(Exception):
    """A token that is not a credential signed by the key it names."""


def key_generate() -> tuple[str, dict]:
    """A new Ed25519 key: its private PEM and its public JWK."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return pem, public_jwk(pem)


def public_jwk(private_pem: str) -> dict:
    private = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return json.loads(OKPAlgorithm.to_jwk(private.public_key()))


def _claims(credential: dict) -> dict:
    valid_from = dt.datetime.fromisoformat(credential["validFrom"])
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(valid_from.timestamp()),
    }
    if valid_until := credential.get("validUntil"):
        claims["exp"] = int(dt.datetime.fromisoformat(valid_until).timestamp())
    subject_id = credential["credentialSubject"].get("id")
    if subject_id:
        claims["sub"] = subject_id
    return claims


def credential_sign(credential: dict, *, private_pem: str, kid: str) -> str:
    headers = {"kid": kid, "typ": "JWT", "jwk": public_jwk(private_pem)}
    return jwt.encode(
        _claims(credential), private_pem, algorithm=ALGORITHM, headers=headers
    )


def credential_verify(token: str, *, keys: dict[str, dict]) -> dict:
    """The credential in ``token`` if one of the issuer's published ``keys`` (by
    kid) signed it; raises ``CredentialInvalid`` for a tampered or foreign token.

    The key comes from the issuer's published set, never from the token's own
    header: a forger can put any key in a header.
    """
    try:
        kid = jwt.get_unverified_header(token).get("kid")
    except jwt.PyJWTError as error:
        raise CredentialInvalid(str(error)) from error
    if kid not in keys:
        raise CredentialInvalid("The token names no key this issuer publishes.")
    public_key = OKPAlgorithm.from_jwk(json.dumps(keys[kid]))
    try:
        claims = jwt.decode(
            token, public_key, algorithms=[ALGORITHM], options={"verify_aud": False}
        )
    except jwt.PyJWTError as error:
        raise CredentialInvalid(str(error)) from error
    if claims.get("iss") != claims.get("issuer", {}).get("id"):
        raise CredentialInvalid("The token's issuer claim does not match.")
    for claim in ("iss", "jti", "nbf", "exp", "sub"):
        claims.pop(claim, None)
    return claims
