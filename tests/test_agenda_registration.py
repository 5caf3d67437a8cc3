"""Registration for events: seats shared by both languages, the waiting list, offers of freed seats,
the mails (each once, through the intake's outbox), the staff's list and retention (capacity under
concurrency on PostgreSQL: test_agenda_concurrency.py).

Times are frozen with time-machine; the small site's events start on 10 March 2027.
"""

import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from agenda import registration_due, registration_retention, seats
from agenda.choices import EventStatus
from agenda.registrations import Registration, RegistrationStatus
from intake import form_guard
from intake.mail import send_due
from intake.submissions import OutgoingEmail
from tests.agenda_factories import add_event, amsterdam, make_agenda
from tests.helpers import client_for, get_page, structured_data, user_in

pytestmark = pytest.mark.django_db

NOW = amsterdam(2027, 3, 1, 10)
Status = RegistrationStatus


def shared_content(site_tree):
    """The agenda and a workshop with 5 seats and an online link, both in both languages, made at ``NOW``;
    shared by the module's tests (``module_content``)."""
    with time_machine.travel(NOW, tick=False):
        agenda = make_agenda(site_tree)
        event = add_event(agenda, "Werken aan impact", capacity=5, online_url="https://meet.example/geheim")
    return {"agenda": agenda, "event": event}


@pytest.fixture
def agenda(shared):
    """The agenda in both languages: {"nl": page, "en": page}; it holds the workshop of ``event``."""
    return shared["agenda"]


@pytest.fixture
def event(shared):
    """A workshop with 5 seats and an online link, in both languages: (nl, en)."""
    return shared["event"]


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def form_data(**fields):
    return {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "organisation": "",
        "needs": "",
        "consent": "on",
        "website": "",
        "form_token": form_guard.new_form_token(),
        **fields,
    }


def post(client, page, **fields):
    return client.post(page.url, form_data(**fields))


def register(page, email="ada@example.org", language="nl", created_at=None):
    """A registration stored as the form stores it, without the HTTP round trip."""
    registration = Registration(
        event=seats.registration_event(page), language=language, name="Naam", email=email, consent_at=NOW
    )
    if created_at:
        registration.created_at = created_at
    with transaction.atomic():
        seats.register(registration)
    return registration


def emails(kind=None, registration=None):
    rows = OutgoingEmail.objects.filter(about_type=ContentType.objects.get_for_model(Registration))
    if kind:
        rows = rows.filter(kind=kind)
    if registration:
        rows = rows.filter(about_id=registration.pk)
    return rows


def link_of(email):
    return re.search(r"https?://\S+\?registration=\S+", email.body_text).group(0)


def token_of(link):
    return unquote(link.split("registration=")[1])


# The form ------------------------------------------------------------------------------------


def test_registrations_from_both_languages_share_the_seats_and_are_confirmed_in_their_language(client, event):
    nl, en = event
    shown = get_page(client, nl.url)
    assert "5 plaatsen vrij" in shown.text
    assert client.get(en.url).status_code == 200
    first = post(client, nl)
    second = post(client, en, email="grace@example.org")
    assert first.status_code == second.status_code == 303
    rows = list(Registration.objects.order_by("pk"))
    assert [(r.event_id, r.language, r.status, r.seat) for r in rows] == [
        (nl.pk, "nl", Status.REGISTERED, 1),
        (nl.pk, "en", Status.REGISTERED, 2),
    ]
    assert nl.seats_left() == en.seats_left() == 3
    thanks = get_page(client, first["Location"])
    assert "Bedankt voor je aanmelding" in thanks.text and "Ada" not in thanks.text
    send_due()
    by_address = {message.to[0]: message for message in mail.outbox}
    dutch, english = by_address["ada@example.org"], by_address["grace@example.org"]
    assert dutch.subject.startswith("Je bent aangemeld: Werken aan impact")
    assert english.subject.startswith("You are registered: Werken aan impact (EN)")
    # The seat holder gets the online link; nothing typed into the form is repeated.
    assert "https://meet.example/geheim" in dutch.body and "Ada" not in dutch.body
    assert "/en/" in link_of(emails("confirmation", rows[1]).get())


def test_an_english_page_not_synced_yet_counts_with_the_seats_of_the_dutch_page(client, event):
    nl, en = event
    for number in range(5):
        register(nl, email=f"p{number}@example.org")
    # An editor gives the Dutch page three more seats; its English translation, not synced yet, still says 5.
    type(nl).objects.filter(pk=nl.pk).update(capacity=8)
    english, dutch = get_page(client, en.url), get_page(client, nl.url)
    assert "3 seats left." in english.text and "Nog 3 plaatsen vrij." in dutch.text
    assert "Join the waiting list" not in english.text and "Register" in english.text
    offers = [structured_data(page.html)["Event"]["offers"]["availability"] for page in (english, dutch)]
    assert offers == ["https://schema.org/InStock"] * 2
    assert type(en).objects.get(pk=en.pk).seats_left() == 3


def test_an_english_page_offers_no_form_once_the_dutch_page_takes_no_registrations(client, event):
    nl, en = event
    type(nl).objects.filter(pk=nl.pk).update(capacity=None)  # the English translation, not synced, still says 5
    english = get_page(client, en.url)
    assert 'name="form_token"' not in english.html and "seats left" not in english.text
    assert post(client, en).status_code == 409 and not Registration.objects.exists()


def test_the_same_form_sent_twice_is_stored_once(client, event):
    nl, _en = event
    data = form_data()
    assert client.post(nl.url, data).status_code == 303
    again = client.post(nl.url, data)
    assert again.status_code == 200
    assert "al verstuurd" in again.content.decode()
    assert Registration.objects.count() == 1


def test_the_sixth_of_five_lands_on_the_waiting_list_without_the_online_link(client, event):
    nl, _en = event
    for number in range(5):
        register(nl, email=f"p{number}@example.org")
    assert "Meld je aan voor de wachtlijst" in get_page(client, nl.url).html
    response = post(client, nl, email="zes@example.org")
    sixth = Registration.objects.get(email="zes@example.org")
    assert (sixth.status, sixth.seat) == (Status.WAITING, None)
    assert "wachtlijst" in get_page(client, response["Location"]).text
    confirmation = emails("confirmation", sixth).get()
    assert "wachtlijst" in confirmation.subject and "meet.example" not in confirmation.body_text
    assert nl.seats_left() == 0
    assert nl.structured_data(None, nl.full_url, None)["offers"]["availability"].endswith("SoldOut")


def test_errors_are_shown_in_the_visitors_language_and_nothing_is_stored(client, event):
    _nl, en = event
    response = client.post(en.url, form_data(name="", consent=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#id_name"' in html and "Enter your name." in html
    assert Registration.objects.count() == 0


def test_over_the_rate_limit_the_form_answers_429_with_what_was_typed(client, event, settings):
    settings.INTAKE_RATE_LIMIT_PER_HOUR = 1
    nl, _en = event
    assert post(client, nl).status_code == 303
    response = post(client, nl, email="tweede@example.org", name="Tweede Persoon")
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert 'value="Tweede Persoon"' in response.content.decode()
    assert Registration.objects.count() == 1


def test_the_editors_preview_shows_the_form(admin, event):
    from django.contrib.auth import get_user_model

    from tests.test_admin_previews import page_form_data

    nl, _en = event
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[nl.pk])
    admin.post(url, page_form_data(nl, get_user_model().objects.get(username="beheer")))
    response = admin.get(url)
    assert response.status_code == 200 and 'name="consent"' in response.content.decode()


@pytest.mark.parametrize("field", ["name", "email", "organisation", "needs"])
@pytest.mark.parametrize("value", ["\x00", "a\x00b", "x" * 10_000, "a" * 250 + "@example.org", "Evil\r\nBcc: x@y.z"])
def test_nasty_input_gets_an_answer_never_a_server_error(client, event, field, value):
    _nl, en = event
    response = post(client, en, **{field: value})
    assert response.status_code in (200, 303)
    if response.status_code == 200:
        assert "There is a problem" in response.content.decode()
        assert Registration.objects.count() == 0
    else:
        stored = Registration.objects.get()
        assert "\n" not in stored.name and "\n" not in stored.organisation


def test_a_filled_honeypot_is_kept_as_spam_without_a_seat_or_an_email(client, event):
    nl, _en = event
    assert post(client, nl, website="https://spam.example").status_code == 303
    registration = Registration.objects.get()
    assert (registration.status, registration.seat) == (Status.SPAM, None)
    assert not emails().exists()
    assert nl.seats_left() == 5


@pytest.mark.parametrize("closed", ["past", "cancelled", "no capacity"])
def test_a_closed_registration_refuses_a_post(client, agenda, closed):
    fields = {
        "past": {"capacity": 5, "starts_at": amsterdam(2027, 2, 1, 14)},
        "cancelled": {"capacity": 5, "status": EventStatus.CANCELLED},
        "no capacity": {"capacity": None},
    }[closed]
    nl, _en = add_event(agenda, "Gesloten", **fields)
    assert "<form" not in get_page(client, nl.url).html.split('id="registration"')[1]
    response = post(client, nl)
    assert response.status_code == 409
    assert Registration.objects.count() == 0


def test_an_event_closed_while_the_form_was_on_its_way_takes_nothing(agenda):
    nl, _en = add_event(agenda, "Net dicht", capacity=5)
    type(nl).objects.filter(pk=nl.pk).update(status=EventStatus.CANCELLED)  # nl still says scheduled
    with pytest.raises(seats.RegistrationClosed), transaction.atomic():
        seats.register(Registration(event=nl, language="nl", name="Laat", email="laat@example.org"))
    assert Registration.objects.count() == 0


# Cancelling and offers -----------------------------------------------------------------------


def test_cancelling_through_the_mail_link_offers_the_seat_to_the_first_waiting_once(client, event):
    nl, en = event
    holders = [register(nl, email=f"p{number}@example.org") for number in range(5)]
    first_waiting = register(en, email="wacht1@example.org", language="en")
    register(nl, email="wacht2@example.org")
    link = link_of(emails("confirmation", holders[0]).get())
    shown = get_page(client, link)
    assert "Afmelden" in shown.text and shown.response["Cache-Control"] == "private, no-store"
    token = token_of(link)
    response = client.post(nl.url, {"registration": token, "action": "cancel"})
    assert response.status_code == 303
    holders[0].refresh_from_db()
    first_waiting.refresh_from_db()
    assert (holders[0].status, holders[0].seat) == (Status.CANCELLED, None)
    assert (first_waiting.status, first_waiting.seat) == (Status.OFFERED, 1)
    assert first_waiting.offer_expires_at == NOW + timedelta(hours=24)
    call_command("agenda_due_mail", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("agenda_due_mail", stdout=open("/dev/null", "w"))  # noqa: SIM115
    offer = emails("offer").get()
    assert offer.about_id == first_waiting.pk and offer.subject.startswith("A seat came free for you")
    assert "meet.example" not in offer.body_text
    # Accepting through the offer's link: registered, with the online link this time.
    offer_token = token_of(link_of(offer))
    assert "Accept the seat" in get_page(client, link_of(offer)).text
    client.post(en.url, {"registration": offer_token, "action": "accept"})
    first_waiting.refresh_from_db()
    assert first_waiting.status == Status.REGISTERED
    accepted = [e for e in emails("confirmation", first_waiting) if e.subject.startswith("You are registered")]
    assert len(accepted) == 1 and "meet.example/geheim" in accepted[0].body_text


def test_the_page_cache_never_answers_a_link_with_the_plain_page(client, event, settings):
    """Once the event is closed its page is cached; a cancel link still shows the person's own registration."""
    settings.PAGE_CACHE_ENABLED = True
    nl, _en = event
    registration = register(nl)
    type(nl).objects.filter(pk=nl.pk).update(capacity=None)
    assert client.get(nl.url).status_code == 200
    assert client.get(nl.url).headers.get("ETag")  # stored: the plain page is cacheable now
    shown = get_page(client, f"{nl.url}?registration={registration.link_token()}")
    assert "Je aanmelding" in shown.text


def test_a_link_token_works_only_on_its_own_event(client, agenda, event):
    nl, _en = event
    other, _ = add_event(agenda, "Ander", capacity=5)
    token = register(nl).link_token()
    assert client.get(f"{other.url}?registration={token}").status_code == 404
    assert client.get(f"{nl.url}?registration=vervalst").status_code == 404


def test_an_expired_offer_passes_on_to_the_next_in_line(event):
    nl, _en = event
    holders = [register(nl, email=f"p{number}@example.org") for number in range(5)]
    first, second = register(nl, email="w1@example.org"), register(nl, email="w2@example.org")
    seats.cancel(holders[2])
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    registration_due.run(now=NOW + timedelta(hours=23))
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    registration_due.run(now=NOW + timedelta(hours=25))
    registration_due.run(now=NOW + timedelta(hours=25))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.seat) == (Status.OFFER_EXPIRED, None)
    assert (second.status, second.seat) == (Status.OFFERED, 3)
    assert emails("offer").count() == 2
    assert seats.accept_offer(first) is False


def test_an_offer_is_held_for_the_set_hours_and_never_past_the_start(agenda, settings):
    settings.AGENDA_OFFER_HOURS = 2
    nl, _en = add_event(agenda, "Kort", capacity=1, starts_at=NOW + timedelta(hours=30))
    holder, waiting = register(nl), register(nl, email="w@example.org")
    seats.cancel(holder)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == NOW + timedelta(hours=2)
    settings.AGENDA_OFFER_HOURS = 48
    seats.cancel(waiting)
    late = register(nl, email="laat@example.org")
    assert late.status == Status.REGISTERED  # nobody waits any more: the seat is simply taken
    other = register(nl, email="w2@example.org")
    seats.cancel(late)
    other.refresh_from_db()
    assert other.offer_expires_at == nl.starts_at


# The timer: reminders and cancellation notices --------------------------------------------------


def test_a_reminder_goes_the_day_before_to_each_registered_person_once(event):
    nl, _en = event
    seated = [register(nl, email=f"p{number}@example.org") for number in range(5)]
    waiting = register(nl, email="w@example.org")
    day_before = amsterdam(2027, 3, 9, 15)
    registration_due.run(now=amsterdam(2027, 3, 8, 15))
    assert not emails("reminder").exists()
    registration_due.run(now=day_before)
    registration_due.run(now=day_before + timedelta(hours=1))
    reminders = emails("reminder")
    assert sorted(reminders.values_list("about_id", flat=True)) == sorted(r.pk for r in seated)
    assert not reminders.filter(about_id=waiting.pk).exists()
    assert "meet.example/geheim" in reminders.first().body_text


def test_cancelling_the_event_notifies_each_person_once(event):
    nl, en = event
    seated = [register(nl, email=f"p{number}@example.org") for number in range(5)]
    waiting = register(nl, email="w@example.org")
    for page in (nl, en):
        page.status = EventStatus.CANCELLED
        page.save_revision().publish()
    call_command("agenda_due_mail", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("agenda_due_mail", stdout=open("/dev/null", "w"))  # noqa: SIM115
    notices = emails("cancellation")
    assert sorted(notices.values_list("about_id", flat=True)) == sorted(r.pk for r in [*seated, waiting])
    assert all("meet.example" not in notice.body_text for notice in notices)
    assert notices.first().subject.startswith("Geannuleerd: Werken aan impact")


def test_publishing_the_event_as_cancelled_notifies_at_once(event, django_capture_on_commit_callbacks):
    nl, _en = event
    seated = register(nl)
    nl.status = EventStatus.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        nl.save_revision().publish()
    assert list(emails("cancellation").values_list("about_id", flat=True)) == [seated.pk]


def test_a_raised_capacity_offers_the_new_seats_to_those_waiting_first(client, event):
    nl, _en = event
    for number in range(5):
        register(nl, email=f"p{number}@example.org")
    waiting = register(nl, email="w@example.org")
    type(nl).objects.filter(translation_key=nl.translation_key).update(capacity=6)
    nl.refresh_from_db()
    assert registration_due.run()["seats offered"] == 1
    waiting.refresh_from_db()
    assert (waiting.status, waiting.seat) == (Status.OFFERED, 6)
    assert registration_due.run()["seats offered"] == 0


def test_the_privacy_statement_says_what_registration_keeps_and_for_how_long(client, site_tree, settings):
    settings.INTAKE_RETENTION_MONTHS = 18
    text = get_page(client, site_tree.privacy_nl.url).text
    assert "Aanmeldingen voor onze evenementen" in text
    assert "18 maanden na de laatste wijziging van je aanmelding" in text


# Counting without a query per event -----------------------------------------------------------


def test_the_agenda_counts_seats_left_for_all_events_in_its_own_query(agenda, django_assert_num_queries):
    for number in range(3):
        nl, _en = add_event(agenda, f"Workshop {number}", capacity=4)
        for _ in range(number):
            register(nl, email=f"p{number}{_}@example.org")
    events = list(agenda["en"].specific.events().filter(title__startswith="Workshop").order_by("starts_at", "pk"))
    with django_assert_num_queries(0):
        assert [event.seats_left() for event in events] == [4, 3, 2]


# Staff -----------------------------------------------------------------------------------------


@pytest.fixture
def organiser(db):
    return client_for(user_in("organisator", "Event organisers"))


def test_organisers_see_export_mark_attendance_and_cancel_on_someones_behalf(organiser, event):
    nl, _en = event
    holders = [register(nl, email=f"p{number}@example.org") for number in range(5)]
    waiting = register(nl, email="w@example.org")
    index = reverse("agenda_registrations:index")
    listing = organiser.get(f"{index}?event={nl.pk}")
    assert listing.status_code == 200 and "p0@example.org" not in listing.content.decode()  # names, not addresses
    Registration.objects.filter(pk=waiting.pk).update(needs='=HYPERLINK("https://evil.example")')
    export = organiser.get(f"{index}?export=csv")
    csv = b"".join(export.streaming_content).decode()
    assert export.status_code == 200 and "w@example.org" in csv
    assert "'=HYPERLINK" in csv  # a spreadsheet reads it as text, not as a formula
    assert organiser.get(f"{index}?export=xlsx").status_code == 200
    inspect = organiser.get(reverse("agenda_registrations:inspect", args=[waiting.pk]))
    assert inspect.status_code == 200 and "w@example.org" in inspect.content.decode()
    edit = reverse("agenda_registrations:edit", args=[holders[0].pk])
    assert organiser.post(edit, {"status": Status.ATTENDED}).status_code == 302
    holders[0].refresh_from_db()
    assert holders[0].status == Status.ATTENDED
    organiser.post(reverse("agenda_registrations:edit", args=[holders[1].pk]), {"status": Status.CANCELLED})
    holders[1].refresh_from_db()
    waiting.refresh_from_db()
    assert (holders[1].status, waiting.status) == (Status.CANCELLED, Status.OFFERED)
    # A waiting person cannot be given a seat by hand: that goes through the offer.
    organiser.post(reverse("agenda_registrations:edit", args=[waiting.pk]), {"status": Status.REGISTERED})
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED


def test_the_event_editor_links_to_its_registrations_for_those_who_may_see_them(admin, editor, event):
    _nl, en = event
    link = f"{reverse('agenda_registrations:index')}?event={event[0].pk}"
    edit = reverse("wagtailadmin_pages:edit", args=[en.pk])
    assert link in admin.get(edit).content.decode()
    as_editor = editor.get(edit)
    assert as_editor.status_code == 200 and link not in as_editor.content.decode()


def test_editors_cannot_see_registrations(editor, event):
    """Wagtail answers a page request without the right with a redirect and a message, a script with 403."""
    registration = register(event[0])
    for url in (
        reverse("agenda_registrations:index"),
        f"{reverse('agenda_registrations:index')}?export=csv",
        reverse("agenda_registrations:edit", args=[registration.pk]),
        reverse("agenda_registrations:inspect", args=[registration.pk]),
    ):
        assert editor.get(url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403, url
        response = editor.get(url)
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home")), url
    dashboard = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "ada@example.org" not in dashboard and reverse("agenda_registrations:index") not in dashboard


# Retention -------------------------------------------------------------------------------------


def test_registrations_are_anonymised_after_the_retention_period_with_their_emails(event):
    nl, _en = event
    registration = register(nl)
    assert emails(registration=registration).exists()
    with time_machine.travel(NOW + timedelta(days=800), tick=False):
        from django.utils import timezone

        line = registration_retention.purge(timezone.now())
    registration.refresh_from_db()
    assert "1 anonymised" in line
    assert (registration.name, registration.email, registration.anonymised_at is not None) == ("", "", True)
    assert not emails(registration=registration).exists()
