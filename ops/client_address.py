"""The visitor's IP address, for rate limits and login throttling.

Behind a reverse proxy every request comes from the proxy, so the visitor's
address is taken from ``X-Forwarded-For``, but only when the request really
came from a proxy this site trusts: ``INTAKE_TRUSTED_PROXIES`` (how many
proxies stand in front of the app) is more than 0 *and* the connection comes
from an address in ``TRUSTED_PROXY_NETWORKS`` (loopback by default), or over a
Unix socket (no ``REMOTE_ADDR``). A client that reaches the app directly gets
its own address, whatever header it sends. The proxy must overwrite the header
(nginx: ``proxy_set_header X-Forwarded-For $remote_addr;``); see docs/security.md.
"""

import ipaddress

from django.conf import settings

DEFAULT_PROXY_NETWORKS = ("127.0.0.0/8", "::1/128")


def _trusted_networks():
    return [
        ipaddress.ip_network(network.strip(), strict=False)
        for network in getattr(settings, "TRUSTED_PROXY_NETWORKS", DEFAULT_PROXY_NETWORKS)
        if network.strip()
    ]


def _from_trusted_proxy(remote_addr):
    if not remote_addr:  # a Unix socket: only local processes (the proxy) can connect
        return True
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(address in network for network in _trusted_networks())


def client_address(request):
    """The visitor's IP address as a string (empty when unknown)."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "INTAKE_TRUSTED_PROXIES", 0)
    if proxies and _from_trusted_proxy(remote_addr):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote_addr
