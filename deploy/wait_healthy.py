"""Wait until a URL answers 200 (used by the systemd units and `make stack`).

    python deploy/wait_healthy.py http://127.0.0.1:8081/healthz [seconds]

Exits 0 as soon as the URL answers 200, 1 when it has not within the time
(default 60 seconds). Standard library only.
"""

import sys
import time
import urllib.error
import urllib.request


def wait(url, seconds):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local http URL
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)


if __name__ == "__main__":
    target = sys.argv[1]
    limit = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    if not wait(target, limit):
        print(f"{target} did not answer 200 within {limit:.0f} s", file=sys.stderr)
        sys.exit(1)
