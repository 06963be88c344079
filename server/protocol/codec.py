"""The protocol's messages as JSON, for a network and for tests that make sure no console
relies on sharing Python objects with the service."""

from __future__ import annotations

from functools import cache

import msgspec

from server.protocol.messages import Envelope

_encoder = msgspec.json.Encoder()

DecodeError = msgspec.DecodeError


def encode(message: Envelope) -> bytes:
    return _encoder.encode(message)


@cache
def _decoder() -> msgspec.json.Decoder[Envelope]:
    """Made when first needed: it reads the shape of every message (a few milliseconds), and
    a service with no console attached never decodes one."""
    return msgspec.json.Decoder(Envelope)


def decode(data: bytes | str) -> Envelope:
    """One message; raises DecodeError for anything that is not a message of this version."""
    return _decoder().decode(data)


def round_trip(message: Envelope) -> Envelope:
    """The message as the other end of a network would receive it."""
    return decode(encode(message))
