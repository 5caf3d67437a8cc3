from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

# Under the language prefix (config/urls.py): /nl/agenda/archief/, /en/events/archive/ and the .ics files.
urlpatterns = [
    path(_("events/archive/"), views.archive, name="agenda-archive"),
    path(_("events/calendar.ics"), views.feed_ics, name="agenda-feed"),
    path(_("events/<int:page_id>.ics"), views.event_ics, name="agenda-event-ics"),
]
