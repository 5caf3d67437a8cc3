"""Items a visitor brings into the intake form from another part of the site: a declared interface.

``intake`` imports no app that sends visitors here with something chosen (import-linter
layers). Such an app (Buy Social: the enterprises a buyer wants quotes from) declares
what it carries with a provider for the ``sif_intake_carried_items`` hook, in its
``wagtail_hooks.py``::

    hooks.register(CARRIED_ITEMS_HOOK, quote_request_items)

A provider takes no arguments and returns ``CarriedItems``. Its links to the form read
``?topic=<topic>&<param>=<key>&<param>=<key>``: each item named by a key that is the
same in every language, as the menukaart names its services. The form offers the named
items that ``titles`` finds (ticked, so the visitor can untick one), and the submission
stores their keys with their titles as the visitor saw them, like themes and services.
Everything else is the intake's own: one transaction, the outbox mail, the form token,
the honeypot, the rate limit and the retention.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

CARRIED_ITEMS_HOOK = "sif_intake_carried_items"
# No request needs more; it also bounds the work a crafted URL can cause.
MAX_ITEMS = 20


@dataclass(frozen=True)
class CarriedItems:
    """What a topic carries into the form, and the texts the form shows for it (in the active language)."""

    topic: str  # a ``Topic`` value
    param: str  # the query parameter that names an item by its key (repeatable)
    label: str  # the heading of the items: on the form, the thank-you page, the e-mails
    help_text: str
    heading: str  # the form's heading for this topic
    lead: str
    question_label: str
    question_help: str
    titles: Callable  # (locale, keys) -> [(key, title)] of the live items among ``keys``


def for_topic(topic):
    """The ``CarriedItems`` an app declared for ``topic``, or None."""
    for provider in hooks.get_hooks(CARRIED_ITEMS_HOOK):
        items = provider()
        if items.topic == topic:
            return items
    return None


def keys(values):
    """The distinct, non-empty keys in ``values``, in order, at most ``MAX_ITEMS``."""
    found = []
    for value in list(values or [])[: MAX_ITEMS * 2]:
        value = str(value).strip()[:64]
        if value and value not in found:
            found.append(value)
    return found[:MAX_ITEMS]
