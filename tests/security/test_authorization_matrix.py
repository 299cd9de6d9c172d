"""The authorization matrix: every URL pattern x every visitor x the owner's objects.

Every pattern the resolver knows (``get_resolver()``) must be classified in
``ACCESS`` below; an unclassified one fails ``test_every_url_pattern_is_classified``
with its name. Visitors (``tests/security/world.py``): anonymous, owner (the learner
whose records these are), other_learner, facilitator (of the owner's offering),
other_facilitator (of another offering), admin. The objects: an enrollment, a
submission reviewed Not Met, its file, an invoice, a group order, an issued award
and its PDF.

A visitor the rule allows gets the page (``ok``, 200 by default); anyone else gets
404 or 403, or, when not signed in, a redirect to the login page, and never the
owner's name or email in the body. Each request runs in a transaction rolled back
afterwards, so posting as the owner changes nothing the next request sees.

To classify a new URL, add one line to ``ACCESS`` keyed by its name as ``reverse``
takes it: who may see it and, for each URL argument, the name of the world's
object (``World.values``) that fills it. For example::

    "reports:enrollments": Page(ADMIN),
    "api:enrollment": Page(OWNER | STAFF_OF_OFFERING, pk="enrollment"),
    "transcripts:shared": Page(EVERYONE, token="bogus", ok=404),

Patterns under ``/admin/`` (the Django admin's, and the reports mounted beside it)
are admins only, everyone else is sent to the admin's login page
(``test_the_admin_is_for_admins_only``).
"""

from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from accounts.services import ADMIN_APPS
from tests.accounts.test_access import url_patterns
from tests.security.world import OWNER_EMAIL, OWNER_NAME, VISITORS, world_build

pytestmark = pytest.mark.django_db

OWNER = frozenset({"owner"})
ADMIN = frozenset({"admin"})
STAFF_OF_OFFERING = frozenset({"facilitator", "admin"})
FACILITATORS = frozenset({"facilitator", "other_facilitator", "admin"})
SIGNED_IN = frozenset(VISITORS) - {"anonymous"}
EVERYONE = frozenset(VISITORS)
NOBODY = frozenset()


@dataclass(frozen=True)
class Page:
    """Who may open a pattern, how, and which world objects fill its arguments."""

    allowed: frozenset
    method: str = "get"
    ok: int | frozenset = 200
    args: dict = field(default_factory=dict)

    def __init__(self, allowed, *, method="get", ok=200, **args):
        object.__setattr__(self, "allowed", allowed)
        object.__setattr__(self, "method", method)
        object.__setattr__(self, "ok", frozenset([ok]) if isinstance(ok, int) else ok)
        object.__setattr__(self, "args", args)


REQ = {"enrollment_pk": "enrollment", "requirement_pk": "requirement"}
# An empty form posted by whom it is for: refused with the form (400) or redirected.
FORM = frozenset({200, 302, 400})
NONE_YET = frozenset({302, 404})
ALLAUTH_PUBLIC = Page(EVERYONE, ok=frozenset({200, 302}))
ACCESS = {
    # Public pages.
    "home": Page(EVERYONE),
    "healthz": Page(EVERYONE),
    "favicon": Page(EVERYONE, ok=302),
    "programs:catalog": Page(EVERYONE),
    "programs:program_detail": Page(EVERYONE, slug="program"),
    "programs:unit_detail": Page(EVERYONE, slug="unit"),
    "certificates:verify": Page(EVERYONE, code="verification_code"),
    "certificates:issuer": Page(EVERYONE, slug="provider"),
    "certificates:issuer_jwks": Page(EVERYONE, slug="provider"),
    "certificates:status_list": Page(
        EVERYONE, slug="provider", number="status_list_number"
    ),
    # allauth: signing in, up, out, email keys (a wrong key shows a page saying so).
    "account_login": ALLAUTH_PUBLIC,
    "account_signup": ALLAUTH_PUBLIC,
    "account_inactive": ALLAUTH_PUBLIC,
    "account_email_verification_sent": ALLAUTH_PUBLIC,
    "account_reset_password": ALLAUTH_PUBLIC,
    "account_reset_password_done": ALLAUTH_PUBLIC,
    "account_reset_password_from_key_done": ALLAUTH_PUBLIC,
    "account_confirm_email": Page(EVERYONE, ok=frozenset({200, 302}), key="bogus"),
    "account_reset_password_from_key": Page(
        EVERYONE, ok=frozenset({200, 302}), uidb36="bogus", key="bogus"
    ),
    "account_confirm_login_code": Page(EVERYONE, ok=frozenset({302, 404})),
    "account_logout": Page(EVERYONE, ok=frozenset({200, 302})),
    "account_email": Page(SIGNED_IN),
    "account_change_password": Page(SIGNED_IN),
    "account_set_password": Page(SIGNED_IN, ok=302),
    "account_reauthenticate": Page(SIGNED_IN),
    "account_request_reauthentication_code": Page(SIGNED_IN, ok=frozenset({302, 404})),
    "account_confirm_reauthentication_code": Page(SIGNED_IN, ok=frozenset({302, 404})),
    # allauth.mfa: their own second factor. Without one set up (as here), the pages
    # send them on (to ask for the password again, or to set one up) or answer 404.
    "mfa_index": Page(SIGNED_IN),
    "mfa_authenticate": Page(EVERYONE, ok=302),
    "mfa_reauthenticate": Page(SIGNED_IN, ok=302),
    "mfa_activate_totp": Page(SIGNED_IN, ok=302),
    "mfa_deactivate_totp": Page(SIGNED_IN, ok=NONE_YET),
    "mfa_view_recovery_codes": Page(SIGNED_IN, ok=NONE_YET),
    "mfa_generate_recovery_codes": Page(SIGNED_IN, ok=NONE_YET),
    "mfa_download_recovery_codes": Page(SIGNED_IN, ok=NONE_YET),
    # Any signed-in person: their own lists.
    "profile": Page(SIGNED_IN),
    "dashboard:dashboard": Page(SIGNED_IN),
    "dashboard:learning": Page(SIGNED_IN),
    "certificates:my_awards": Page(SIGNED_IN),
    "orders:new": Page(SIGNED_IN),
    "enrollments:enroll": Page(SIGNED_IN, ok=frozenset({200, 403}), pk="offering"),
    "attendance:check_in": Page(SIGNED_IN, ok=400, token="bogus"),
    # The enrollment, its requirements, file, invoice, order: owner objects.
    "enrollments:detail": Page(OWNER | STAFF_OF_OFFERING, pk="enrollment"),
    "reviews:requirement_list": Page(OWNER, enrollment_pk="enrollment"),
    "reviews:requirement": Page(OWNER, **REQ),
    "reviews:draft": Page(OWNER, method="post", ok=FORM, **REQ),
    "reviews:artifact_add": Page(OWNER, method="post", ok=FORM, **REQ),
    "reviews:artifact_remove": Page(OWNER, method="post", ok=FORM, uuid="file", **REQ),
    "reviews:checklist": Page(OWNER, method="post", ok=FORM, **REQ),
    "reviews:artifact_file": Page(OWNER | STAFF_OF_OFFERING, uuid="file"),
    "attendance:check_in_done": Page(OWNER, pk="session"),
    # Peers see shared projects only; the world's requirement is not shared.
    "reviews:peer_project": Page(
        NOBODY, enrollment_pk="enrollment", version_pk="version"
    ),
    "orders:quote": Page(OWNER, pk="order"),
    "orders:confirm": Page(OWNER, method="post", ok=FORM, pk="order"),
    "orders:invoice": Page(OWNER | ADMIN, number="invoice"),
    "jobs:detail": Page(OWNER | ADMIN, public_id="job"),
    # The award, its exports and PDF: the learner's (admins read).
    "certificates:award": Page(OWNER | ADMIN, award_uuid="award"),
    "certificates:export": Page(OWNER | ADMIN, award_uuid="award", fmt="json"),
    "certificates:document": Page(
        OWNER | ADMIN, award_uuid="award", kind="award_document"
    ),
    "certificates:evidence": Page(OWNER, method="post", ok=FORM, award_uuid="award"),
    "certificates:wallet": Page(OWNER, method="post", ok=FORM, award_uuid="award"),
    # The transcript: each person's own; its shared link is public until revoked.
    "transcripts:transcript": Page(SIGNED_IN),
    "transcripts:pdf_request": Page(SIGNED_IN, method="post", ok=FORM),
    "transcripts:pdf": Page(SIGNED_IN, ok=frozenset({200, 302, 404})),
    "transcripts:share_create": Page(SIGNED_IN, method="post", ok=FORM),
    "transcripts:share_revoke": Page(OWNER, method="post", ok=FORM, pk="share"),
    "transcripts:shared": Page(EVERYONE, token="share_token"),
    # The recertification ledger: each person's own; evidence also to whoever
    # may verify it (the facilitators of the learner's offerings, admins).
    "ledger:ledger": Page(SIGNED_IN),
    "ledger:certificate_add": Page(SIGNED_IN),
    "ledger:certificate_edit": Page(OWNER, pk="held_certificate"),
    "ledger:credit_add": Page(SIGNED_IN),
    "ledger:evidence": Page(OWNER | STAFF_OF_OFFERING, uuid="outside_credit"),
    "ledger:pdf_request": Page(SIGNED_IN, method="post", ok=FORM),
    "ledger:pdf": Page(SIGNED_IN, ok=frozenset({200, 302, 404})),
    "ledger:verification": Page(FACILITATORS),
    "ledger:verify": Page(
        STAFF_OF_OFFERING, method="post", ok=FORM, uuid="outside_credit"
    ),
    # The learner's own data: the page and request for anyone signed in, each
    # download for its learner only (not even an admin).
    "learnerdata:mine": Page(SIGNED_IN),
    "learnerdata:request": Page(SIGNED_IN, method="post", ok=FORM),
    "learnerdata:download": Page(OWNER, public_id="data_export"),
    # API tokens: each person's own; the API answers 401 without credentials.
    "api_tokens": Page(SIGNED_IN),
    "api_token_revoke": Page(OWNER, method="post", ok=FORM, pk="api_token"),
    "api:schema": Page(EVERYONE),
    "api:my-awards": Page(SIGNED_IN),
    "api:my-award": Page(OWNER, award_uuid="award"),
    "api:awards": Page(ADMIN),
    "api:enrollments": Page(ADMIN),
    # Facilitator-of-offering objects.
    "reviews:queue": Page(FACILITATORS),
    "reviews:review": Page(STAFF_OF_OFFERING, pk="submission"),
    "enrollments:roster": Page(STAFF_OF_OFFERING, pk="offering"),
    "attendance:register": Page(STAFF_OF_OFFERING, pk="offering"),
    # Off the session's day it sends them back to the register with a message.
    "attendance:check_in_code": Page(
        STAFF_OF_OFFERING, ok=frozenset({200, 302}), pk="session"
    ),
    # Admin-only pages outside /admin/.
    "reviews:extension": Page(ADMIN, enrollment_pk="enrollment"),
}
ADMIN_NAMESPACE = "admin:"


def in_admin(pattern) -> bool:
    return pattern.name.startswith(ADMIN_NAMESPACE) or pattern.route.startswith(
        "admin/"
    )


def portal_patterns():
    return [p for p in url_patterns() if not in_admin(p)]


def test_every_url_pattern_is_classified():
    unnamed = [p.route for p in portal_patterns() if not p.name]
    unclassified = sorted({p.name for p in portal_patterns()} - set(ACCESS) - {""})

    assert unnamed == [], (
        f"Name these URL patterns so they can be classified: {unnamed}"
    )
    assert unclassified == [], (
        f"Classify these URL patterns in ACCESS ({__name__}): {unclassified}"
    )


def test_no_classification_names_a_pattern_that_is_gone():
    assert set(ACCESS) - {p.name for p in portal_patterns()} == set()


@pytest.fixture
def world(award_catalog):
    return world_build()


def answer(client, page: Page, url: str):
    """The response, with every write of the request rolled back."""
    with transaction.atomic():
        response = getattr(client, page.method)(url)
        transaction.set_rollback(True)
    return response


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def mismatch(visitor: str, page: Page, response) -> str | None:
    """What is wrong with ``response`` for ``visitor``, or None."""
    status = response.status_code
    if visitor in page.allowed:
        return None if status in page.ok else f"expected {sorted(page.ok)}"
    if visitor == "anonymous" and status == 302:
        login = response["Location"].startswith(settings.LOGIN_URL)
        return None if login else f"redirected to {response['Location']}"
    if status not in (401, 403, 404):
        return "expected 404, 403 or 401"
    content = body(response)
    if OWNER_NAME in content or OWNER_EMAIL in content:
        return "the refusal shows the owner's name or email"
    return None


@pytest.mark.parametrize("visitor", VISITORS)
def test_each_visitor_gets_what_the_matrix_allows_and_nothing_else(
    client, world, visitor
):
    if world.users[visitor] is not None:
        client.force_login(world.users[visitor])
    wrong = []
    for name, page in sorted(ACCESS.items()):
        kwargs = {arg: world.values[key] for arg, key in page.args.items()}
        url = reverse(name, kwargs=kwargs)
        response = answer(client, page, url)
        if problem := mismatch(visitor, page, response):
            wrong.append(
                f"{name} {page.method.upper()} {url}: {response.status_code}, {problem}"
            )

    assert wrong == [], f"as {visitor}"


ADMIN_ARGUMENT_VALUES = {"app_label": "enrollments", "content_type_id": "1"}


def admin_urls(world) -> list[tuple[str, str]]:
    """Every routed admin pattern with an id of the world's rows where one fits."""
    rows = {type(row)._meta.label_lower.replace(".", "/"): row for row in world.rows}
    found = []
    for pattern in url_patterns():
        if not in_admin(pattern) or "(?P<url>" in pattern.route:
            continue
        route = pattern.route.removeprefix("REGEX:")
        if "REGEX:" in pattern.route or "(?P<" in route:
            route = "admin/enrollments/"
        model = next((m for m in rows if f"/{m}/" in f"/{route}"), None)
        pk = str(rows[model].pk) if model else "1"
        for arg in ("<path:object_id>", "<int:pk>", "<path:content_type_id>"):
            route = route.replace(arg, pk)
        route = route.replace("<int:user_id>", str(world.values["owner"]))
        route = route.replace("<slug:slug>", "enrollments")
        found.append((pattern.name, "/" + route))
    return found


@pytest.mark.parametrize("visitor", [v for v in VISITORS if v != "admin"])
def test_the_admin_is_for_admins_only(client, world, visitor):
    if world.users[visitor] is not None:
        client.force_login(world.users[visitor])
    admin_login = reverse("admin:login")
    wrong = []
    for name, url in admin_urls(world):
        if name in ("admin:login", "admin:logout", "admin:jsi18n"):
            continue
        response = client.get(url)
        sent_to_login = response.status_code == 302 and response["Location"].startswith(
            admin_login
        )
        if not sent_to_login:
            wrong.append(f"{name} {url}: {response.status_code}")

    assert len(admin_urls(world)) > 100
    assert wrong == [], f"as {visitor}"


def test_an_admin_opens_every_list_and_the_worlds_rows_in_the_admin(client, world):
    """Portal admins manage the portal's apps; users and groups are superusers'."""
    client.force_login(world.users["admin"])
    wrong = []
    for name, url in admin_urls(world):
        status = client.get(url).status_code
        portal_app = url.split("/")[2] in ADMIN_APPS
        must_open = name.endswith(("_changelist", "_change")) and portal_app
        if status >= 500 or (must_open and status not in (200, 302)):
            wrong.append(f"{name} {url}: {status}")
        elif not portal_app and name.endswith("_changelist") and status != 403:
            wrong.append(f"{name} {url}: {status}, expected 403")

    assert wrong == []
