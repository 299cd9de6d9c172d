from django.contrib import admin, messages

from . import quotes
from .models import (
    CompletionRule,
    CredentialProgram,
    GroupTier,
    Offering,
    Provider,
    Requirement,
    RubricCriterion,
    Session,
    Unit,
)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "delivery_partner", "signatory_name"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}


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


@admin.register(CredentialProgram)
class CredentialProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "provider", "kind", "is_published"]
    list_filter = ["provider", "kind", "is_published"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgramRuleInline]


class OfferingInline(admin.TabularInline):
    model = Offering
    extra = 0
    fields = [
        "label",
        "format_name",
        "start_date",
        "end_date",
        "enrollment_opens",
        "enrollment_closes",
        "capacity",
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
        "deadline_months_after_end",
        "position",
    ]
    show_change_link = True


class UnitRuleInline(RuleInlineReadOnly):
    fk_name = "unit"


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["title", "short_name", "provider", "kind", "delivery", "price"]
    list_filter = ["provider", "kind", "delivery", "programs", "is_published"]
    search_fields = ["title", "short_name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["programs", "recommended_prior_units", "prerequisites"]
    inlines = [OfferingInline, GroupTierInline, RequirementInline, UnitRuleInline]

    def save_related(self, request, form, formsets, change):
        """Warn when the saved tiers make a larger group cheaper than a smaller one."""
        super().save_related(request, form, formsets, change)
        unit = form.instance
        tiers = quotes.tier_rules(unit.group_tiers.all())
        for warning in quotes.cheaper_larger_group_warnings(
            unit.price, tiers, unit.currency
        ):
            messages.warning(request, warning)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
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
    filter_horizontal = ["facilitators"]
    list_select_related = ["unit"]
    inlines = [SessionInline]


class RubricCriterionInline(admin.TabularInline):
    model = RubricCriterion
    extra = 0


@admin.register(Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "kind", "review_mode", "deadline", "is_required"]
    list_filter = ["kind", "review_mode", "deadline", "unit__provider"]
    search_fields = ["title", "unit__title"]
    list_select_related = ["unit"]
    inlines = [RubricCriterionInline]


class CompletionRuleAdmin(admin.ModelAdmin):
    """The rule's fields; registered by ``certificates.admin.rule_preview``, whose
    subclass previews a change's effect on awards (a layer above the catalogue)."""

    list_display = ["__str__", "kind", "program", "unit"]
    list_filter = ["kind"]
    autocomplete_fields = ["units", "requirement"]
    list_select_related = ["program", "unit", "requirement"]
