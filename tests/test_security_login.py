"""The admin login resists guessing (django-axes), and passwords must be strong."""

import logging
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from demo.management.commands import ensure_dev_admin

LOGIN = "/admin/login/"
GOOD = "kraanvogel-lokaal-2718"
WRONG = "Geheim-maar-fout-9931"

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("anouk", "anouk@socialimpactfactory.nl", GOOD)


def login(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail_ten_times(client, username="anouk", ip="203.0.113.7"):
    for _ in range(10):
        login(client, username, WRONG, ip=ip)


def test_a_wrong_password_is_refused_with_the_form_again(client, editor):
    response = login(client, "anouk", WRONG)
    assert response.status_code == 200
    assert b'name="password"' in response.content
    assert "_auth_user_id" not in client.session


def test_ten_wrong_passwords_lock_the_account_even_for_the_right_password(client, editor):
    fail_ten_times(client)
    response = login(client, "anouk", GOOD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in text and "Login temporarily blocked" in text
    assert "30 minuten" in text and "30 minutes" in text
    assert response["Retry-After"] == "1800"
    assert "_auth_user_id" not in client.session


def test_the_lockout_keeps_the_attacker_out_and_lets_the_owner_in_from_their_own_address(client, editor):
    """Ten wrong passwords from one address lock that address, not the account: its owner elsewhere still logs in."""
    fail_ten_times(client, ip="203.0.113.7")
    assert login(client, "anouk", GOOD, ip="203.0.113.7").status_code == 429
    assert login(client, "anouk", GOOD, ip="198.51.100.20").status_code == 302


def test_attackers_at_many_addresses_cannot_lock_the_owner_out(client, editor):
    for n in range(3):
        fail_ten_times(client, ip=f"203.0.113.{n + 10}")
    assert login(client, "anouk", GOOD, ip="198.51.100.20").status_code == 302


def test_the_address_is_locked_for_other_accounts_too(client, editor):
    get_user_model().objects.create_user("bram", "bram@socialimpactfactory.nl", GOOD, is_staff=True)
    fail_ten_times(client, username="iemand-anders", ip="203.0.113.7")
    assert login(client, "bram", GOOD, ip="203.0.113.7").status_code == 429
    # From elsewhere, that other account logs in as usual.
    assert login(client, "bram", GOOD, ip="198.51.100.20").status_code == 302


def test_nine_failures_then_success_resets_the_count(client, editor):
    for _ in range(9):
        login(client, "anouk", WRONG)
    assert login(client, "anouk", GOOD).status_code == 302
    client.logout()
    for _ in range(9):
        login(client, "anouk", WRONG)
    assert login(client, "anouk", GOOD).status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, editor, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    fail_ten_times(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
    assert login(client, "anouk", GOOD).status_code == 302


def test_failures_and_the_lockout_are_logged_by_account_id_without_name_or_password(client, editor, caplog):
    with caplog.at_level(logging.INFO, logger="axes"):
        fail_ten_times(client)
        login(client, "anouk", GOOD)
        login(client, "anouk", GOOD, ip="198.51.100.20")  # a successful login is logged by account id too
    assert "Successful login" in caplog.text
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert f'account: "#{editor.pk}"' in text
    assert "203.0.113.7" in text
    assert "locking out" in text.lower()
    assert "anouk" not in text
    assert WRONG not in text and GOOD not in text


TYPED_PASSWORDS = ["MyS3cret-Passw0rd!", "anouk@socialimpactfactory.nl", "Anouk"]


@pytest.mark.parametrize("typed", TYPED_PASSWORDS)
def test_what_was_typed_as_username_is_never_logged_or_stored(client, editor, caplog, typed):
    """A password typed into the username field (or a name no account has) appears in no log line and no record."""
    from axes.models import AccessAttempt

    caplog.set_level(logging.DEBUG)
    for _ in range(10):
        login(client, typed, WRONG)
    logged = "\n".join(
        f"{record.getMessage()} {getattr(record, 'event', '')} {record.args}" for record in caplog.records
    )
    assert "Locking out" in logged  # the lockout is logged, with what the site may keep
    assert typed not in logged and typed.lower() not in logged.lower()
    stored = " ".join(f"{a.username} {a.get_data} {a.post_data}" for a in AccessAttempt.objects.all())
    assert AccessAttempt.objects.exists()
    assert typed not in stored
    # The address is locked; the owner, elsewhere, is not.
    assert login(client, "anouk", GOOD).status_code == 429
    assert login(client, "anouk", GOOD, ip="198.51.100.20").status_code == 302


def test_the_spoofed_forwarded_for_does_not_escape_the_address_lock(client, editor, settings):
    """Behind one proxy the header counts, but not from a client that reaches the app directly."""
    settings.INTAKE_TRUSTED_PROXIES = 1
    for n in range(10):
        data = {"username": f"x{n}", "password": WRONG}
        client.post(LOGIN, data, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    response = client.post(
        LOGIN, {"username": "anouk", "password": GOOD}, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.9.9.99"
    )
    assert response.status_code == 429


WEAK = [
    "socialimpactfactory",
    "SocialImpactFactory",
    "Utrecht2026",
    "utrecht2026!",
    "Utrecht-2026-SIF",
    "S0cial-Impact-2026",
    "sif-lokaal",  # the old development password
    "wachtwoord12",
    "password1234",
    "kort-2026",
    "123456789012",
]


@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    ("language", "message"), [("en", "site's name or city"), ("nl", "naam of de stad van deze site")]
)
def test_the_site_name_message_is_clear(language, message):
    with translation.override(language), pytest.raises(ValidationError) as caught:
        validate_password("SocialImpactFactory2026")
    assert message in " ".join(caught.value.messages)


@pytest.mark.parametrize("password", [GOOD, "fietsen langs de vecht 42", "Utrechtse kraanvogels vliegen laag"])
def test_strong_passwords_pass(password):
    validate_password(password)


def test_the_development_password_passes_the_validators(settings):
    validate_password(ensure_dev_admin.PASSWORD)
    settings.DEBUG = True
    call_command("ensure_dev_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert get_user_model().objects.get(username="admin").check_password(ensure_dev_admin.PASSWORD)


@pytest.mark.django_db
def test_the_dev_admin_login_names_the_host_make_run_serves(settings):
    import io

    settings.DEBUG = True
    out = io.StringIO()
    call_command("ensure_dev_admin", "--host", "127.0.0.1:8055", stdout=out)
    assert "http://127.0.0.1:8055/admin/" in out.getvalue()


# Password reset ----------------------------------------------------------------------------------------

RESET = "/admin/password_reset/"


def ask_for_a_reset(client, address, ip="203.0.113.7"):
    begin = time.perf_counter()
    response = client.post(RESET, {"email": address}, REMOTE_ADDR=ip)
    return response, time.perf_counter() - begin


@pytest.mark.faults
def test_password_reset_answers_the_same_at_once_for_known_and_unknown_addresses(client, editor, settings):
    """With the mail server silent: the same answer, in well under a second, and the worker sends the mail later."""
    from django_tasks_db.models import DBTaskResult

    from tests.fault_servers import FakeSMTPServer
    from tests.helpers import DATABASE_TASKS, run_task_worker

    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "ops.mail_backend.SMTPBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 3
    with FakeSMTPServer(mode="silent") as smtp:
        settings.EMAIL_PORT = smtp.port
        ask_for_a_reset(client, "warm-up@socialimpactfactory.nl", ip="192.0.2.1")  # the admin's first request
        answers, seconds = {}, {"known": [], "unknown": []}
        for n in range(3):
            for kind, address in (("known", "anouk@socialimpactfactory.nl"), ("unknown", "niemand@sif.example")):
                response, elapsed = ask_for_a_reset(client, address, ip=f"198.51.100.{n * 2 + (kind == 'known')}")
                answers.setdefault(kind, set()).add((response.status_code, response["Location"]))
                seconds[kind].append(elapsed)
        known, unknown = (sorted(seconds[kind])[1] for kind in ("known", "unknown"))
        print(f"\npassword reset, SMTP silent: median known {known * 1000:.0f} ms, unknown {unknown * 1000:.0f} ms")
        assert answers["known"] == answers["unknown"] == {(302, "/admin/password_reset/done/")}
        assert max(seconds["known"] + seconds["unknown"]) < 1
        assert abs(known - unknown) < 0.1  # the same work either way: a lookup and a queued task
        assert smtp.connections == 0  # the requests never talked to the mail server
        assert DBTaskResult.objects.filter(task_path="ops.passwords.send_password_reset_mail").count() == 7
        smtp.mode = "healthy"
        run_task_worker()
    # Three requests for the account, three mails (the per-account limit); none for the unknown address.
    received = smtp.keys()
    assert [to for to, _subject, _body in received] == [("anouk@socialimpactfactory.nl",)] * 3
    assert "/admin/password_reset/confirm/" in received[0][2]


def test_password_reset_is_throttled_per_address_and_per_account(client, editor, settings, caplog):
    from django.core import mail

    caplog.set_level(logging.WARNING, logger="ops.passwords")
    for _ in range(6):  # one address asks six times
        assert ask_for_a_reset(client, "anouk@socialimpactfactory.nl")[0].status_code == 302
    assert len(mail.outbox) == settings.PASSWORD_RESET_MAILS_PER_ACCOUNT_PER_HOUR == 3
    assert "too many requests from one address" in caplog.text
    for n in range(4):  # four more addresses: the account still gets no more this hour
        assert ask_for_a_reset(client, "anouk@socialimpactfactory.nl", ip=f"198.51.100.{n + 1}")[0].status_code == 302
    assert len(mail.outbox) == 3
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


# Optional two-step login (TOTP) ---------------------------------------------------------------------------


def current_code(device):
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def two_step_editor(editor):
    """anouk sets up her authenticator with the management command, as docs/security.md says."""
    import io

    from django_otp.plugins.otp_totp.models import TOTPDevice

    out = io.StringIO()
    call_command("two_factor", "add", "anouk", stdout=out)
    assert "otpauth://totp/" in out.getvalue()
    device = TOTPDevice.objects.get(user=editor)
    # Not yet confirmed: the password alone still works, so a botched set-up locks no one out.
    assert login(get_client(), "anouk", GOOD).status_code == 302
    call_command("two_factor", "confirm", "anouk", current_code(device), stdout=io.StringIO())
    device.refresh_from_db()
    assert device.confirmed
    return device


def get_client():
    from django.test import Client

    return Client()


def test_the_login_form_offers_the_code_field_in_dutch(client):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="nl")
    assert 'name="otp_token"' in response.content.decode()
    assert 'autocomplete="one-time-code"' in response.content.decode()


def test_an_account_with_an_authenticator_needs_its_code(two_step_editor):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = get_client()
    refused = login(client, "anouk", GOOD)
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    # The same message as a wrong password: it does not say the password was right.
    assert "wachtwoord of code klopt niet" in refused.content.decode()
    wrong = client.post(
        LOGIN, {"username": "anouk", "password": GOOD, "otp_token": "000000"}, REMOTE_ADDR="203.0.113.7"
    )
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    device = TOTPDevice.objects.get(pk=two_step_editor.pk)
    # A person types the next code a moment later: past the confirm step's code and the pause after a wrong one.
    device.last_t = -1
    device.throttle_reset(commit=False)
    device.save()
    code = current_code(device)
    accepted = client.post(
        LOGIN, {"username": "anouk", "password": GOOD, "otp_token": code}, REMOTE_ADDR="203.0.113.7"
    )
    assert accepted.status_code == 302
    assert "_auth_user_id" in client.session


def test_wrong_codes_count_towards_the_lockout(two_step_editor):
    from django.conf import settings

    client = get_client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "anouk", "password": GOOD, "otp_token": "123456"}, REMOTE_ADDR="203.0.113.7")
    code = current_code(two_step_editor)
    locked = client.post(LOGIN, {"username": "anouk", "password": GOOD, "otp_token": code}, REMOTE_ADDR="203.0.113.7")
    assert locked.status_code == 429


def test_accounts_without_an_authenticator_log_in_with_the_password(client, editor):
    assert login(client, "anouk", GOOD).status_code == 302


def test_removing_the_authenticator_goes_back_to_the_password(two_step_editor):
    import io

    call_command("two_factor", "remove", "anouk", stdout=io.StringIO())
    assert login(get_client(), "anouk", GOOD).status_code == 302
