"""Which IP addresses the fetcher may connect to.

An address is refused when it is not on the public internet: loopback, private (RFC 1918,
IPv6 unique-local), shared carrier-grade NAT (100.64/10), link-local, multicast, unspecified,
reserved or documentation ranges. Addresses that embed an IPv4 address (IPv4-mapped and
-compatible IPv6, NAT64, 6to4, Teredo) are judged by the address they carry too, because a
dual-stack socket or a NAT64 gateway would deliver the connection there.

Cloud metadata endpoints are refused even when private addresses are allowed: they hand out
credentials, and no newsroom intranet article lives on them.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, Oracle...
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS over IPv6
        "100.100.100.200",  # Alibaba Cloud
        "168.63.129.16",  # Azure wire server (a public-looking address)
    )
)

_SHARED_NAT = ipaddress.ip_network("100.64.0.0/10")
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")  # "this host on this network": never a server
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
# Digits, hex digits, "x" and dots only: the shapes inet_aton accepts (2130706433, 0x7f.1, 0177.0.0.1).
_NUMERIC_HOST = re.compile(r"[0-9a-fA-FxX.]+")


@dataclass(frozen=True)
class AddressPolicy:
    allow_private: bool = False

    def refusal(self, address: IPAddress) -> str | None:
        """Why `address` may not be connected to, or None when it may."""
        carried = _carried_ipv4(address)
        if carried is not None:  # the connection really goes to the IPv4 address inside
            return self._refusal_of_one(carried)
        for candidate in (address, *_tunnel_endpoints(address)):
            reason = self._refusal_of_one(candidate)
            if reason:
                return reason
        return None

    def _refusal_of_one(self, address: IPAddress) -> str | None:
        # Order matters: ::1 also counts as "reserved" (::/8) and 240/4 as "private" to ipaddress.
        if address in METADATA_ADDRESSES:
            return "cloud metadata address"
        if address.is_unspecified or address in _THIS_NETWORK:
            return "unspecified address"
        if address.is_multicast:
            return "multicast address"
        if address.is_link_local:
            return "link-local address"
        if address.is_loopback:
            return None if self.allow_private else "loopback address"
        if address.is_reserved:
            return "reserved address"
        if address.is_private or address in _SHARED_NAT:
            # is_private also covers documentation and benchmark ranges; an intranet may use them.
            return None if self.allow_private else "private address"
        if not address.is_global:
            return "reserved address"
        return None


def _carried_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 destination of an IPv4-mapped, IPv4-compatible or NAT64 address."""
    if address.version != 6:
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if any(address in net for net in _NAT64) or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _tunnel_endpoints(address: IPAddress) -> list[ipaddress.IPv4Address]:
    if address.version != 6:
        return []
    found = [address.sixtofour] if address.sixtofour else []
    return found + list(address.teredo or ())


def literal_address(host: str) -> IPAddress | None:
    """The IP address a host name spells, in any form a resolver would accept, else None.

    Covers "[::1]", "127.0.0.1", and the legacy inet_aton shapes "2130706433", "0x7f000001",
    "0177.0.0.1" and "127.1", which browsers and libc still treat as addresses.
    """
    bare = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(bare) and any(ch.isdigit() for ch in bare):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    return None
