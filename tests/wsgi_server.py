"""A small threaded WSGI server for the fault tests: ``python -m tests.wsgi_server PORT``.

One process with a thread per request, like one gunicorn worker with threads; the
tests start several for several app workers. Settings come from DJANGO_SETTINGS_MODULE.
"""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 64


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


def main():
    port = int(sys.argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.fault_settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    server = make_server("127.0.0.1", port, application, ThreadingWSGIServer, QuietHandler)
    server.serve_forever()


if __name__ == "__main__":
    main()
