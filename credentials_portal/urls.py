from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from programs import views as program_views

admin.site.site_header = _("Credentials Portal administration")
admin.site.site_title = _("Credentials Portal admin")

urlpatterns = [
    path("", program_views.home, name="home"),
    path("catalog/", include("programs.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
