from rest_framework.pagination import CursorPagination, PageNumberPagination


class NewestFirstCursorPagination(CursorPagination):
    """Fixed cost per page on big tables, whatever how deep the client reads."""

    ordering = ("-published_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ClaimCursorPagination(NewestFirstCursorPagination):
    ordering = ("-id",)


class SourceCursorPagination(NewestFirstCursorPagination):
    ordering = ("-published_at", "-id")


class OutletPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
