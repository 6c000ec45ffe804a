"""What a locked-out sign-in sees: Wagtail's sign-in page with the reason, in the admin's
language, status 429 and a Retry-After header."""

import math

from axes.helpers import get_cool_off
from django.template.response import TemplateResponse


def locked_out(request, original_response=None, credentials=None):
    seconds = int(get_cool_off(request).total_seconds())
    response = TemplateResponse(
        request, "lockout/locked_out.html", {"minutes": math.ceil(seconds / 60)}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response.render()
