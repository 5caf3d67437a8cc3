"""`make stack`'s one-off commands: production settings plus the demo loader.

The app instances and the worker of the stack run ``config.settings.production``;
only ``load_demo`` (filling an empty stack database) runs with these.
"""

from .production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
