"""Lists split into pages: whatever page a reader asks for, they land on one the list has.

Paginator.get_page's rule: a page that is not a number is the first page, one past the
end (or before the start) the last. The reader is redirected (302) to that page's own
address instead of being shown a copy of it at the address they typed. So every page of a
list has one address: the page cache keeps only 200s, and ``?page=abc``, ``?page=0002``
or ``?page=99999`` add no copy of their own. The redirect is temporary, because the last
page moves as stories are published.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

PAGE_PARAM = "page"


def page_address(request: HttpRequest, number: int | None) -> str | None:
    """Where to send this request for page ``number``: None if it is already there.

    Page 1 is the list's address with no page (``?page=1`` moves there); ``number=None``
    is a page without pages. Other parameters (a search's words and filters) are kept.
    """
    asked = request.GET.getlist(PAGE_PARAM)
    if asked == ([] if number in (None, 1) else [str(number)]):
        return None
    params = request.GET.copy()
    if number is None or number == 1:
        params.pop(PAGE_PARAM, None)
    else:
        params[PAGE_PARAM] = str(number)
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


class OnePageOneAddressMixin:
    """For a ListView: ``?page=`` is always a page of the list, at its one address."""

    page_kwarg = PAGE_PARAM

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        asked = self.request.GET.get(self.page_kwarg)
        page = paginator.get_page(paginator.num_pages if asked == "last" else asked)
        return paginator, page, page.object_list, page.has_other_pages()

    def render_to_response(self, context, **response_kwargs):
        page = context.get("page_obj")
        address = page_address(self.request, page.number) if page is not None else None
        if address is not None:
            return redirect(address)
        return super().render_to_response(context, **response_kwargs)


def without_pages(request: HttpRequest) -> HttpResponseRedirect | None:
    """For a page that has no pages (the home page): a redirect away from ``?page=``."""
    address = page_address(request, None)
    return redirect(address) if address is not None else None
