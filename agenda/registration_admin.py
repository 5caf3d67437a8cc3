"""Registrations in the admin, for the group "Event organisers" only: per event, export, attendance, cancelling.

An organiser never edits a seat by hand. The edit screen offers the status changes that
make sense from where a registration stands (a registered person attended, or
cancels); cancelling goes through ``seats.cancel``, which frees the seat and offers it
to the first person waiting, exactly as the link in the person's e-mail does.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from intake.guarantees import SafeExportIndexView

from . import seats
from .models import EventPage
from .registrations import Registration, RegistrationStatus

Status = RegistrationStatus

# Where an organiser may move a registration from each status (the status itself keeps it as it is).
CHANGES = {
    Status.REGISTERED: [Status.ATTENDED, Status.CANCELLED],
    Status.ATTENDED: [Status.REGISTERED],
    Status.OFFERED: [Status.CANCELLED],
    Status.WAITING: [Status.CANCELLED],
}


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations come only from the public form and leave through retention: no adding, no deleting."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))


def _events(request):
    """The events in the site's main language, where every registration is kept."""
    return EventPage.objects.filter(locale=Locale.get_default()).order_by("-starts_at")


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(label=_("event"), queryset=_events)

    class Meta:
        model = Registration
        fields = ["event", "status", "language"]


class RegistrationIndexView(SafeExportIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class RegistrationForm(WagtailAdminModelForm):
    """The status, limited to the changes that make sense from the current one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.status
        allowed = [current, *CHANGES.get(current, [])]
        field = self.fields["status"]
        field.choices = [(value, label) for value, label in Status.choices if value in allowed]
        if len(allowed) == 1:
            field.disabled = True

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status != self.instance.status and status not in CHANGES.get(self.instance.status, []):
            raise forms.ValidationError(_("This registration cannot get that status now."))
        return status


class RegistrationEditView(EditView):
    """Cancelling goes through the seats (frees the seat, offers it on); attendance is a plain save."""

    def save_instance(self):
        new_status = self.form.cleaned_data["status"]
        if new_status == Status.CANCELLED:
            registration = Registration.objects.get(pk=self.object.pk)
            seats.cancel(registration)
            registration.refresh_from_db()
            return registration
        return super().save_instance()


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = "agenda_registrations"
    url_prefix = "agenda/registrations"
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    edit_view_class = RegistrationEditView
    filterset_class = RegistrationFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["event", "status", "name", "email", "organisation", "needs", "language", "created_at"]
    list_display = ["name", "event", "status", "language", "created_at"]
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None
    list_export = [
        "pk",
        "event",
        "get_status_display",
        "name",
        "email",
        "organisation",
        "needs",
        "language",
        "created_at",
    ]
    export_headings = {"pk": _("Number"), "event": _("Event"), "get_status_display": _("Status")}
    export_filename = "event-registrations"
    edit_handler = ObjectList(
        [
            FieldPanel("status"),
            MultiFieldPanel(
                [
                    FieldPanel(name, read_only=True)
                    for name in ("event", "name", "email", "organisation", "needs", "language", "created_at")
                ],
                heading=_("What was sent"),
            ),
        ],
        base_form_class=RegistrationForm,
    )
