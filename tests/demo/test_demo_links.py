"""Every link on the demo learners' award, certificates and transcript pages works."""

import json
import re
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from certificates.models import Award

pytestmark = pytest.mark.django_db

DEMO_LEARNERS = [f"learner{n}@demo.test" for n in (1, 2, 3, 4)]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _internal_links(html: str, page: str, host: str) -> set[str]:
    parser = _Links()
    parser.feed(html)
    links = set()
    for href in parser.hrefs:
        url = urlsplit(href)
        if url.scheme in {"mailto", "tel"} or (url.netloc and url.netloc != host):
            continue
        path = url.path or page
        links.add(f"{path}?{url.query}" if url.query else path)
    return links


def _assert_serves_what_it_names(response, url: str):
    content_type = response["Content-Type"]
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    path = urlsplit(url).path
    if path.endswith(".pdf") or re.fullmatch(r"/ledger/credits/[^/]+/evidence/", path):
        # (a ledger's evidence is served as uploaded: the demo's is a PDF)
        assert content_type == "application/pdf", url
        assert body.startswith(b"%PDF"), url
    elif path.endswith(".json"):
        assert "json" in content_type, url
        json.loads(body)
    elif path.endswith(".jwt"):
        assert content_type == "application/vc+jwt", url
        assert body.count(b".") == 2, url
    elif path.endswith(".svg"):
        assert content_type == "image/svg+xml", url
        assert b"<svg" in body, url
    else:
        assert content_type.startswith("text/html"), url
        assert b"</html>" in body, url


def test_every_link_on_the_demo_learners_award_pages_works(client):
    # given the demo as load_demo writes it on the test's day
    call_command("load_demo")
    host = "testserver"
    checked: set[str] = set()

    for email in DEMO_LEARNERS:
        learner = User.objects.get(email=email)
        client.force_login(learner)
        pages = [
            reverse("certificates:my_awards"),
            reverse("transcripts:transcript"),
            reverse("ledger:ledger"),
        ]
        awards = Award.objects.filter(learner=learner)
        current = awards.exclude(status=Award.Status.SUPERSEDED)
        pages += [
            reverse("certificates:award", kwargs={"award_uuid": award.uuid})
            for award in current
        ]
        # What stays of a superseded award (learner3's renewed CAEL Certificate)
        # is its public verification page, linking the current award.
        pages += [award.get_absolute_url() for award in awards.difference(current)]
        for page in pages:
            # when the learner opens the page and follows each of its links
            response = client.get(page)
            assert response.status_code == 200, page
            for link in sorted(_internal_links(response.text, page, host) - checked):
                if link.startswith("/accounts/logout"):
                    continue
                followed = client.get(link, follow=True)
                # then each answers 200 with what it names
                assert followed.status_code == 200, (email, page, link)
                _assert_serves_what_it_names(followed, link)
                checked.add(link)
        client.logout()

    suffixes = {PurePosixPath(urlsplit(link).path).suffix for link in checked}
    assert {".pdf", ".json", ".jwt", ".svg", ""} <= suffixes
    assert any(link.endswith("/badge.pdf") for link in checked)
