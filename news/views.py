"""The Atom feed of the news, one per language (a URL pattern, not a page route: a page that routes
its own sub-paths would turn off the hub's one-query routing, see ``HomePage.route``)."""

import datetime
import uuid

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language

from home.contact import organisation
from home.localization import section_page
from search import seo

from .models import DatePrecision, NewsIndexPage

FEED_LENGTH = 20


def entry_id(item):
    """A stable id per item and language: the same after a change of title or slug (RFC 4287 atom:id)."""
    return uuid.uuid5(item.translation_key, item.locale.language_code).urn


def _updated(item):
    """When the item last changed as visitors see it; a page never published through Wagtail falls back."""
    moment = item.last_published_at or item.first_published_at or item.latest_revision_created_at
    return moment or timezone.make_aware(datetime.datetime.combine(item.date, datetime.time.min))


def atom_feed(request):
    """The newest items of the visitor's language; only a day-precise date is given as ``published``."""
    index = section_page(request, NewsIndexPage)
    if index is None:
        raise Http404
    index = index.specific
    items = list(index.items().select_related("locale")[:FEED_LENGTH])
    feed = Atom1Feed(
        title=index.title,
        link=seo.page_url(index, request),
        description=index.lead,
        subtitle=index.lead or None,
        language=get_language(),
        feed_url=seo.absolute_url(request.path, request),
        author_name=organisation(request).name,
    )
    for item in items:
        published = None
        if item.date_precision == DatePrecision.DAY:  # the start of that day in Amsterdam: no invented hour
            published = timezone.make_aware(datetime.datetime.combine(item.date, datetime.time.min))
        feed.add_item(
            title=item.title,
            link=seo.page_url(item, request),
            description=escape(item.summary),
            unique_id=entry_id(item),
            pubdate=published,
            updateddate=_updated(item),
        )
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response
