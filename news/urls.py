from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

urlpatterns = [
    # /nl/actueel/atom.xml and /en/news/atom.xml. A slug has no dot, so no page can hide it.
    path(pgettext_lazy("URL of the news feed", "news/atom.xml"), views.atom_feed, name="news-feed"),
]
