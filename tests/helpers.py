"""Small helpers the tests share: parse a page and read what a visitor sees."""

import contextlib
import json
import os
from html.parser import HTMLParser

from config.settings import base

DATABASE_TASKS = base.TASKS  # the worker's backend; the test settings run tasks at once

# Prices an editor might set: the demo has none (FACTS.md knows no price), but the composer's arithmetic
# (totals per unit, starting prices, on request apart) needs some. (kind, amount, Dutch unit, English unit)
DEMO_PRICES = {
    "verandertraject-sociaal-ondernemen": ("from", 7500, "", ""),
    "workshop-sociaal-inkopen": ("fixed", 1250, "per groep", "per group"),
    "inkoopscan": ("from", 3000, "", ""),
    "groeiprogramma": ("from", 2500, "", ""),
    "coachingstraject": ("fixed", 750, "", ""),
    "startersworkshop": ("fixed", 75, "per deelnemer", "per participant"),
    "incubatietraject": ("from", 1500, "per deelnemer", "per participant"),
    "vergaderzaal-huren": ("fixed", 175, "per dagdeel", "per half-day"),
    "lidmaatschap": ("from", 500, "per jaar", "per year"),
    "impactmeting-sroi": ("from", 3500, "", ""),
}

# Programmes an editor might link to cases: the demo links none (FACTS.md names none), but the case
# filters by programme need some. Case slug -> programme slugs.
DEMO_PROGRAMME_LINKS = {
    "gemeente-utrecht": ["plan-einstein", "buy-social", "challenges"],
    "jaarbeurs-band-op-spanning": ["buy-social"],
}


def examples(count):
    """``count`` Hypothesis examples for a test that asks for its own search depth, the fast profile's few in
    ``make test-fast`` (``HYPOTHESIS_PROFILE=fast``): a ``@settings(max_examples=...)`` overrides every profile."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "fast":
        from hypothesis import settings

        return min(count, settings.get_profile("fast").max_examples)
    return count


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


class Page:
    """A rendered HTML response, with a few questions a test asks of it."""

    def __init__(self, response):
        self.response = response
        self.html = response.content.decode()
        collector = _Collector()
        collector.feed(self.html)
        self.elements = collector.elements
        self.text = " ".join(" ".join(collector.text).split())

    def find_all(self, tag, **attrs):
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    @property
    def lang(self):
        return self.find_all("html")[0].get("lang")

    @property
    def hreflangs(self):
        return {link["hreflang"]: link["href"] for link in self.find_all("link", rel="alternate")}

    @property
    def canonical(self):
        links = self.find_all("link", rel="canonical")
        return links[0]["href"] if links else None

    def switcher_links(self):
        return {a["hreflang"]: a["href"] for a in self.find_all("a", rel="alternate")}

    def h1(self):
        start = self.html.index("<h1")
        return self.html[self.html.index(">", start) + 1 : self.html.index("</h1>", start)]


def structured_data(html):
    """The page's schema.org graph (its one JSON-LD block) by node type: ``{"Event": {...}, ...}``."""
    opening = '<script type="application/ld+json">'
    assert html.count(opening) == 1, "one JSON-LD block per page"
    start = html.index(opening) + len(opening)
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def fresh(value):
    """``value`` re-read from the database, so one test's changes to an instance never reach the next.

    Models are read again; lists, tuples and dicts of them are copied with their models read again.
    """
    if isinstance(value, list | tuple):
        return type(value)(fresh(item) for item in value)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    from django.db.models import Model

    if isinstance(value, Model):
        return type(value)._default_manager.get(pk=value.pk)
    return value


def get_page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return Page(response)


def _backend(cache):
    """The cache backend itself: ``django.core.cache.cache`` is a proxy that isinstance() cannot see through."""
    alias = getattr(cache, "_alias", None)
    return cache._connections[alias] if alias else cache


def own_cache_keys(cache):
    """The keys this test run has in ``cache`` (for Redis: only those under its own KEY_PREFIX)."""
    from django_redis.cache import RedisCache

    cache = _backend(cache)
    if isinstance(cache, RedisCache):
        if not cache.key_prefix:
            raise RuntimeError("A Redis cache in tests needs a KEY_PREFIX of its own (config/settings/test.py)")
        client = cache.client.get_client(write=True)
        return [key.decode() for key in client.scan_iter(match=f"{cache.key_prefix}:*", count=500)]
    return list(cache._cache)  # LocMemCache: a dictionary of this process alone


def clear_own_cache_keys(cache):
    """Empty the cache of this test run, never anyone else's keys in a shared Redis."""
    from django_redis.cache import RedisCache

    cache = _backend(cache)
    if isinstance(cache, RedisCache):
        keys = own_cache_keys(cache)
        if keys:
            cache.client.get_client(write=True).delete(*keys)
    else:
        cache.clear()


def run_task_worker(max_tasks=None):
    """What ``manage.py db_worker --batch`` does, in this process and this test's transaction."""
    from unittest import mock

    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # The worker drops stale connections between tasks; here that would end the test's transaction.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker.run()


def user_in(username, group_name):
    """A user whose rights come only from one of the groups the data migrations made."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@sif.example", "wachtwoord")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def client_for(user):
    """A test client logged in as ``user``, in Dutch, as the hub's editors use the admin."""
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    return client


def in_thread(function, *args):
    """Run ``function`` in a thread of its own, with its own database connection, and return its result.

    For the concurrency tests on PostgreSQL: what the thread writes is committed, outside the test's transaction.
    """
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def run():
        try:
            return function(*args)
        finally:
            connection.close()  # the thread's own connection (Django's connections are per thread)

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


@contextlib.contextmanager
def tasks_after():
    """Tasks queued inside run at the end, each task with the same arguments once, as the worker runs them.

    The tests' task backend runs a task the moment it is queued; the site's (a database queue and its
    worker) runs it later. The demo loader saves each page several times over (created, published,
    translated, its translation published), and each save queues Wagtail's reference-index and search-index
    update of the object: 871 tasks for 272 objects, 6 of the demo's 15 seconds here. Run after the load,
    each once, they make the same indexes (tests/test_demo_loader.py compares them). Wagtail's per-object
    tasks go through the site's ``for_existing_object``, which skips an object deleted meanwhile, as the
    worker does (ops/tasks.py).
    """
    from django.test.utils import override_settings
    from django_tasks import default_task_backend

    from ops.tasks import OBJECT_TASKS, for_existing_object

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        yield
        queued = list(default_task_backend.results)
    done = set()
    for result in queued:
        arguments = (result.task.module_path, repr(result.args), repr(sorted(result.kwargs.items())))
        if arguments in done:
            continue
        done.add(arguments)
        if result.task.module_path in OBJECT_TASKS and len(result.args) == 3 and not result.kwargs:
            for_existing_object.call(result.task.module_path, *result.args)
        else:
            result.task.call(*result.args, **result.kwargs)


def make_renditions(share_images=False):
    """Every rendition the site's image presets can ask for, of every image in the database.

    tests/conftest.py commits them with the session's content (a rendition made during a test is rolled
    back with it, and the next test that shows the same image encoded the same files again: an eighth of
    the suite's time); the browser tests' server keeps them in its kept copy, with each image's share
    rendition (``share_images``: the ``og:image`` its pages name).
    """
    from wagtail.images import get_image_model

    from home.images import PRESETS, preset_filters
    from search.seo import SHARE_IMAGE_SPEC

    for image in get_image_model().objects.all():
        for preset in PRESETS:
            image.get_renditions(*preset_filters(preset, image.is_svg()))
        if share_images and not image.is_svg():
            image.get_rendition(SHARE_IMAGE_SPEC)
