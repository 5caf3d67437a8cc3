"""What a locked-out admin login sees (django-axes calls ``lockout_response``).

The admin lives outside the language prefix, so the page says it in Dutch and
English, like the error pages, with the minutes to wait. Status 429.
"""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    response = render(request, "axes_lockout.html", {"cooloff_minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response
