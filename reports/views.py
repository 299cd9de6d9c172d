"""The admin's report pages: check the role, read the filters, call selectors.

Reached under ``/admin/reports/`` through ``admin.site.admin_view`` (a login
redirect for anyone not signed in as staff); staff who are not portal admins get
404, as for every page they may not see.
"""

from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_portal_admin
from core import clock

from . import selectors
from .charts import column_chart, percent_bar_chart
from .csv_columns import EXPORTS
from .csv_writer import csv_response
from .forms import ReportFilterForm
from .services.rollup import report_refresh_request

OFFERINGS_PER_PAGE = 50
CHECK_FILTERS = _("Correct the filters: nothing was counted.")
REFRESHED = _("The figures were counted again.")
REFRESH_QUEUED = _(
    "The figures are being counted again; reload this page in a minute to see them."
)


def _admin_only(request) -> None:
    if not is_portal_admin(request.user):
        raise Http404


def _invalid(request, form) -> TemplateResponse:
    context = {
        **admin.site.each_context(request),
        "title": _("Reports"),
        "form": form,
        "rollup": selectors.rollup_state(),
        "error": CHECK_FILTERS,
    }
    return TemplateResponse(request, "admin/reports/index.html", context, status=400)


def reports_index(request):
    _admin_only(request)
    form = ReportFilterForm(request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    filters = form.filters()
    programs = selectors.programs_in_scope(filters=filters)
    awards = selectors.award_sums(filters=filters)
    rows = selectors.report_rows(filters=filters, programs=programs, awards=awards)
    # Offerings a page at a time: at a state's scale there are thousands, and
    # drawing every one made the page megabytes of HTML (most of its time).
    offerings = Paginator(rows["offerings"], OFFERINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    months = awards.months
    rated = [row for row in offerings if row.pass_rate is not None]
    context = {
        **admin.site.each_context(request),
        "title": _("Reports"),
        "form": form,
        "rollup": selectors.rollup_state(),
        "rows": rows,
        "offerings": offerings,
        "months": months,
        "awards_chart": column_chart([(m.month, m.issued) for m in months]),
        "pass_chart": percent_bar_chart([(r.subject, r.pass_rate) for r in rated]),
        "rated": rated,
        "revenue": selectors.revenue_per_program(filters=filters, programs=programs),
        "exports": EXPORTS.values(),
        "query": urlencode(filters.query_string()),
    }
    return TemplateResponse(request, "admin/reports/index.html", context)


def report_refresh(request):
    """Queue the rollup now (audited) and come back to the same filters."""
    _admin_only(request)  # first: a GET by anyone else is 404 too
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    rollup = report_refresh_request(actor=request.user)
    rollup.refresh_from_db()  # without a broker the count has run already
    messages.info(request, REFRESHED if rollup.finished_at else REFRESH_QUEUED)
    query = QueryDict(request.POST.get("query", "")).urlencode()
    return redirect(reverse("reports:index") + (f"?{query}" if query else ""))


def report_export(request, slug: str):
    _admin_only(request)
    export = EXPORTS.get(slug)
    if export is None:
        raise Http404
    form = ReportFilterForm(request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    day = clock.today().isoformat()
    return csv_response(
        filename=f"{export.slug}-{day}.csv",
        header=[str(title) for title in export.header],
        rows=export.rows(filters=form.filters()),
        row_values=export.values,
    )
