"""Same-site links from the request path, Permissions-Policy everywhere, the admin's CSP, no Gravatar."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url

from ops.security_headers import ADMIN_POLICY, PUBLIC_POLICY
from tests.helpers import Page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "other"), [("nl", "en"), ("en", "nl")])
@pytest.mark.parametrize("path", ["//evil.example/", "/\\evil.example/", "//evil.example/%2F..", "///evil.example"])
def test_the_404_language_switch_stays_on_this_site(client, language, other, path):
    response = client.get("/", PATH_INFO=path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    page = Page(response)
    assert page.lang == language
    (link,) = page.switcher_links().values()
    # However a browser reads it, the link leads to this site.
    assert urlsplit(urljoin("https://socialimpactfactory.nl/x/", link.replace("\\", "/"))).netloc == (
        "socialimpactfactory.nl"
    )
    assert "\\" not in link and not link.startswith("//")
    for element in page.elements:
        for value in element[1].values():
            assert not (value or "").startswith(("//evil", "http://evil", "https://evil"))


@pytest.mark.parametrize(
    ("path", "other", "target"), [("/nl/bestaat-niet/", "en", "/en/"), ("/en/missing/", "nl", "/nl/")]
)
def test_an_ordinary_404_still_offers_the_other_language(client, path, other, target):
    response = client.get(path)
    assert response.status_code == 404
    assert Page(response).switcher_links()[other].startswith(target)


@pytest.mark.parametrize("url", ["/nl/", "/en/", "/nl/bestaat-niet/", "/admin/login/", "/admin/"])
def test_every_response_has_a_permissions_policy(client, url):
    response = client.get(url)
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy


def test_the_admin_has_its_own_content_security_policy(admin_client, client):
    for response in (client.get("/admin/login/"), admin_client.get("/admin/"), admin_client.get("/admin/pages/")):
        assert response["Content-Security-Policy"] == ADMIN_POLICY
    assert "default-src 'self'" in ADMIN_POLICY and "object-src 'none'" in ADMIN_POLICY
    assert "frame-ancestors 'self'" in ADMIN_POLICY
    assert "unsafe-eval" not in ADMIN_POLICY
    assert "https:" not in ADMIN_POLICY and "*" not in ADMIN_POLICY


def test_public_pages_keep_the_strict_policy(client):
    response = client.get("/nl/")
    assert response["Content-Security-Policy"] == PUBLIC_POLICY
    assert "unsafe-inline" not in PUBLIC_POLICY


def test_public_pages_seen_by_a_logged_in_editor_keep_the_strict_policy(admin_client):
    """Wagtail's user bar needs nothing inline (tests/browser/test_admin_csp_browser.py checks it in a browser)."""
    response = admin_client.get("/nl/")
    assert response.status_code == 200
    assert "wagtail-userbar" in response.content.decode()
    assert response["Content-Security-Policy"] == PUBLIC_POLICY


def test_a_preview_is_left_to_the_admins_policy(rf, admin_user):
    """Wagtail renders a preview through a dummy request inside an admin view: its frame is the admin's own."""
    from wagtail.models import Page as WagtailPage

    home = WagtailPage.objects.get(depth=2, locale__language_code="nl").specific
    request = rf.get("/admin/")
    request.user = admin_user
    response = home.make_preview_request(request)
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response  # the admin view around it sets ADMIN_POLICY


def test_the_lockout_page_also_has_the_headers(client):
    from django.conf import settings

    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "niemand", "password": "fout-fout-fout"})
    response = client.post("/admin/login/", {"username": "niemand", "password": "fout-fout-fout"})
    assert response.status_code == 429
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Content-Security-Policy"] == ADMIN_POLICY


def test_no_gravatar_for_editors(admin_client):
    user = User.objects.get(username="admin") if User.objects.filter(username="admin").exists() else None
    user = user or User.objects.filter(is_superuser=True).first()
    assert "gravatar" not in avatar_url(user)
    assert "gravatar" not in admin_client.get("/admin/").content.decode()


@override_settings(WAGTAIL_GRAVATAR_PROVIDER_URL="//www.gravatar.com/avatar")
def test_the_gravatar_check_would_notice_a_gravatar(admin_client):
    user = User.objects.filter(is_superuser=True).first()
    assert "gravatar" in avatar_url(user)


# What already held in the probe stays tested ----------------------------------------------------------


@pytest.mark.parametrize(
    "target", ["//evil.example/", "https://evil.example/", "/\\evil.example/", "http:evil.example"]
)
def test_login_never_redirects_off_site(client, target):
    User.objects.create_user("sanne", "sanne@socialimpactfactory.nl", "fietsen langs de vecht 42", is_superuser=True)
    response = client.post(
        f"/admin/login/?next={target}",
        {"username": "sanne", "password": "fietsen langs de vecht 42", "next": target},
    )
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")) and "evil" not in location


@pytest.mark.parametrize(
    "path",
    [
        "/static/../config/settings/base.py",
        "/static/%2e%2e/manage.py",
        "/nl/../../etc/passwd",
        "/documents/../manage.py",
    ],
)
def test_paths_do_not_leave_the_site(client, path):
    response = client.get("/", PATH_INFO=path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"SECRET_KEY" not in body and b"root:" not in body and b"DJANGO_SETTINGS_MODULE" not in body
