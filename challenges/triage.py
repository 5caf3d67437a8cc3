"""The "Challenges → Applications" admin: challenge handlers triage applications, per challenge.

Only the group "Challenge handlers" (and superusers) holds the application permissions
(migration 0003): an editor or moderator sees neither the list, an application nor its
attachment. Applications come only from the public form: nobody adds or copies one here.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from intake.guarantees import SafeExportIndexView

from .applications import Application, Status, attachment_storage
from .models import ChallengePage

VIEW_PERMISSION = "challenges.view_application"


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


def challenges_to_filter(request):
    """The Dutch challenge pages: every application points at one (from /nl/ and /en/ alike)."""
    return ChallengePage.objects.filter(locale=Locale.get_default()).order_by("title")


class ApplicationFilterSet(WagtailFilterSet):
    challenge = django_filters.ModelChoiceFilter(queryset=challenges_to_filter, label=capfirst(_("challenge")))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=capfirst(_("status")))

    class Meta:
        model = Application
        fields = ["challenge", "status", "language"]


class AttachmentPanel(FieldPanel):
    """The attachment as a link to the admin's download view (never a media URL), or a dash."""

    def __init__(self, field_name="attachment", **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if not value:
            return "-"
        url = reverse("challenge_application_attachment", args=[value.instance.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the PDF"))


class ApplicationAdminForm(WagtailAdminModelForm):
    """The assignee list shows people's names, not their usernames."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assignee" in self.fields:
            self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


SENT_FIELDS = [
    "challenge_title",
    "language",
    "organisation_name",
    "contact_name",
    "email",
    "activity",
    "approach",
    "consent_at",
    "created_at",
]


class ApplicationViewSet(ModelViewSet):
    model = Application
    name = "challenge_applications"
    url_prefix = "challenges/applications"
    icon = "form"
    menu_label = _("Challenge applications")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = SafeExportIndexView
    copy_view_enabled = False
    filterset_class = ApplicationFilterSet
    list_display = ["organisation_name", "challenge_title", "status", "language", "assignee_name", "created_at"]
    search_fields = ["organisation_name", "contact_name", "email", "activity", "approach"]
    search_backend_name = None
    list_export = [
        "reference",
        "created_at",
        "challenge_title",
        "get_status_display",
        "language",
        "organisation_name",
        "contact_name",
        "email",
        "activity",
        "approach",
        "has_attachment",
        "assignee_name",
        "internal_notes",
        "updated_at",
    ]
    export_headings = {"get_status_display": _("Status"), "has_attachment": _("Attachment")}
    export_filename = "challenge-applications"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("assignee"), FieldPanel("internal_notes")],
                heading=_("Handling"),
            ),
            MultiFieldPanel(
                [*[FieldPanel(name, read_only=True) for name in SENT_FIELDS], AttachmentPanel()],
                heading=_("What was sent"),
            ),
        ],
        base_form_class=ApplicationAdminForm,
    )


class ApplicationsDashboardPanel(Component):
    """On a challenge handler's dashboard: how many applications came in and are not handled yet."""

    name = "sif_challenge_applications"
    order = 60

    def render_html(self, parent_context=None):
        index = reverse("challenge_applications:index")
        received = Application.objects.filter(status=Status.RECEIVED).count()
        return format_html(
            '<section class="w-mb-8"><h2 class="w-h2">{}</h2>'
            '<ul><li><a href="{}?status=received">{}</a></li></ul></section>',
            _("Challenge applications"),
            index,
            _("Received, not handled yet: %(count)s") % {"count": received},
        )


def attachment(request, pk):
    """An application's PDF, to challenge handlers only: as a download, never shown inline."""
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    if not application.attachment:
        raise Http404
    try:
        handle = attachment_storage().open(application.attachment.name, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=f"{application.reference}.pdf", content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
