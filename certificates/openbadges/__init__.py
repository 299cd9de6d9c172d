"""Open Badges 3.0: each issued award as a signed, portable ``OpenBadgeCredential``.

Pure modules (no database, no clock): ``credential`` builds the JSON-LD document,
``signing`` signs and verifies it as a VC-JWT (EdDSA, Ed25519), ``baking`` puts the
signed credential inside an SVG badge. ``certificates.services.openbadges`` ties
them to awards and the issuers' keys.
"""
