"""A badge image that carries its signed credential (Open Badges 3.0 baking).

The SVG holds the VC-JWT in an ``<openbadges:credential>`` element of the
``https://purl.imsglobal.org/ob/v3p0`` namespace, so a wallet or a verifier given
only the image can read and check the credential.
"""

import re
from xml.sax.saxutils import escape

NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
_CREDENTIAL = re.compile(
    r"<openbadges:credential>\s*<!\[CDATA\[([A-Za-z0-9_.\-]+)\]\]>", re.ASCII
)


def _lines(text: str, width: int = 22, most: int = 3) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1] + "..."]
    return lines


def badge_svg(*, title: str, issuer: str, token: str) -> str:
    """A round badge naming the credential and its issuer, baked with ``token``."""
    title_lines = _lines(title)
    first_y = 150 - 14 * (len(title_lines) - 1)
    title_svg = "".join(
        f'<text x="150" y="{first_y + 28 * i}" class="t">{escape(line)}</text>'
        for i, line in enumerate(title_lines)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:openbadges="{NAMESPACE}" width="300" height="300" '
        f'viewBox="0 0 300 300" role="img" aria-label="{escape(title)}">'
        f"<openbadges:credential><![CDATA[{token}]]></openbadges:credential>"
        "<style>.t{font:bold 22px sans-serif;fill:#fff;text-anchor:middle}"
        ".i{font:15px sans-serif;fill:#dbe7f3;text-anchor:middle}</style>"
        '<circle cx="150" cy="150" r="146" fill="#1d4e89"/>'
        '<circle cx="150" cy="150" r="132" fill="none" stroke="#f2c14e" '
        'stroke-width="5"/>'
        f"{title_svg}"
        f'<text x="150" y="238" class="i">{escape(issuer[:40])}</text>'
        "</svg>"
    )


def badge_credential(svg: str) -> str | None:
    """The VC-JWT baked into a badge, or None when it carries none."""
    match = _CREDENTIAL.search(svg)
    return match.group(1) if match else None
