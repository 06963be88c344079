"""What the service and its desk port's process say to each other, one line each: over the
process's standard input to the desk port, over its standard output to the service.

A line is a letter, a number, a space and a JSON text (JSON has no raw newline in it). The
events are the console protocol's own JSON, encoded once by the service: the desk port
passes the same bytes to every desk without reading them.
"""

from __future__ import annotations

from typing import Any

import msgspec

# To the desk port.
EVENT = b"E"  # E<seq> event
SNAPSHOT = b"S"  # S<session> snapshot: the answer to ATTACH
UNATTACHED = b"F"  # F<session> null: the service could not take the desk now
REPLY = b"R"  # R<request> reply
KEEP = b"K"  # K0 {desk: role}: every other desk's session ends
# To the service.
LISTENING = b"L"  # L<port> null: bound, desks may attach
UNBOUND = b"B"  # B<errno> why: the port could not be bound; the process ends
ATTACH = b"A"  # A<session> [desk, role, peer]
DETACH = b"D"  # D<session> null
REQUEST = b"Q"  # Q<session> request (its id is the number its REPLY comes back with)
REFUSED = b"W"  # W0 [kind, desk, peer, reason]


def line(kind: bytes, number: int = 0, body: bytes | Any = None) -> bytes:
    """`body`: JSON already encoded, or anything msgspec encodes."""
    data = body if isinstance(body, bytes) else msgspec.json.encode(body)
    return b"%s%d %s\n" % (kind, number, data)


def parse(text: bytes) -> tuple[bytes, int, bytes]:
    """A line's letter, number and JSON (still encoded); ValueError for what is no line."""
    head, space, body = text.rstrip(b"\r\n").partition(b" ")
    if not space or not head:
        raise ValueError(f"not a relay line: {text[:40]!r}")
    return head[:1], int(head[1:]), body
