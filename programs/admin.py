from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.template.response import SimpleTemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core import clock

from . import configuration, quotes
from .admin_facilitators import FacilitatorPickerMixin, facilitator_autocomplete_urls
from .admin_forms import CompletionRuleForm
from .models import (
    CompletionRule,
    GroupTier,
    Offering,
    Provider,
    RenewalRule,
    Requirement,
    RubricCriterion,
    Session,
)
from .renewal_forms import RenewalRuleForm


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "short_name",
        "delivery_partner",
        "signatory_name",
        "work_before_payment",
        "artifact_retention_months",
        "time_zone",
    ]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The time zone is picked from the IANA names this machine knows."""
        if db_field.name == "time_zone":
            names = [(name, name) for name in clock.zone_names()]
            kwargs["widget"] = forms.Select(choices=names)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def price_cliff_warnings(unit) -> list[str]:
    """The same warnings a group leader's quote gives (``programs.quotes``)."""
    tiers = quotes.tier_rules(unit.group_tiers.all())
    return quotes.cheaper_larger_group_warnings(unit.price, tiers, unit.currency)


def unmeetable_warnings(offering) -> list[str]:
    unit = offering.unit
    return configuration.offering_unmeetable_warnings(
        offering=offering,
        sessions=offering.sessions.all(),
        requirements=unit.requirements.all(),
        rules=unit.completion_rules.all(),
    )


def warn_once(request, warnings: list[str]) -> None:
    """Add each warning not already waiting to be shown (a save's own warnings
    are followed by the page it returns to)."""
    waiting = messages.get_messages(request)
    shown = {str(message.message) for message in waiting}
    waiting.used = False  # reading them above must not drop them
    for warning in dict.fromkeys(warnings):
        if warning not in shown:
            messages.warning(request, warning)


class RuleInlineReadOnly(admin.StackedInline):
    """The credential's rules, read-only, each linking to its own page, and a
    link to add one there: every addition, change and deletion goes through the
    rule admin, which shows who it reaches before it is saved
    (``certificates.admin.rule_preview``)."""

    model = CompletionRule
    template = "admin/programs/completionrule/rules_inline.html"
    extra = 0
    fields = ["kind", "min_count", "units", "requirement"]
    autocomplete_fields = ["units", "requirement"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProgramRuleInline(RuleInlineReadOnly):
    fk_name = "program"


class ValidityFieldsetMixin:
    """The credential's validity in a section of its own, after every other field."""

    validity_fields = ["valid_for_months"]

    def get_fieldsets(self, request, obj=None):
        fields = [
            f for f in self.get_fields(request, obj) if f not in self.validity_fields
        ]
        return [
            (None, {"fields": fields}),
            (
                _("Validity"),
                {
                    "fields": self.validity_fields,
                    "description": _(
                        "An award is valid through the day before the same date "
                        "this many months after it was earned; its documents, "
                        "verification page and digital badge state that day. "
                        "Awards already written keep the validity they were "
                        "issued with."
                    ),
                },
            ),
        ]


class RenewalRuleInline(admin.StackedInline):
    """What renewing the credential requires, and when it may be renewed."""

    model = RenewalRule
    form = RenewalRuleForm
    extra = 0
    fields = [
        "kind",
        ("measure", "min_amount"),
        "requirement",
        ("opens_days_before", "grace_days"),
    ]
    autocomplete_fields = ["requirement"]


class ProgramRenewalRuleInline(RenewalRuleInline):
    fk_name = "program"


class UnitRenewalRuleInline(RenewalRuleInline):
    fk_name = "unit"


class CredentialProgramAdmin(ValidityFieldsetMixin, admin.ModelAdmin):
    """Registered by ``certificates.admin.publishing``, whose subclass adds the
    checklist before publishing (a layer above the catalogue)."""

    list_display = ["name", "short_name", "provider", "kind", "is_published"]
    list_filter = ["provider", "kind", "is_published"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgramRuleInline, ProgramRenewalRuleInline]


class OfferingInline(FacilitatorPickerMixin, admin.StackedInline):
    """Stacked: eight fields with a date picker each do not fit a table's row."""

    model = Offering
    extra = 0
    fields = [
        ("label", "format_name"),
        ("start_date", "end_date"),
        ("enrollment_opens", "enrollment_closes"),
        "capacity",
        "facilitators",
    ]
    show_change_link = True


class GroupTierInline(admin.TabularInline):
    model = GroupTier
    extra = 0


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    fields = [
        "title",
        "kind",
        "review_mode",
        "is_required",
        "min_artifacts",
        "max_artifacts",
        "pass_score",
        "deadline",
        "deadline_date",
        "deadline_months_after_end",
        "deadline_days_after_end",
        "position",
    ]
    show_change_link = True


class UnitRuleInline(RuleInlineReadOnly):
    fk_name = "unit"


class UnitAdmin(ValidityFieldsetMixin, admin.ModelAdmin):
    """Registered by ``certificates.admin.unit_rows``, whose subclass sends a
    change of a run's dates or of a pass mark that reaches learners through the
    preview on the run's or the requirement's own page."""

    list_display = ["title", "short_name", "provider", "kind", "delivery", "price"]
    list_filter = ["provider", "kind", "delivery", "programs", "is_published"]
    search_fields = ["title", "short_name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["programs", "recommended_prior_units", "prerequisites"]
    inlines = [
        OfferingInline,
        GroupTierInline,
        RequirementInline,
        UnitRuleInline,
        UnitRenewalRuleInline,
    ]
    readonly_fields = ["awards"]

    @admin.display(description=_("Awards"))
    def awards(self, unit):
        """The documents completing this unit produces (certificates' output specs)."""
        add = reverse("admin:certificates_outputspec_add") + f"?unit={unit.pk or ''}"
        specs = list(unit.output_specs.all()) if unit.pk else []
        if not specs:
            return format_html(
                '{} <a href="{}">{}</a>',
                _("No certificate yet."),
                add,
                _("Add a certificate output"),
            )
        return format_html_join(
            ", ",
            '<a href="{}">{} ({})</a>',
            (
                (
                    reverse("admin:certificates_outputspec_change", args=[s.pk]),
                    s.title,
                    s.get_kind_display(),
                )
                for s in specs
            ),
        )

    def save_related(self, request, form, formsets, change):
        """Warn when the saved tiers make a larger group cheaper than a smaller one."""
        super().save_related(request, form, formsets, change)
        warn_once(request, price_cliff_warnings(form.instance))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Opening the unit says what its configuration gets wrong: tiers that
        make a larger group cheaper (what a group leader is told too), runs whose
        learners can never meet a rule."""
        unit = self.get_object(request, object_id) if request.method == "GET" else None
        if unit is not None:
            warnings = price_cliff_warnings(unit)
            for offering in unit.offerings.prefetch_related("sessions"):
                warnings += unmeetable_warnings(offering)
            warn_once(request, warnings)
        return super().change_view(request, object_id, form_url, extra_context)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    verbose_name_plural = _("sessions (times in the provider's time zone)")


class OfferingAdmin(FacilitatorPickerMixin, admin.ModelAdmin):
    """Registered by ``certificates.admin.offering_dates``, whose subclass previews
    what new dates do to awards and deadlines (a layer above the catalogue)."""

    list_display = [
        "unit",
        "label",
        "format_name",
        "start_date",
        "end_date",
        "capacity",
        "ceus",
    ]
    list_filter = ["unit__provider", "unit__kind", "start_date"]
    search_fields = ["unit__title", "unit__short_name", "label"]
    date_hierarchy = "start_date"
    list_select_related = ["unit"]
    inlines = [SessionInline]

    def get_urls(self):
        return facilitator_autocomplete_urls(self.admin_site) + super().get_urls()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A saved run's session times are read and written in its provider's
        zone (7 PM in California is 7 PM Pacific, whoever types it)."""
        offering = None
        if object_id is not None and unquote(object_id).isdigit():
            offering = (
                Offering.objects.select_related("unit__provider")
                .filter(pk=unquote(object_id))
                .first()
            )
        if offering is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(offering.unit.provider.zone):
            response = super().changeform_view(
                request, object_id, form_url, extra_context
            )
            if isinstance(response, SimpleTemplateResponse):
                response.render()  # in the zone, not after the view returns
            return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Opening the run warns of a rule its learners could never meet."""
        offering = (
            self.get_object(request, object_id) if request.method == "GET" else None
        )
        if offering is not None:
            warn_once(request, unmeetable_warnings(offering))
        return super().change_view(request, object_id, form_url, extra_context)


class RubricCriterionInline(admin.TabularInline):
    model = RubricCriterion
    extra = 0


class RequirementAdmin(admin.ModelAdmin):
    """Registered by ``certificates.admin.pass_mark_preview``, whose subclass
    previews what a new pass mark does to awards (a layer above the catalogue)."""

    list_display = ["title", "unit", "kind", "review_mode", "deadline", "is_required"]
    list_filter = ["kind", "review_mode", "deadline", "unit__provider"]
    search_fields = ["title", "unit__title"]
    list_select_related = ["unit"]
    inlines = [RubricCriterionInline]


class CompletionRuleAdmin(admin.ModelAdmin):
    """The rule's fields; registered by ``certificates.admin.rule_preview``, whose
    subclass previews a change's effect on awards (a layer above the catalogue)."""

    form = CompletionRuleForm
    list_display = ["__str__", "kind", "program", "unit"]
    list_filter = ["kind"]
    autocomplete_fields = ["units", "requirement"]
    list_select_related = ["program", "unit", "requirement"]

    class Media:
        js = ["js/admin/rule_fields.js"]


@admin.register(RenewalRule)
class RenewalRuleAdmin(admin.ModelAdmin):
    """Every credential's renewal rules in one list; each is also edited inline
    on its program's or unit's page."""

    form = RenewalRuleForm
    list_display = ["__str__", "kind", "program", "unit"]
    list_filter = ["kind"]
    autocomplete_fields = ["requirement"]
    list_select_related = ["program", "unit", "requirement__unit"]
