from django.urls import path

from . import views

urlpatterns = [
    path("challenges/open-calls.ics", views.open_calls_ics, name="challenges-open-calls-ics"),
    path("challenges/<int:page_id>.ics", views.deadline_ics, name="challenges-deadline-ics"),
]
