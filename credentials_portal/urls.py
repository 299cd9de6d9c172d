from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import views as account_views
from api import token_views
from credentials_portal.bench_floor import bench_floor
from credentials_portal.health import healthz
from enrollments import catalog_views


def favicon(request):
    """Browsers that ask for /favicon.ico get the SVG icon the pages link (its
    static URL is read per request: the production manifest exists only after
    collectstatic)."""
    return redirect(static("favicon.svg"))


admin.site.site_header = _("Credentials Portal administration")
admin.site.site_title = _("Credentials Portal admin")

urlpatterns = [
    path("", catalog_views.home, name="home"),
    # Pages link the SVG icon; this answers browsers that ask for /favicon.ico.
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("catalog/", include("enrollments.catalog_urls")),
    path("accounts/profile/", account_views.profile, name="profile"),
    path("accounts/profile/api-tokens/", token_views.tokens, name="api_tokens"),
    path(
        "accounts/profile/api-tokens/<int:pk>/revoke/",
        token_views.token_revoke,
        name="api_token_revoke",
    ),
    path("accounts/profile/data/", include("learnerdata.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include("api.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("enrollments/", include("enrollments.urls")),
    path("admin/reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
    path("orders/", include("enrollments.group_orders.urls")),
    path("jobs/", include("enrollments.jobs.urls")),
    path("", include("certificates.urls")),
    path("", include("transcripts.urls")),
    path("", include("ledger.urls")),
    path("", include("reviews.urls")),
    path("", include("enrollments.attendance.urls")),
]

# The benchmark's floor view exists only while the benchmark runs (BENCH_FLOOR_VIEW).
if settings.BENCH_FLOOR_VIEW:
    urlpatterns.append(path("bench/floor/", bench_floor, name="bench_floor"))
