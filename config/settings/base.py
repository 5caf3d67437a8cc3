"""Settings shared by every environment.

Everything that differs between development, tests and production lives in the
sibling modules; values that belong to a deployment come from the environment.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from ops.security_headers import PUBLIC_DIRECTIVES, UNGUARDED_PREFIXES

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SIF_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite database and media live here

INSTALLED_APPS = [
    "home",
    "programmes",
    "cases",
    "menukaart",
    "intake",
    "buysocial",
    "challenges",
    "agenda",
    "news",
    "editorial",
    "search",
    "ops",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "wagtail.contrib.sitemaps",
    "axes",
    # Optional two-step login for the admin (TOTP; ops/admin_login.py, manage.py two_factor).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "ops.security_headers.PermissionsPolicyMiddleware",  # first, so that every response carries it
    "ops.request_id.RequestIdMiddleware",
    "ops.health.HealthCheckMiddleware",  # /healthz and /readyz: before host checks and redirects
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The 503 page when the database is unreachable; at once while its circuit is open (after
    # static files: the 503 page's stylesheet is served without the database).
    "ops.database_outage.DatabaseUnavailableMiddleware",
    # Anonymous page cache: before the session, so that a hit touches neither it nor the database.
    "ops.page_cache.PageCacheMiddleware",
    # Just inside the page cache: a page is compressed once, when rendered; hits are sent as stored.
    "ops.page_cache.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ops.security_headers.ContentSecurityPolicyMiddleware",  # django-csp, the admin's policy under /admin/
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a refused login during a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# Public pages may load only from this site, nothing inline (ops/security_headers.py; the admin
# gets its own policy there).
CONTENT_SECURITY_POLICY = {"EXCLUDE_URL_PREFIXES": UNGUARDED_PREFIXES, "DIRECTIVES": PUBLIC_DIRECTIVES}

WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
# A database that is down or hangs must not hang the site: give up after a few seconds
# and show the bilingual 503 page (ops/database_outage.py) instead of waiting for the proxy.
# After one failed connection a process answers 503 at once, trying the database again
# every DATABASE_PROBE_SECONDS (PostgreSQL's client takes 2 s as its shortest timeout).
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "2"))
DATABASE_PROBE_SECONDS = int(os.environ.get("DATABASE_PROBE_SECONDS", "5"))
DATABASE_STATEMENT_TIMEOUT_MS = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "5000"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        options=f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}",
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (app workers, the task worker) wait for each other instead of
    # failing with "database is locked": WAL lets readers and one writer work at once,
    # IMMEDIATE takes the write lock when a transaction starts (no failed lock upgrade),
    # and the busy timeout says how long a writer waits for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        transaction_mode="IMMEDIATE",
        timeout=20,
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    from ops.redis_cache import redis_cache

    # Redis is optional: when it is down or hangs, pages are served uncached (one log line,
    # then each process leaves Redis alone for a while) instead of failing the request.
    CACHES = {"default": redis_cache(os.environ["REDIS_URL"])}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "ops.redis_cache"

# Anonymous full-page cache (ops/page_cache.py): SIF_PAGE_CACHE=off turns it off (make bench
# measures both). Entries live PAGE_CACHE_TIMEOUT seconds at most (purges are exact anyway);
# browsers and proxies may keep a page PAGE_CACHE_MAX_AGE seconds, then revalidate with the ETag.
PAGE_CACHE_ENABLED = os.environ.get("SIF_PAGE_CACHE", "on").lower() not in ("off", "0", "false")
# A purge reaches only the cache it is made in. `make run` is one process, so its memory cache
# will do; production runs several (production.py needs a shared cache, or leaves pages uncached).
PAGE_CACHE_NEEDS_SHARED_CACHE = False
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))

# Background work (intake e-mail, Wagtail's own tasks) goes through django-tasks to the
# database; `python manage.py db_worker` runs it (docs/deploy.md).
TASKS = {"default": {"BACKEND": "ops.task_backend.DatabaseBackend", "QUEUES": ["default"]}}

# The admin's login: an optional second step (an authenticator app's code) per account.
WAGTAILADMIN_USER_LOGIN_FORM = "ops.admin_login.TwoFactorLoginForm"
# Codes from authenticator apps are named after this; the secret is in the database only.
OTP_TOTP_ISSUER = "Social Impact Factory"

# The admin's "forgot password": the same answer and time for any address, the mail sent by the worker,
# at most 5 requests per client address and 3 mails per account per hour (ops/passwords.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "ops.passwords.QueuedPasswordResetForm"  # noqa: S105 - a class path
PASSWORD_RESET_REQUESTS_PER_ADDRESS_PER_HOUR = 5
PASSWORD_RESET_MAILS_PER_ACCOUNT_PER_HOUR = 3

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "ops.passwords.SiteNameValidator"},
]

# Login throttling (django-axes): 10 failed logins lock the IP address, and the account
# together with that address, for AXES_COOLOFF_TIME; a successful login resets the count.
# The account alone is never locked: an attacker elsewhere cannot keep its owner out
# (docs/security.md). Attempts are kept in the database, so every app process shares them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False
AXES_CLIENT_IP_CALLABLE = "ops.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "ops.admin_login.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
# What was typed as the username is never stored or logged (it may be a password typed one field
# early): django-axes counts and logs the account id ("#17") for an existing account, nothing otherwise;
# the typed name is masked in the request data it keeps. The password is never logged or stored.
AXES_USERNAME_CALLABLE = "ops.admin_login.account_key"
AXES_CLIENT_STR_CALLABLE = "ops.admin_login.client_description"
AXES_SENSITIVE_PARAMETERS = ["username"]
# No table of successful logins that would grow without a retention period.
AXES_DISABLE_ACCESS_LOG = True
# Behind a proxy: the addresses the proxy connects from (see ops/client_address.py).
TRUSTED_PROXY_NETWORKS = [
    network for network in os.environ.get("TRUSTED_PROXY_NETWORKS", "127.0.0.0/8,::1/128").split(",") if network
]

# Languages: Dutch first. Public URLs carry the language prefix (/nl/, /en/).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "site" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
# Files browsers and crawlers ask for at the root of the site (/favicon.ico).
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Attachments of challenge applications: private, never under MEDIA_ROOT nor served by nginx;
# challenge handlers download them through the admin (challenges/triage.py).
CHALLENGE_ATTACHMENTS_ROOT = Path(os.environ.get("CHALLENGE_ATTACHMENTS_ROOT") or VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "challenge_attachments": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": CHALLENGE_ATTACHMENTS_ROOT,
            "directory_permissions_mode": 0o700,
            "file_permissions_mode": 0o600,
        },
    },
}

# Forms with many StreamField blocks exceed Django's default of 1000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Public forms never need more than this; larger bodies get a 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploads in the admin (nginx's client_max_body_size in deploy/ is the outer limit).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024))

# The CSRF cookie is only set where a form needs it (the intake form).
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_NAME = "sif_language"

WAGTAIL_SITE_NAME = "Social Impact Factory"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search, one entry per language so that each keeps its stemming (search/backends.py):
# a page is indexed by the entry of its language, everything else by "default" (the admin's searches).
# A query that finds nothing is asked again with each word replaced by the most alike word of the
# pages in its language, if one is at least this alike (pg_trgm similarity; search/query.py).
SEARCH_FUZZY_SIMILARITY = 0.4
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends"},
    **{
        language: {
            "BACKEND": "search.backends",
            "LANGUAGE": language,
            "SEARCH_CONFIG": config,
        }
        for language, config in (("nl", "dutch"), ("en", "english"))
    },
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# GIF is allowed: editors have them; renditions are converted to WebP (first frame) and
# SVG is kept as SVG (`preserve-svg` on every image tag). A damaged upload is refused.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "editorial.image_forms.SiteImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No editor's e-mail hash goes to gravatar.com (a third party; avatars would also break
# offline): the admin shows initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# A new translation of a live page starts as a draft and goes through the review like any
# other page (wagtail-localize would otherwise publish it at once, with untranslated text).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "website@socialimpactfactory.nl")
# Seconds an SMTP connection may wait for the server; only the task worker talks to it.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Seconds to wait for the server's verdict once a whole message was sent (servers check mail
# before they answer; RFC 5321 suggests up to 10 minutes). No verdict: "maybe sent", not resent
# on its own (ops/mail_backend.py, intake/mail.py).
EMAIL_DATA_TIMEOUT = int(os.environ.get("EMAIL_DATA_TIMEOUT", "120"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "filters": {"quiet_while_redis_paused": {"()": "ops.redis_cache.QuietWhilePaused"}},
    "loggers": {
        # What django-redis ignored (DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS), without the calls the
        # pause after a failure refused (ops/redis_cache.py).
        "ops.redis_cache": {"filters": ["quiet_while_redis_paused"]},
        # The login audit trail: failed logins and lockouts (account id and IP address; never what was
        # typed as the username, never the password).
        "axes": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes.apps": {"level": "WARNING"},
    },
}

# Apps whose demo/*.toml files fill the demo site (demo/loader.py), in this order.
DEMO_CONTENT_APPS = ["home", "programmes", "cases", "menukaart", "intake", "buysocial", "challenges", "news", "agenda"]

# Intake: personal data is anonymised this many months after the last change
# (purge_intake); caught spam is deleted after INTAKE_SPAM_RETENTION_DAYS.
INTAKE_RETENTION_MONTHS = int(os.environ.get("INTAKE_RETENTION_MONTHS", "24"))
INTAKE_SPAM_RETENTION_DAYS = 30
INTAKE_RATE_LIMIT_PER_HOUR = int(os.environ.get("INTAKE_RATE_LIMIT_PER_HOUR", "10"))
INTAKE_MIN_FILL_SECONDS = 3
# A shown form can be sent once, within this many seconds.
INTAKE_FORM_MAX_AGE = int(os.environ.get("INTAKE_FORM_MAX_AGE", str(2 * 3600)))
# At most this many confirmation e-mails to one address per 24 hours.
INTAKE_CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3
# Behind a reverse proxy set this to the number of proxies, or every visitor
# shares the proxy's address and its rate limit.
INTAKE_TRUSTED_PROXIES = int(os.environ.get("INTAKE_TRUSTED_PROXIES", "0"))

# Event registration: a seat freed for the first person waiting is held this many hours (at most until the
# event starts); then the timer (agenda_due_mail) offers it to the next.
AGENDA_OFFER_HOURS = int(os.environ.get("AGENDA_OFFER_HOURS", "24"))

# Machine translation in the translation editor, only when a DeepL key is given.
if os.environ.get("DEEPL_AUTH_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "editorial.machine_translation.SifDeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_AUTH_KEY"], "FORMALITY": "prefer_less"},
    }

# Intake e-mail: the first retry waits this many seconds, each next one twice as long (at most an hour).
INTAKE_MAIL_RETRY_SECONDS = 60
# How long a claimed intake e-mail belongs to the run that claimed it (longer than any send can take:
# EMAIL_DATA_TIMEOUT plus a few EMAIL_TIMEOUTs); a run that died gives it back after this.
INTAKE_MAIL_CLAIM_LEASE_SECONDS = 600
# A task RUNNING longer than this was left by a worker that died; the sweep queues it again (ops/tasks.py).
TASK_RUNNING_LIMIT_SECONDS = 3600
