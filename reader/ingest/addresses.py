"""Which hosts a fetch may reach: public addresses, and private ones only when trusted.

A feed or page on the internet must not be able to make the reader fetch
from the user's own network: a redirect, a photo or a page link pointing at
`127.0.0.1`, `192.168.1.1` or the cloud metadata address `169.254.169.254`
is refused. The user's own server is fine: the host of a URL the user typed
(`reader add`, `reader feed add`, a subscribed feed's own URL) is trusted
for the fetches made on its behalf, whatever address it has.

The check resolves the host name before the request; the connection then
resolves it again, so a name whose DNS answer changes in between (DNS
rebinding) is not caught. It stops redirects and links to private hosts,
which is the usual way in.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Collection
from urllib.parse import urlsplit

__all__ = ["PrivateAddress", "check_address", "host_key", "is_private"]

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_SHARED = ipaddress.ip_network("100.64.0.0/10")
"""Carrier-grade NAT space: not global, though Python does not call it private."""


class PrivateAddress(Exception):
    """A host that resolves to a loopback, link-local or private address and is not trusted."""


def host_key(url: str) -> str:
    """The host of `url` as trust is keyed: lower case, without brackets or port ("" if none)."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def is_private(address: IpAddress) -> bool:
    """True for loopback, link-local, private, shared, multicast, reserved or unspecified."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv4Address) and address in _SHARED)
    )


async def _addresses(host: str, port: int) -> list[IpAddress]:
    """The addresses `host` names: itself when it is one, else what DNS answers (maybe none)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return []  # the connection then fails with its own plain reason
    found: list[IpAddress] = []
    for info in infos:
        try:
            found.append(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]))
        except ValueError:
            continue
    return found


async def check_address(url: str, trusted_hosts: Collection[str] = ()) -> None:
    """Raise PrivateAddress when `url`'s host is private or local and not in `trusted_hosts`.

    `trusted_hosts` holds hosts as `host_key` spells them.
    """
    host = host_key(url)
    if not host or host in trusted_hosts:
        return
    try:
        port = urlsplit(url).port or (443 if url.lower().startswith("https:") else 80)
    except ValueError:
        port = 80
    for address in await _addresses(host, port):
        if is_private(address):
            raise PrivateAddress(
                f"refused: {host} is a private or local address ({address}); "
                "only a feed or page you add yourself may be on one"
            )
