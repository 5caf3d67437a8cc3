"""A request id for every request, in the response header and in every log line written meanwhile.

nginx sends ``X-Request-ID`` (its ``$request_id``); a well-formed id is kept so
the proxy's access log and the app's logs can be joined. Without one (or with
a malformed one) the app makes its own.
"""

import contextvars
import re
import uuid

request_id_var = contextvars.ContextVar("request_id", default="")

VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id():
    return request_id_var.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response
