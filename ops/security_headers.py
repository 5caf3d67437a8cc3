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
"""

PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
ADMIN_PREFIX = "/admin/"
ADMIN_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self' 'unsafe-inline'",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        # The preview panel shows the page in a frame of the admin itself.
        "frame-ancestors 'self'",
    ]
)
EXEMPT_PREFIXES = (ADMIN_PREFIX, "/documents/")

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


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response.headers.setdefault("Content-Security-Policy", ADMIN_POLICY)
            return response
        # A preview: Wagtail renders the page through a dummy request inside an admin view, whose
        # own response (shown in the admin's preview frame) gets the admin's policy.
        if request.path.startswith(EXEMPT_PREFIXES) or getattr(request, "is_dummy", False):
            return response
        response.headers.setdefault("Content-Security-Policy", PUBLIC_POLICY)
        return response


class PermissionsPolicyMiddleware:
    """A Permissions-Policy header on every response: public pages, the admin, files and errors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
