from rest_framework.pagination import PageNumberPagination


class PortalPagination(PageNumberPagination):
    """``?page=2&page_size=50``: 25 a page unless asked, never more than 100."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
