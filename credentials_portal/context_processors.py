from core.site import site_context


def site(request) -> dict:
    return site_context()
