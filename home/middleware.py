"""A Content-Security-Policy for public pages.

"No third-party scripts, fonts or trackers" becomes something browsers
enforce: public pages may load only from this site. The admin, the document
server and pages seen by a logged-in editor (Wagtail's user bar) are left out.
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
EXEMPT_PREFIXES = ("/admin/", "/documents/")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith(EXEMPT_PREFIXES) or (user is not None and user.is_authenticated):
            return response
        response.headers.setdefault("Content-Security-Policy", PUBLIC_POLICY)
        return response
