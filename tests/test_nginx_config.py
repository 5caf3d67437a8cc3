"""The shipped nginx files (deploy/nginx/), run by a real nginx on free loopback ports.

The proxy must overwrite X-Forwarded-For (the app reads the client's address from it:
rate limit, login lockout; docs/security.md), and its own 503 page carries the same
protection as the app's: a Content-Security-Policy and X-Frame-Options.
"""

import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.fault_servers import ROOT, closed_port, free_port

pytestmark = pytest.mark.faults

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class _EchoForwardedFor(BaseHTTPRequestHandler):
    """An app stand-in: answers with the X-Forwarded-For header it was given."""

    def do_GET(self):  # noqa: N802 - the stdlib's name
        body = (self.headers.get("X-Forwarded-For") or "").encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


def _render(tmp_path, upstream_port, listen_port):
    """deploy/nginx/ with this checkout's paths and the test's ports, as scripts/stack.sh renders it."""
    for part in ("sif-http.conf", "sif-locations.conf"):
        text = (ROOT / "deploy" / "nginx" / part).read_text()
        text = text.replace("/srv/sif/var/", f"{tmp_path}/").replace("/srv/sif", str(ROOT))
        text = text.replace("/var/log/nginx/sif-access.log", str(tmp_path / "access.log"))
        text = re.sub(
            r"(upstream sif_app \{\n)(    server [^\n]*\n)+", rf"\g<1>    server 127.0.0.1:{upstream_port};\n", text
        )
        (tmp_path / part).write_text(text)
    (tmp_path / "work").mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"""
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {tmp_path}/work/body;
    proxy_temp_path {tmp_path}/work/proxy;
    fastcgi_temp_path {tmp_path}/work/fastcgi;
    uwsgi_temp_path {tmp_path}/work/uwsgi;
    scgi_temp_path {tmp_path}/work/scgi;
    include {tmp_path}/sif-http.conf;
    server {{
        listen 127.0.0.1:{listen_port};
        server_name _;
        include {tmp_path}/sif-locations.conf;
    }}
}}
"""
    )
    return tmp_path / "nginx.conf"


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def nginx(tmp_path):
    """Start nginx with the shipped files before an app stand-in (or nothing); yields (url, start)."""
    if not shutil.which("nginx") and not (ROOT / NGINX).exists():
        pytest.skip("nginx is not installed")
    started = []

    def start(upstream_port):
        port = free_port()
        config = _render(tmp_path, upstream_port, port)
        subprocess.run([NGINX, "-t", "-q", "-c", str(config), "-e", str(tmp_path / "error.log")], check=True)
        subprocess.run([NGINX, "-c", str(config), "-e", str(tmp_path / "error.log")], check=True)
        started.append(config)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "/static/none", timeout=1)  # noqa: S310
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
        return url

    yield start
    for config in started:
        subprocess.run([NGINX, "-c", str(config), "-e", str(config.parent / "error.log"), "-s", "stop"], check=False)


def test_the_proxy_overwrites_x_forwarded_for(nginx):
    app = ThreadingHTTPServer(("127.0.0.1", 0), _EchoForwardedFor)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    try:
        url = nginx(app.server_address[1])
        status, _headers, seen = _get(url + "/nl/", {"X-Forwarded-For": "10.6.6.6, 192.0.2.1"})
    finally:
        app.shutdown()
        app.server_close()
    assert status == 200
    assert seen == "127.0.0.1"  # the client's own address, nothing the client wrote


def test_the_proxys_503_page_has_a_policy_and_refuses_frames(nginx):
    url = nginx(closed_port())  # no app instance answers
    status, headers, body = _get(url + "/nl/")
    assert status == 503
    assert "De website is even niet bereikbaar" in body
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "script-src" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Retry-After"] == "30"


def test_a_post_past_the_outer_limit_gets_the_bilingual_page_before_any_of_it_reaches_the_app(nginx):
    """A 50 MB attachment: nginx answers 413 from the Content-Length alone, with a page that says what to do."""
    url = nginx(closed_port())  # were the post passed on, the answer would be the 503 page
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        connection.sendall(
            b"POST /nl/challenges/werk/?apply HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 52428800\r\nConnection: close\r\n\r\n"
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _sep, body = answer.decode().partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 413")
    assert "Wat je stuurde is te groot" in body and "What you sent is too large" in body
    assert "default-src 'none'" in head and "X-Frame-Options: DENY" in head
