"""Personal API tokens as plain values: how one is made and how it is stored.

A token carries 256 random bits, so a fast unsalted SHA-256 is enough to store it
(nobody can enumerate 2**256 values, unlike a password) and lets the database
find the row by its digest through a unique index. The value itself is shown once
and never stored.
"""

import hashlib
import secrets
from typing import NamedTuple

TOKEN_MARK = "cpt_"  # noqa: S105  (a public mark, not a secret)
# The mark and the first characters of the random part: enough to tell tokens apart
# in a list, far too few to guess the rest.
PREFIX_LENGTH = len(TOKEN_MARK) + 6


class NewToken(NamedTuple):
    value: str
    prefix: str
    digest: str


def token_digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def token_new() -> NewToken:
    value = TOKEN_MARK + secrets.token_urlsafe(32)
    return NewToken(
        value=value, prefix=value[:PREFIX_LENGTH], digest=token_digest(value)
    )
