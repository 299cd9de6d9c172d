"""An admin changes a completion rule: a preview of who it reaches, then Save."""

import html
import re

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from certificates.models import Award
from programs.models import CompletionRule

from .test_rule_changes import (
    cmte_rule,
    iste_pass_mark,
    learner_with_workshops,
)

pytestmark = pytest.mark.django_db

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def change_url(rule: CompletionRule) -> str:
    return reverse("admin:programs_completionrule_change", args=[rule.pk])


def form_data(rule: CompletionRule, **changes) -> dict:
    """The change form as the admin posts it, with ``changes``."""
    fields = {
        "program": rule.program_id or "",
        "unit": rule.unit_id or "",
        "kind": rule.kind,
        "min_count": rule.min_count or "",
        "units": [unit.pk for unit in rule.units.all()],
        "requirement": rule.requirement_id or "",
        "_save": "Save",
    }
    return {**fields, **changes}


def hidden_fields(page: str) -> list[tuple[str, str]]:
    return [(name, html.unescape(value)) for name, value in HIDDEN.findall(page)]


def post_hidden(client, url: str, page: str):
    data: dict[str, list[str]] = {}
    for name, value in hidden_fields(page):
        data.setdefault(name, []).append(value)
    return client.post(url, data)


def test_lowering_cmte_to_2_workshops_previews_then_saves_and_awards(
    admin_client, catalog, portal_admin
):
    # given a learner with two workshops and one with one
    two = learner_with_workshops(2, "Two Workshops")
    learner_with_workshops(1, "One Workshop")
    rule = cmte_rule()
    url = change_url(rule)
    assert admin_client.get(url).status_code == 200

    # when the admin saves 2 instead of 3
    preview = admin_client.post(url, form_data(rule, min_count=2))

    # then a preview lists who would newly qualify, and nothing is saved yet
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Would newly qualify" in page
    assert "Two Workshops (" in page
    assert "One Workshop (" not in page
    assert "Nobody who qualifies now would lose eligibility." in page
    assert "Issued awards are never taken back by a rule change." in page
    program_url = reverse(
        "admin:programs_credentialprogram_change", args=[rule.program_id]
    )
    assert f'href="{program_url}">Back</a>' in page
    rule.refresh_from_db()
    assert rule.min_count == 3
    assert not Award.objects.filter(learner=two, program__slug="cmte").exists()

    # when the admin presses Save on the preview
    saved = post_hidden(admin_client, url, page)

    # then the rule is saved, the change audited and the award requested
    assert saved.status_code == 302
    rule.refresh_from_db()
    assert rule.min_count == 2
    award = Award.objects.get(learner=two, program__slug="cmte")
    assert award.status == Award.Status.PENDING
    event = AuditEvent.objects.get(action=AuditEvent.Action.COMPLETION_RULE_CHANGED)
    assert event.actor == portal_admin
    assert event.after["newly_qualifying"] == [two.pk]
    assert event.before == {
        "rule": "at least 3 workshops completed, in any order; earlier completions "
        "count"
    }


def test_an_invalid_change_shows_the_form_errors_and_no_preview(admin_client, catalog):
    rule = iste_pass_mark()

    response = admin_client.post(change_url(rule), form_data(rule, requirement=""))

    assert response.status_code == 200
    page = response.content.decode()
    assert "A score rule needs a requirement." in page
    assert "Would newly qualify" not in page
    rule.refresh_from_db()
    assert rule.requirement is not None


def test_saving_without_a_change_needs_no_preview(admin_client, catalog):
    rule = cmte_rule()

    response = admin_client.post(change_url(rule), form_data(rule))

    assert response.status_code == 302
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.COMPLETION_RULE_CHANGED
    ).exists()


@pytest.mark.parametrize(
    ("admin_name", "owner"),
    [
        ("programs_credentialprogram", lambda: cmte_rule().program),
        ("programs_unit", lambda: iste_pass_mark().unit),
    ],
)
def test_the_credentials_page_links_each_rule_to_its_previewed_change_form(
    admin_client, catalog, admin_name, owner
):
    credential = owner()
    rule = credential.completion_rules.order_by("pk").first()

    response = admin_client.get(
        reverse(f"admin:{admin_name}_change", args=[credential.pk])
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{change_url(rule)}"' in page
    assert 'name="completion_rules-0-kind"' not in page  # read here, changed there
    # nor added here: the rule admin's add page previews the addition
    assert 'name="completion_rules-__prefix__-kind"' not in page
    assert f"{reverse('admin:programs_completionrule_add')}?" in page


def test_a_saved_rule_stays_with_its_credential(admin_client, catalog):
    rule = cmte_rule()
    other = iste_pass_mark()

    response = admin_client.post(
        change_url(rule), form_data(rule, program="", unit=other.unit_id)
    )

    assert response.status_code == 302  # the owner is not a field: nothing changed
    rule.refresh_from_db()
    assert (rule.program.slug, rule.unit_id) == ("cmte", None)
