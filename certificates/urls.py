from django.urls import path

from . import badge_views, views, wallet_views

app_name = "certificates"

urlpatterns = [
    path("verify/<str:code>/", views.verify, name="verify"),
    path("certificates/", views.my_awards, name="my_awards"),
    path("certificates/<uuid:award_uuid>/", badge_views.award_detail, name="award"),
    path(
        "certificates/<uuid:award_uuid>/badge.<slug:fmt>",
        badge_views.award_export,
        name="export",
    ),
    path(
        "certificates/<uuid:award_uuid>/evidence/",
        badge_views.award_evidence_toggle,
        name="evidence",
    ),
    path(
        "certificates/<uuid:award_uuid>/wallet/",
        wallet_views.award_wallet_toggle,
        name="wallet",
    ),
    path("issuers/<slug:slug>/", badge_views.issuer_profile, name="issuer"),
    path("issuers/<slug:slug>/jwks.json", badge_views.issuer_jwks, name="issuer_jwks"),
    path(
        "certificates/<uuid:award_uuid>/<slug:kind>.pdf",
        views.document_download,
        name="document",
    ),
]
