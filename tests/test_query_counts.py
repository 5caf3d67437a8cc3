"""Cold-path queries per public page type, both languages: a ceiling at what the pages cost now.

Measured as the hub tests do: the second request of a warm process, with the page cache off (the
test settings), so every query of a render counts. Issue 12 aims at 10 or fewer; Wagtail's routing
alone costs two queries per level of the tree, so these ceilings record where the pages stand and
stop them from growing (tests/test_hub_queries.py checks that counts do not grow with the content).
With the page cache on, a repeated anonymous GET costs none (tests/test_page_cache.py).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

CEILINGS = [
    ("/nl/", 22),
    ("/en/", 23),
    ("/nl/cases/", 21),
    ("/en/cases/", 22),
    ("/nl/cases/gemeente-utrecht/", 23),
    ("/en/cases/gemeente-utrecht/", 24),
    ("/nl/programmas/", 15),
    ("/en/programmes/", 16),
    ("/nl/programmas/challenges/", 21),
    ("/en/programmes/challenges/", 22),
    ("/nl/menukaart/", 15),
    ("/en/service-menu/", 16),
    ("/nl/menukaart/inkoopscan/", 21),
    ("/en/service-menu/procurement-scan/", 22),
    ("/nl/vraagstuk/", 16),
    ("/en/your-question/", 17),
    ("/nl/privacy/", 13),
    ("/en/privacy/", 14),
]


@pytest.mark.parametrize(("url", "ceiling"), CEILINGS, ids=[url for url, _ in CEILINGS])
def test_cold_render_stays_under_its_ceiling(client, url, ceiling):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert "<main" in response.content.decode()
    count = len(context)
    print(f"{url}: {count} queries")
    assert count <= ceiling, "\n".join(query["sql"][:200] for query in context.captured_queries)
