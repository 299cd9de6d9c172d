"""The unit page's offering and requirement rows follow the rules of their own
pages: a run with learners moves its dates on the run's page, with the dates
preview (``offering_dates``); a pass mark that changes who qualifies is changed on
the requirement's page, with its preview (``pass_mark_preview``).

Registered from certificates over ``programs.admin.UnitAdmin`` (the previews read
awards and learners, a layer above the catalogue).
"""

from django.contrib import admin

from programs.admin import OfferingInline, RequirementInline, UnitAdmin
from programs.models import Unit

from .offering_dates import OfferingRowForm
from .pass_mark_preview import RequirementRowForm


class OfferingRowInline(OfferingInline):
    form = OfferingRowForm


class RequirementRowInline(RequirementInline):
    form = RequirementRowForm


ROWS = {OfferingInline: OfferingRowInline, RequirementInline: RequirementRowInline}


class UnitRowsAdmin(UnitAdmin):
    inlines = [ROWS.get(inline, inline) for inline in UnitAdmin.inlines]


admin.site.register(Unit, UnitRowsAdmin)
