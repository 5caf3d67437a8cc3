from wagtail import hooks

from home.hub import HUB_SECTIONS_HOOK

from .hub import challenges_link

hooks.register(HUB_SECTIONS_HOOK, challenges_link, order=35)
