"""The API's refusals: one code, one status, an Arabic and an English message each.

The API promises both messages in every answer, whatever language the request
negotiated: the English comes from the English catalogue, like the rest of the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reactions.box import format_count


@dataclass(frozen=True)
class ApiError:
    status: int
    message: Promise
    # What a reader's page says instead, where the API's words are for programmers.
    page_message: Promise | None = None


ERRORS: dict[str, ApiError] = {
    "not_found": ApiError(404, _("لم نجد هذا المقال.")),
    "malformed": ApiError(
        400,
        _("الطلب غير مفهوم: أرسل نوع التفاعل في الحقل kind."),
        _("لم نفهم الطلب. اختر أحد التفاعلات تحت المقال."),
    ),
    "unknown_kind": ApiError(400, _("نوع التفاعل هذا غير متاح.")),
    "closed": ApiError(403, _("أُغلق التفاعل مع هذا المقال، وتبقى الأعداد ظاهرة.")),
    "cross_site": ApiError(403, _("رُفض الطلب لأنه جاء من موقع آخر.")),
    "method_not_allowed": ApiError(405, _("هذه الطريقة غير مسموح بها هنا.")),
    "too_large": ApiError(413, _("الطلب أكبر من المسموح.")),
    "rate_limited": ApiError(429, _("تفاعلات كثيرة في وقت قصير. انتظر قليلًا ثم حاول مجددًا.")),
    "busy": ApiError(503, _("تعذّر تسجيل تفاعلك الآن. حاول مجددًا بعد لحظات.")),
}


def wait_message(seconds: int) -> str:
    """The rate limit's refusal naming the wait, in the active language and digits."""
    return ngettext(
        "تفاعلات كثيرة في وقت قصير. حاول مجددًا بعد ثانية واحدة.",
        "تفاعلات كثيرة في وقت قصير. حاول مجددًا بعد %(count)s ثانية.",
        seconds,
    ) % {"count": format_count(seconds)}


def error_response(
    request: HttpRequest,
    code: str,
    *,
    html: bool = False,
    back: str = "",
    retry_after: int | None = None,
    **headers: str,
) -> HttpResponse:
    """A 4xx/5xx answer: JSON for scripts, a small page for a plain form post.

    ``retry_after``: seconds until the request may be repeated, sent as Retry-After and,
    for a rate limit, said in the message.
    """
    error = ERRORS[code]

    def text(fallback: Promise) -> str:
        if code == "rate_limited" and retry_after is not None:
            return wait_message(retry_after)
        return str(fallback)

    with translation.override("ar"):
        message = text(error.message)
    with translation.override("en"):
        message_en = text(error.message)
    if html:
        response: HttpResponse = TemplateResponse(
            request,
            "reactions/error.html",
            {
                "message": text(error.page_message or error.message),
                "back": back,
                # The switch shows the story in the other language, not this answer.
                "language_switch_next": back.split("#", 1)[0],
            },
            status=error.status,
        )
    else:
        response = JsonResponse(
            {"error": code, "message": message, "message_en": message_en},
            status=error.status,
            json_dumps_params={"ensure_ascii": False},
        )
    if retry_after is not None:
        headers["Retry_After"] = str(retry_after)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response
