from collections.abc import Callable
from functools import cached_property, partial

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination


class CountedPaginator(Paginator):
    """A paginator told how to count its list (a kept count, say) rather than
    counting the queryset."""

    def __init__(self, object_list, per_page, *, counter: Callable[[], int], **kw):
        super().__init__(object_list, per_page, **kw)
        self._counter = counter

    @cached_property
    def count(self) -> int:
        return self._counter()


class PortalPagination(PageNumberPagination):
    """``?page=2&page_size=50``: 25 a page unless asked, never more than 100. A
    view with a ``list_count()`` is counted by it."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        counter = getattr(view, "list_count", None)
        if counter is not None:
            self.django_paginator_class = partial(CountedPaginator, counter=counter)
        return super().paginate_queryset(queryset, request, view)
