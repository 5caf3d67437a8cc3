from wagtail import hooks

from intake.carried import CARRIED_ITEMS_HOOK

from .intake_items import carried_items

hooks.register(CARRIED_ITEMS_HOOK, carried_items)
