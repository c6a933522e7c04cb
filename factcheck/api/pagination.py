from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination


class NewestFirstCursorPagination(CursorPagination):
    """Fixed cost per page on big tables, whatever how deep the client reads."""

    ordering = ("-published_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        """A cursor is opaque but not signed: a client can send any position in it.

        DRF compares the position with the ordering column as it stands, so a value that column
        cannot hold reached the database (a 500). Parse it as that column would and refuse what
        it refuses; a datetime must also carry its zone (ours always do) and stay within years
        1-9999 in UTC, or the comparison overflows.
        """
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        field = self._model._meta.get_field(self.ordering[0].lstrip("-"))
        try:
            position = field.to_python(cursor.position)
            if isinstance(position, datetime):
                if position.utcoffset() is None:
                    raise ValidationError("A cursor's time has a time zone.")
                position = position.astimezone(UTC)
        except (ValidationError, OverflowError):
            raise NotFound(self.invalid_cursor_message) from None
        return cursor._replace(position=position)


class ClaimCursorPagination(NewestFirstCursorPagination):
    ordering = ("-id",)


class SourceCursorPagination(NewestFirstCursorPagination):
    # Newest imported first. A source's publication date may be unknown, and a cursor's
    # position must never be null: paging by date skipped the undated sources (SQLite sorts
    # nulls last) or could not resume after one (PostgreSQL sorts them first).
    ordering = ("-id",)


class OutletPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
