"""An admin adds or deletes a completion rule: a preview of who it reaches,
then Save (or Delete), audited; the program and unit pages only link there."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from programs.models import CompletionRule, CredentialProgram, Unit

from .test_rule_change_admin import hidden_fields, post_hidden
from .test_rule_changes import cmte_rule, learner_with_workshops

pytestmark = pytest.mark.django_db

ADD_URL = "admin:programs_completionrule_add"


def rule_event() -> AuditEvent:
    return AuditEvent.objects.get(action=AuditEvent.Action.COMPLETION_RULE_CHANGED)


def test_adding_a_rule_previews_who_would_lose_eligibility_then_saves_and_audits(
    admin_client, catalog, portal_admin
):
    # given a learner who meets the CMTE's rule with three workshops
    three = learner_with_workshops(3, "Three Workshops")
    program = CredentialProgram.objects.get(slug="cmte")
    url = reverse(ADD_URL)
    data = {
        "program": program.pk,
        "unit": "",
        "kind": CompletionRule.Kind.UNITS_COMPLETED,
        "min_count": 4,
        "requirement": "",
        "_save": "Save",
    }

    # when the admin adds a rule asking for four
    preview = admin_client.post(url, data)

    # then a preview names who would lose eligibility, and nothing is saved yet
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Adding the rule: at least 4" in page
    assert "Would lose eligibility" in page
    assert "Three Workshops (" in page
    assert "Issued awards are never taken back by a rule change." in page
    assert CompletionRule.objects.filter(program=program).count() == 1
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.COMPLETION_RULE_CHANGED
    ).exists()

    # when the admin presses Save on the preview
    saved = post_hidden(admin_client, url, page)

    # then the rule is added and the addition audited
    assert saved.status_code == 302
    added = CompletionRule.objects.filter(program=program).order_by("id").last()
    assert added.min_count == 4
    event = rule_event()
    assert (event.actor, event.target_id) == (portal_admin, added.pk)
    assert "rule added" in event.summary
    assert event.before == {"rule": None}
    assert event.after["change"] == "added"
    assert event.after["rule"].startswith("at least 4")
    assert event.after["losing"] == [three.pk]


def test_an_invalid_new_rule_shows_the_form_errors_and_no_preview(
    admin_client, catalog
):
    response = admin_client.post(
        reverse(ADD_URL), {"program": "", "unit": "", "kind": "", "_save": "Save"}
    )

    assert response.status_code == 200
    assert "Would lose eligibility" not in response.content.decode()
    assert response.context["adminform"].form.errors


def test_deleting_a_rule_previews_then_deletes_and_audits(
    admin_client, catalog, portal_admin
):
    # given a learner who meets the CMTE's only rule
    three = learner_with_workshops(3, "Three Workshops")
    rule = cmte_rule()
    description = rule.describe()
    url = reverse("admin:programs_completionrule_delete", args=[rule.pk])
    assert admin_client.get(url).status_code == 200

    # when the admin confirms Django's "Are you sure?"
    preview = admin_client.post(url, {"post": "yes"})

    # then a preview names who would lose eligibility, and nothing is deleted yet
    assert preview.status_code == 200
    page = preview.content.decode()
    assert f"Deleting the rule: {description}." in page
    assert "Three Workshops (" in page
    assert 'value="Delete"' in page
    assert ("post", "yes") in hidden_fields(page)
    assert CompletionRule.objects.filter(pk=rule.pk).exists()

    # when the admin presses Delete on the preview
    deleted = post_hidden(admin_client, url, page)

    # then the rule is gone and the deletion audited with its id
    assert deleted.status_code == 302
    assert not CompletionRule.objects.filter(pk=rule.pk).exists()
    event = rule_event()
    assert (event.actor, event.target_id) == (portal_admin, rule.pk)
    assert "rule deleted" in event.summary
    assert event.before == {"rule": description}
    assert event.after["change"] == "deleted"
    assert event.after["rule"] is None
    assert event.after["losing"] == [three.pk]


@pytest.mark.parametrize("owner", ["program", "unit"])
def test_the_program_and_unit_pages_list_rules_read_only_and_link_to_add_one(
    admin_client, catalog, owner
):
    if owner == "program":
        obj = CredentialProgram.objects.get(slug="cmte")
        page_url = reverse("admin:programs_credentialprogram_change", args=[obj.pk])
        rule = cmte_rule()
    else:
        obj = Unit.objects.get(slug="iste-certification")
        page_url = reverse("admin:programs_unit_change", args=[obj.pk])
        rule = CompletionRule.objects.filter(unit=obj).first()

    response = admin_client.get(page_url)

    assert response.status_code == 200
    page = response.content.decode()
    add_link = f"{reverse(ADD_URL)}?{owner}={obj.pk}"
    assert f'href="{add_link}">Add a rule</a>' in page
    assert reverse("admin:programs_completionrule_change", args=[rule.pk]) in page
    formset = next(
        f
        for f in response.context["inline_admin_formsets"]
        if f.formset.model is CompletionRule
    )
    assert not formset.has_add_permission
    assert admin_client.get(add_link).status_code == 200
