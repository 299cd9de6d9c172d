from django.conf import settings


def site(request) -> dict:
    """The portal's name for page titles (``{{ site_name }}``)."""
    return {"site_name": settings.SITE_NAME}
