"""The API's refusals: one code, one status, an Arabic and an English message each.

The English text is kept next to the Arabic (rather than only in the catalogue) because
the API promises both in every answer, whatever language the request negotiated.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ApiError:
    status: int
    message: Promise
    message_en: str


ERRORS: dict[str, ApiError] = {
    "not_found": ApiError(404, _("لم نجد هذا المقال."), "This article was not found."),
    "malformed": ApiError(
        400,
        _("الطلب غير مفهوم: أرسل نوع التفاعل في الحقل kind."),
        "Malformed request: send the reaction kind in the field kind.",
    ),
    "unknown_kind": ApiError(
        400, _("نوع التفاعل هذا غير متاح."), "This reaction kind is not available."
    ),
    "closed": ApiError(
        403,
        _("أُغلق التفاعل مع هذا المقال، وتبقى الأعداد ظاهرة."),
        "Reactions are closed on this article; the counts stay visible.",
    ),
    "cross_site": ApiError(
        403,
        _("رُفض الطلب لأنه جاء من موقع آخر."),
        "Refused: the request came from another site.",
    ),
    "method_not_allowed": ApiError(
        405, _("هذه الطريقة غير مسموح بها هنا."), "Method not allowed here."
    ),
    "too_large": ApiError(413, _("الطلب أكبر من المسموح."), "The request is too large."),
    "rate_limited": ApiError(
        429,
        _("تفاعلات كثيرة في وقت قصير. انتظر قليلًا ثم حاول مجددًا."),
        "Too many reactions in a short time. Wait a little and try again.",
    ),
    "busy": ApiError(
        503,
        _("تعذّر تسجيل تفاعلك الآن. حاول مجددًا بعد لحظات."),
        "Your reaction could not be recorded right now. Try again in a moment.",
    ),
}


def error_response(
    request: HttpRequest, code: str, *, html: bool = False, back: str = "", **headers: str
) -> HttpResponse:
    """A 4xx/5xx answer: JSON for scripts, a small page for a plain form post."""
    error = ERRORS[code]
    with translation.override("ar"):
        message = str(error.message)
    if html:
        response: HttpResponse = TemplateResponse(
            request,
            "reactions/error.html",
            {"message": error.message, "back": back},
            status=error.status,
        )
    else:
        response = JsonResponse(
            {"error": code, "message": message, "message_en": error.message_en},
            status=error.status,
            json_dumps_params={"ensure_ascii": False},
        )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response
