"""W3C Bitstring Status List v1.0: revocation any verifier checks offline.

Each credential names one bit (``statusListIndex``) of a list its issuer
publishes as a signed credential; the bit is 1 once the credential is revoked.
The list is a bitstring of ``LIST_SIZE`` bits, index 0 the left-most (most
significant) bit of the first byte, GZIP-compressed and written as multibase
base64url without padding (the prefix ``u``). 131,072 entries (16 KiB) is the
specification's minimum, so that a list does not reveal whom it revoked.
"""

import base64
import gzip

LIST_SIZE = 131_072
PURPOSE = "revocation"
ENTRY_TYPE = "BitstringStatusListEntry"
LIST_TYPE = "BitstringStatusList"
LIST_CREDENTIAL_TYPE = ["VerifiableCredential", "BitstringStatusListCredential"]
MULTIBASE_BASE64URL = "u"


def status_entry(*, list_url: str, index: int) -> dict:
    """A credential's ``credentialStatus``. Its ``id`` names the entry, never the
    list itself (as the specification requires; Open Badges requires an id)."""
    return {
        "id": f"{list_url}#{index}",
        "type": ENTRY_TYPE,
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def encoded_list(revoked: list[int] | set[int], *, size: int = LIST_SIZE) -> str:
    """The ``encodedList`` of a list whose ``revoked`` indexes are set."""
    bits = bytearray(size // 8)
    for index in revoked:
        if not 0 <= index < size:
            raise ValueError(f"Index {index} is outside a list of {size} entries.")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same bits always give the same bytes (and the same ETag).
    compressed = gzip.compress(bytes(bits), mtime=0)
    return MULTIBASE_BASE64URL + base64.urlsafe_b64encode(compressed).decode().rstrip(
        "="
    )


def decoded_list(encoded: str) -> bytes:
    """The bitstring of an ``encodedList`` (what a verifier does)."""
    if not encoded.startswith(MULTIBASE_BASE64URL):
        raise ValueError("An encodedList is multibase base64url (prefix 'u').")
    text = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def bit_at(bitstring: bytes, index: int) -> int:
    """The status bit of ``index``: 1 revoked, 0 not."""
    return (bitstring[index // 8] >> (7 - index % 8)) & 1


def status_list_credential(
    *, list_url: str, issuer_id: str, issuer_name: str, encoded: str, valid_from: str
) -> dict:
    """The unsigned ``BitstringStatusListCredential``; signed as a VC-JWT."""
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list_url,
        "type": LIST_CREDENTIAL_TYPE,
        "issuer": {"id": issuer_id, "name": issuer_name},
        "validFrom": valid_from,
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": LIST_TYPE,
            "statusPurpose": PURPOSE,
            "encodedList": encoded,
        },
    }
