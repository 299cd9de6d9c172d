from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import views as account_views
from credentials_portal.bench_floor import bench_floor
from credentials_portal.health import healthz
from programs import views as program_views

admin.site.site_header = _("Credentials Portal administration")
admin.site.site_title = _("Credentials Portal admin")

urlpatterns = [
    path("", program_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("catalog/", include("programs.urls")),
    path("accounts/profile/", account_views.profile, name="profile"),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("enrollments/", include("enrollments.urls")),
    path("admin/", admin.site.urls),
    path("orders/", include("enrollments.order_urls")),
    path("", include("certificates.urls")),
    path("", include("reviews.urls")),
]

# The benchmark's floor view exists only while the benchmark runs (BENCH_FLOOR_VIEW).
if settings.BENCH_FLOOR_VIEW:
    urlpatterns.append(path("bench/floor/", bench_floor, name="bench_floor"))
