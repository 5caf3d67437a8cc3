from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .translation_status import page_translation_statuses


@permission_required("wagtailadmin.access_admin")
def translation_status(request):
    statuses = page_translation_statuses()
    only_open = request.GET.get("open") == "1"
    return TemplateResponse(
        request,
        "home/admin/translation_status.html",
        {
            "page_title": _("Translation status"),
            "header_icon": "globe",
            "statuses": [s for s in statuses if s.needs_work] if only_open else statuses,
            "open_count": sum(1 for s in statuses if s.needs_work),
            "only_open": only_open,
        },
    )
