"""Servers that misbehave on purpose, for the fault tests: all on free loopback ports, all stopped after.

- ``FakeSMTPServer``: a small SMTP server whose ``mode`` can be switched at any time:
  ``healthy`` (answers at once, keeps every message), ``silent`` (accepts the
  connection and never says a word) or ``slow`` (waits ``slow_seconds`` before each reply).
  With ``accept_seconds`` it keeps each message as soon as it has it all, and says
  "250 queued" only that long after (a server that checks mail before it answers);
  ``stall_on_data`` makes it wait, without a word, when a client says DATA (the
  message not sent yet). ``stored`` and ``stalled`` are events a test can wait for.
- ``Blackhole``: accepts TCP connections and never answers (a hung Redis or PostgreSQL).
- ``closed_port()``: a port nothing listens on (connection refused).
- ``AppServer``: the site in a subprocess (``python -m tests.wsgi_server``), with the
  settings of ``tests.fault_settings`` and whatever environment the test gives it.
"""

import email
import os
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def closed_port():
    """A loopback port with nothing listening: connecting is refused at once."""
    return free_port()


class Blackhole:
    """Accepts connections and then says nothing, reads nothing, closes nothing."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.held = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        self.listener.settimeout(0.2)
        while not self.stopped.is_set():
            try:
                connection, _address = self.listener.accept()
            except OSError:
                continue
            self.held.append(connection)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join(timeout=5)
        for connection in self.held:
            connection.close()
        self.listener.close()


class _SMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        server = self.server.owner
        if server.mode == "silent":
            server.stopped.wait()  # never answer; let go when the server stops
            return False
        if server.mode == "slow" and server.stopped.wait(server.slow_seconds):
            return False
        self.wfile.write(line.encode() + b"\r\n")
        return True

    def handle(self):
        server = self.server.owner
        server.connections += 1
        if not self.reply("220 fake.smtp.test ESMTP"):
            return
        recipients = []
        while not server.stopped.is_set():
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                ok = self.reply("250-fake.smtp.test\r\n250 8BITMIME" if verb == "EHLO" else "250 fake.smtp.test")
            elif verb == "MAIL":
                recipients = []
                ok = self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                ok = self.reply("250 OK")
            elif verb == "DATA":
                if server.stall_on_data:
                    server.stalled.set()
                    server.stopped.wait()
                    return
                if not self.reply("354 End data with <CR><LF>.<CR><LF>"):
                    return
                data = []
                while True:
                    chunk = self.rfile.readline()
                    if not chunk or chunk == b".\r\n":
                        break
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                message = email.message_from_bytes(b"".join(data))
                if server.accept_seconds:
                    # Like a real server that checks the message first: it is kept (and will be
                    # delivered) whether or not the client is still there to hear the answer.
                    server.received(recipients, message)
                    if server.stopped.wait(server.accept_seconds):
                        return
                    ok = self.reply("250 OK: queued")
                else:
                    ok = self.reply("250 OK: queued")
                    if ok:  # the client heard "OK": the message counts as delivered
                        server.received(recipients, message)
            elif verb == "RSET":
                ok = self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                ok = self.reply("250 OK")
            if not ok:
                return


class _ThreadingTCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class FakeSMTPServer:
    def __init__(self, mode="healthy", slow_seconds=8, accept_seconds=0, stall_on_data=False):
        self.mode = mode
        self.slow_seconds = slow_seconds
        self.accept_seconds = accept_seconds
        self.stall_on_data = stall_on_data
        self.stored = threading.Event()
        self.stalled = threading.Event()
        self.messages = []
        self.connections = 0
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.server = _ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
        self.server.owner = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    def received(self, recipients, message):
        with self.lock:
            self.messages.append((tuple(recipients), message))
        self.stored.set()

    def message_ids(self):
        with self.lock:
            return [str(message["Message-ID"]) for _to, message in self.messages]

    def keys(self):
        """(recipient, subject, body) of every message received: a repeat means an e-mail went twice."""
        with self.lock:
            return [
                (to, str(message["Subject"]), message.as_string().split("\n\n", 1)[-1])
                for to, message in self.messages
            ]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class AppServer:
    """The site in a subprocess on a free port; its output goes to ``log_path``.

    ``with AppServer(...)`` starts one and waits until it listens; ``started(stack, servers)``
    starts several at once and then waits for all, so their start-ups overlap.
    """

    def __init__(self, env, log_path, port=None):
        self.port = port or free_port()
        self.log_path = Path(log_path)
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.fault_settings", "PYTHONUNBUFFERED": "1", **env}
        self.process = None
        self.log = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.wsgi_server", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_listening(self, deadline):
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"app server exited: {self.log_path.read_text()[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("app server did not start")

    def stop(self):
        stop(self.process)
        if self.log:
            self.log.close()

    def __enter__(self):
        self.start()
        try:
            self.wait_until_listening(time.monotonic() + 120)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    @staticmethod
    def started(stack, servers):
        """Start all ``servers`` at once, stopped when ``stack`` (an ExitStack) closes; wait until all listen."""
        for server in servers:
            server.start()
            stack.callback(server.stop)
        deadline = time.monotonic() + 120
        for server in servers:
            server.wait_until_listening(deadline)
        return servers

    def get(self, path, timeout=30):
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:  # noqa: S310 - loopback
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def manage(args, env, log_path):
    """Start ``manage.py`` with ``args`` in a subprocess (the task worker, the sweep)."""
    log = open(log_path, "ab")  # noqa: SIM115 - the caller's process outlives this function
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.fault_settings", "PYTHONUNBUFFERED": "1", **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop(process, timeout=15):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
