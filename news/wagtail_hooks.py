from wagtail import hooks

from home.hub import HUB_SECTIONS_HOOK

from .hub import latest_news

hooks.register(HUB_SECTIONS_HOOK, latest_news, order=32)
