"""Absolute links name the address the portal is served on, unless SITE_URL is set."""

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from core.site import site_url

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def linkedin_cert_url(client, award, host: str) -> str:
    page = reverse("certificates:award", kwargs={"award_uuid": award.uuid})
    response = client.get(page, HTTP_HOST=host)
    assert response.status_code == 200
    query = parse_qs(urlsplit(response.context["linkedin_url"]).query)
    return query["certUrl"][0]


def test_with_site_url_unset_links_follow_the_host_the_page_is_served_on(
    client, issued, learner, settings
):
    # given development with SITE_URL unset, served on another port
    settings.SITE_URL_FROM_REQUEST = True
    client.force_login(learner)

    # when the learner opens their award there
    cert_url = linkedin_cert_url(client, issued, "127.0.0.1:8400")

    # then LinkedIn's certUrl names that address, as the verify link does
    assert cert_url == f"http://127.0.0.1:8400/verify/{issued.verification_code}/"
    assert site_url() == settings.SITE_URL  # outside a request: the setting


def test_a_configured_site_url_is_used_whatever_the_host(
    client, issued, learner, settings
):
    settings.SITE_URL_FROM_REQUEST = False
    settings.SITE_URL = "https://portal.example.org"
    client.force_login(learner)

    cert_url = linkedin_cert_url(client, issued, "127.0.0.1:8400")

    assert cert_url.startswith("https://portal.example.org/verify/")


@pytest.mark.parametrize(
    ("port", "url"),
    [
        ("8400", "http://127.0.0.1:8400"),
        ("127.0.0.1:8400", "http://127.0.0.1:8400"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000"),
        ("localhost:8100", "http://localhost:8100"),
    ],
)
def test_start_script_names_its_port_in_site_url(port, url):
    script = f'source scripts/lib.sh && site_url_for "{port}"'
    result = subprocess.run(  # noqa: S603
        ["/bin/bash", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == url
