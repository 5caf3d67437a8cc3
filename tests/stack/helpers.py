"""Talking to a running `make stack` from the stack tests: HTTP with a chosen source address, the stack's
environment, its scripts and its database."""

import http.client
import json
import os
import re
import subprocess
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STACK_DIR = Path(os.environ.get("STACK_DIR", ROOT / "var" / "stack"))
STACK_URL = os.environ.get("STACK_URL", "http://127.0.0.1:8080").rstrip("/")
WEB_PORTS = [int(p) for p in os.environ.get("STACK_WEB_PORTS", "8081 8082").split()]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def stack_env():
    """The environment the stack runs with (var/stack/stack.env), on top of this process's PATH."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/root")}
    for line in (STACK_DIR / "stack.env").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    return env


def stack_script(*args, timeout=180):
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "stack.sh"), *args],  # noqa: S607 - bash from PATH
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def manage(code, timeout=180):
    """Run Python ``code`` in `manage.py shell` with the stack's settings; returns what it printed, parsed as JSON."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=stack_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name.lower(), "")


def request(method, url, body=None, headers=None, source=None, timeout=30):
    """One HTTP request without following redirects; ``source`` is the client's IP address (any 127.x.y.z)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=timeout, source_address=(source, 0) if source else None
    )
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path or "/", body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        headers = {}
        for key, value in response.getheaders():
            key = key.lower()
            headers[key] = f"{headers[key]}\n{value}" if key in headers else value
        return Response(response.status, headers, data)
    finally:
        connection.close()


def cookies_from(response):
    """name -> value of the Set-Cookie headers of a response."""
    found = {}
    for line in response.header("set-cookie").split("\n"):
        match = re.match(r"\s*([^=;\s]+)=([^;]*)", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


class FormParser(HTMLParser):
    """The inputs of the form that holds ``csrfmiddlewaretoken``: hidden values, radio and checkbox options."""

    def __init__(self):
        super().__init__()
        self.hidden, self.radios, self.checkboxes, self.names = {}, {}, {}, set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag not in ("input", "textarea", "select") or not name:
            return
        self.names.add(name)
        kind = attrs.get("type", "text")
        if kind == "hidden":
            self.hidden[name] = attrs.get("value", "")
        elif kind == "radio":
            self.radios.setdefault(name, []).append(attrs.get("value"))
        elif kind == "checkbox":
            self.checkboxes.setdefault(name, []).append(attrs.get("value", "on"))


def parse_form(html):
    parser = FormParser()
    parser.feed(html)
    return parser


def wait_for(url, status=200, seconds=60):
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            last = request("GET", url, timeout=5)
            if last.status == status:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer {status} within {seconds} s (last: {last and last.status})")


def pid_of(port):
    return int((STACK_DIR / f"web-{port}.pid").read_text().strip())


def healthy(port):
    try:
        return request("GET", f"http://127.0.0.1:{port}/healthz", timeout=5).status == 200
    except OSError:
        return False
