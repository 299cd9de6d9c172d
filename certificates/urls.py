from django.urls import path, register_converter

from . import badge_views, views, wallet_views


class BadgeFormatConverter:
    """Only the badge's own formats, so ``badge.pdf`` reaches the documents route."""

    regex = "|".join(badge_views.EXPORTS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(BadgeFormatConverter, "badge_format")

app_name = "certificates"

urlpatterns = [
    path("verify/<str:code>/", views.verify, name="verify"),
    path("certificates/", views.my_awards, name="my_awards"),
    path("certificates/<uuid:award_uuid>/", badge_views.award_detail, name="award"),
    path(
        "certificates/<uuid:award_uuid>/badge.<badge_format:fmt>",
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
        "credentials/status/<slug:slug>/revocation/<int:number>",
        badge_views.status_list,
        name="status_list",
    ),
    path(
        "certificates/<uuid:award_uuid>/<slug:kind>.pdf",
        views.document_download,
        name="document",
    ),
]
