"""The "Intake" menu: intake handlers triage submissions in the Wagtail admin."""

from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.privacy import PERSONAL_DATA_HOOK

from . import mail, tasks
from .admin_display import SubmissionExportView, SubmissionInspectView, language_column
from .models import Status, Submission
from .privacy import intake_personal_data


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Submissions come only from the public form: nobody adds or copies one in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Submission, SubmissionPermissionPolicy(Submission))


class ListPanel(FieldPanel):
    """A read-only list (themes, services) shown as text rather than a Python list."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        return ", ".join(str(item) for item in value or []) or "-"


SENT_FIELDS = [
    "language",
    "organisation_name",
    "organisation_type",
    "contact_name",
    "email",
    "phone",
    "question",
    "consent_at",
    "created_at",
]


class SubmissionForm(WagtailAdminModelForm):
    """The assignee list shows people's names, not their usernames."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assignee" in self.fields:
            field = self.fields["assignee"]
            field.label_from_instance = lambda user: user.get_full_name() or user.get_username()


class SubmissionEditView(EditView):
    """Saving a new assignee queues an e-mail to them; the worker sends it after the commit."""

    def save_instance(self):
        assigned = "assignee" in self.form.changed_data
        submission = super().save_instance()  # inside form_valid's transaction
        if assigned:
            email = mail.queue_assignment(submission, assigned_by=self.request.user)
            if email is not None:
                transaction.on_commit(lambda: tasks.send_intake_mail.enqueue([email.pk]), robust=True)
        return submission


class SubmissionViewSet(ModelViewSet):
    model = Submission
    name = "intake_submissions"
    url_prefix = "intake/submissions"
    icon = "mail"
    menu_label = _("Submissions")
    index_view_class = SubmissionExportView
    edit_view_class = SubmissionEditView
    inspect_view_class = SubmissionInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "topic",
        *SENT_FIELDS,
        "theme_titles",
        "service_titles",
        "carried_titles",
        "status",
        "assignee_name",
        "internal_notes",
    ]
    # assignee_name, not assignee: a user shows as their username, which colleagues do not know each other by.
    list_display = [
        "organisation_name",
        "topic",
        "organisation_type",
        "status",
        language_column(),
        "assignee_name",
        "created_at",
    ]
    list_filter = ["status", "topic", "organisation_type", "language", "created_at"]
    search_fields = ["organisation_name", "contact_name", "email", "question"]
    search_backend_name = None
    # One language (the admin's), names not keys, times to the minute: intake/admin_display.py.
    list_export = [
        "pk",
        "created_at",
        "get_status_display",
        "get_topic_display",
        "language",
        "organisation_name",
        "get_organisation_type_display",
        "contact_name",
        "email",
        "phone",
        "question",
        "themes",
        "services",
        "carried_titles",
        "assignee_name",
        "internal_notes",
        "updated_at",
    ]
    export_headings = {
        "pk": _("Number"),
        "get_status_display": _("Status"),
        "get_topic_display": _("Kind of request"),
        "get_organisation_type_display": _("Type of organisation"),
        "themes": _("Themes"),
        "services": _("Services of interest"),
    }
    export_filename = "intake-submissions"
    panels = [  # wrapped in edit_handler below, with SubmissionForm
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("assignee"), FieldPanel("internal_notes")],
            heading=_("Handling"),
        ),
        MultiFieldPanel(
            [
                *[FieldPanel(name, read_only=True) for name in SENT_FIELDS],
                ListPanel("theme_titles"),
                ListPanel("service_titles"),
                ListPanel("carried_titles"),
            ],
            heading=_("What was sent"),
        ),
    ]
    edit_handler = ObjectList(panels, base_form_class=SubmissionForm)


class IntakeViewSetGroup(ViewSetGroup):
    menu_label = _("Intake")
    menu_icon = "mail"
    menu_order = 300
    items = (SubmissionViewSet,)


@hooks.register("register_admin_viewset")
def register_intake_viewsets():
    return IntakeViewSetGroup()


class IntakeDashboardPanel(Component):
    """On an intake handler's dashboard: how many questions are new and how many are theirs."""

    name = "sif_intake"
    order = 50

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        index = reverse("intake_submissions:index")
        new = Submission.objects.filter(status=Status.NEW).count()
        mine = Submission.objects.filter(assignee=self.user).exclude(status__in=[Status.CLOSED, Status.SPAM]).count()
        return format_html(
            '<section class="w-mb-8 sif-intake-panel"><h2 class="w-h2">{}</h2><ul>'
            '<li><a href="{}?status=new">{}</a></li><li><a href="{}">{}</a></li></ul></section>',
            _("Intake"),
            index,
            _("New questions: %(count)s") % {"count": new},
            index,
            _("Assigned to you and still open: %(count)s") % {"count": mine},
        )


@hooks.register("construct_homepage_panels")
def add_intake_panel(request, panels):
    if request.user.has_perm("intake.view_submission"):
        panels.append(IntakeDashboardPanel(request.user))


# What the form keeps, for the privacy statement (home/privacy.py).
hooks.register(PERSONAL_DATA_HOOK, intake_personal_data, order=10)
