"""Security headers: a Content-Security-Policy and a Permissions-Policy.

"No third-party scripts, fonts or trackers" becomes something browsers
enforce: public pages may load only from this site, with no inline script or
style. The admin gets its own policy, as strict as Wagtail 8 allows: only this
site as a source, but inline scripts and styles allowed, because Wagtail's
admin still writes them (date pickers, inline panels, chooser modals that run
the scripts in the HTML they load, ``style=""`` attributes). Public pages
seen by a logged-in editor get the public policy too: Wagtail's user bar
(its menu, the accessibility checker, the links to the admin) loads its
scripts and stylesheet from this site and needs nothing inline
(tests/browser/test_admin_csp_browser.py). A preview is rendered inside an
admin view and gets the admin's policy (its frame is the admin's own). Only the
document server is left without a policy (a PDF viewer in the browser runs under it).
The policies are sent by django-csp (``CONTENT_SECURITY_POLICY`` in the settings).
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from csp.utils import build_policy, default_config

PUBLIC_DIRECTIVES = {
    "default-src": [SELF],
    "img-src": [SELF, "data:"],
    "style-src": [SELF],
    "script-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
ADMIN_PREFIX = "/admin/"
ADMIN_DIRECTIVES = {
    "default-src": [SELF],
    "img-src": [SELF, "data:", "blob:"],
    "style-src": [SELF, UNSAFE_INLINE],
    "script-src": [SELF, UNSAFE_INLINE],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    # The preview panel shows the page in a frame of the admin itself.
    "frame-ancestors": [SELF],
}


def in_fixed_order(policy):
    """``policy`` with its directives sorted by name.

    django-csp writes the directives in the order of a set, which changes with each
    process's string hashing: two app instances would send one policy in two spellings.
    """
    return "; ".join(sorted(directive.strip() for directive in policy.split(";") if directive.strip()))


# The headers as sent.
PUBLIC_POLICY = in_fixed_order(build_policy(config=default_config(PUBLIC_DIRECTIVES)))
ADMIN_POLICY = in_fixed_order(build_policy(config=default_config(ADMIN_DIRECTIVES)))
# The document server has no policy: a PDF viewer in the browser runs under it.
UNGUARDED_PREFIXES = ["/documents/"]

# No page of this site needs these browser features; no embedded frame gets them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
        "browsing-topics",
    )
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with the public policy of the settings, and the admin's own under ``/admin/``."""

    def process_response(self, request, response):
        # A preview: Wagtail renders the page through a dummy request inside an admin view, whose
        # own response (shown in the admin's preview frame) gets the admin's policy.
        if getattr(request, "is_dummy", False):
            return response
        response = super().process_response(request, response)
        if "Content-Security-Policy" in response:
            response["Content-Security-Policy"] = in_fixed_order(response["Content-Security-Policy"])
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.config is None:
            parts.config = default_config(ADMIN_DIRECTIVES)
        return parts


class PermissionsPolicyMiddleware:
    """A Permissions-Policy header on every response: public pages, the admin, files and errors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
