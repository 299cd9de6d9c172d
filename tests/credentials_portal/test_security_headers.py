"""Production settings pass Django's deployment checks and every response carries
the security headers: HSTS, nosniff, a Referrer-Policy and a CSP.

The production cases run in a fresh interpreter with the production environment
(``DEBUG=false``), since settings are read once at start-up.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "PATH": "/usr/bin:/bin",
    "DEBUG": "false",
    "SECRET_KEY": "a-production-like-secret-key-of-sixty-characters-or-more-0123456789",
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "sqlite://:memory:",
}
# A response through the production middleware, behind an HTTPS proxy (the health
# check: pages would need collectstatic's manifest).
READ_HEADERS = """
import json, django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="portal.example.org").get(
    "/healthz", headers={"X-Forwarded-Proto": "https"}
)
print(json.dumps({"status": response.status_code, **dict(response.headers)}))
"""


def run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=ROOT,
        env={**PRODUCTION, "DJANGO_SETTINGS_MODULE": "credentials_portal.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_the_deployment_checks_pass_at_warning_level():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_responses_carry_hsts_nosniff_referrer_policy_and_csp():
    result = run(["-c", READ_HEADERS])
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout)

    assert headers["status"] == 200
    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = directives(headers["Content-Security-Policy"])
    assert policy["object-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/catalog/", "/accounts/login/"])
def test_every_page_has_a_policy_without_inline_scripts_or_styles(client, url):
    response = client.get(url)

    policy = directives(response["Content-Security-Policy"])
    assert response.status_code == 200
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]


TEMPLATES = [
    path
    for root in (ROOT / "templates", *ROOT.glob("*/templates"))
    for path in root.rglob("*.html")
    if "pdf" not in path.parts  # WeasyPrint's layouts, never served to a browser
]
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"
    r"|\sstyle=\"|<style\b|\son[a-z]+=\"|javascript:",
    re.IGNORECASE,
)


def test_the_templates_hold_nothing_the_policy_would_block():
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in TEMPLATES
        for match in INLINE.finditer(path.read_text())
    ]

    assert len(TEMPLATES) > 50
    assert found == []
