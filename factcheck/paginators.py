"""A paginator for very large admin lists: counts at most a few pages ahead.

Django admin counts the whole filtered queryset for its paginator, a full scan on a table of
a million claims. Counting a LIMITed subquery costs at most ``CAP`` rows; beyond that the list
shows "CAP+" results and pages keep working (each page is a LIMIT/OFFSET query).
"""

from functools import cached_property

from django.core.paginator import Paginator

CAP = 10_000


class CappedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if isinstance(object_list, list):
            return len(object_list)
        return object_list.order_by()[: CAP + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > CAP
