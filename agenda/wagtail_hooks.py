from wagtail import hooks

from home.hub import HUB_SECTIONS_HOOK

from .hub import next_events

hooks.register(HUB_SECTIONS_HOOK, next_events, order=31)
