"""The intake takes no personal data without a live privacy statement to consent to.

Unset, unpublished or expired: both language versions of the form show a notice
instead of the form, and a POST stores nothing and queues no e-mail.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from home.models import SiteSettings
from intake.models import OutgoingEmail, Submission
from tests.helpers import Page, get_page
from tests.test_intake import EN_URL, NL_URL, valid_data

pytestmark = pytest.mark.django_db

NOTICE = {
    NL_URL: ("Het formulier is even gesloten", "privacyverklaring"),
    EN_URL: ("The form is closed for a moment", "privacy statement"),
}


def privacy_pages():
    dutch = SiteSettings.objects.get().privacy_page.specific
    return dutch, dutch.get_translation(Locale.objects.get(language_code="en"))


def assert_closed(client, url):
    page = get_page(client, url)
    heading, mention = NOTICE[url]
    assert heading in page.text
    assert mention in page.text
    assert not page.find_all("form", method="post"), "no form while there is no privacy statement"
    assert not page.find_all("input", name="email")
    assert page.response["Cache-Control"] == "no-store"
    settings_email = SiteSettings.objects.get().email
    if settings_email:
        assert page.find_all("a", href=f"mailto:{settings_email}"), "the visitor can still reach the hub"

    response = client.post(url, valid_data())
    assert response.status_code == 200
    assert heading in Page(response).text
    assert not Submission.objects.exists()
    assert not OutgoingEmail.objects.exists()


def assert_open(client, url, privacy_href):
    page = get_page(client, url)
    assert page.find_all("form", method="post")
    assert page.find_all("a", href=privacy_href)


@pytest.mark.parametrize("url", [NL_URL, EN_URL])
def test_no_privacy_statement_chosen_closes_the_form(client, url):
    SiteSettings.objects.update(privacy_page=None)
    assert_closed(client, url)


@pytest.mark.parametrize("url", [NL_URL, EN_URL])
def test_unpublished_privacy_statement_closes_the_form_in_both_languages(client, url):
    dutch, english = privacy_pages()
    # Around the admin's guard (editorial/guards.py refuses this in the admin): e.g. a script or a scheduled unpublish.
    english.unpublish()
    dutch.unpublish()
    assert_closed(client, url)
    dutch.save_revision().publish()
    english.save_revision().publish()
    assert_open(client, url, "/nl/privacy/" if url == NL_URL else "/en/privacy/")


@pytest.mark.parametrize("url", [NL_URL, EN_URL])
def test_expired_privacy_statement_closes_the_form_before_the_expiry_job_ran(client, url):
    dutch, english = privacy_pages()
    past = timezone.now() - timedelta(minutes=1)
    WagtailPage.objects.filter(pk__in=[dutch.pk, english.pk]).update(expire_at=past)
    assert WagtailPage.objects.get(pk=dutch.pk).live, "still live: publish_scheduled has not run"
    assert_closed(client, url)


def test_english_form_stays_open_on_the_dutch_statement_when_only_the_english_one_is_gone(client):
    _dutch, english = privacy_pages()
    english.unpublish()
    assert_open(client, EN_URL, "/nl/privacy/")
    assert_open(client, NL_URL, "/nl/privacy/")


def test_a_statement_that_expires_later_keeps_the_form_open(client):
    dutch, english = privacy_pages()
    WagtailPage.objects.filter(pk__in=[dutch.pk, english.pk]).update(expire_at=timezone.now() + timedelta(days=1))
    assert_open(client, NL_URL, "/nl/privacy/")
    assert_open(client, EN_URL, "/en/privacy/")
