from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import views as account_views
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
    path("jobs/", include("jobs.urls")),
    path("", include("certificates.urls")),
    path("", include("reviews.urls")),
]
