"""Every message of the console protocol survives its JSON form unchanged, so a console on
another desk receives exactly what the embedded one does."""

from __future__ import annotations

import typing
from datetime import UTC, datetime

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.protocol import codec, messages

# The protocol's instants are aware UTC times and its numbers finite (JSON has no NaN); these
# two registrations hold for every from_type() in the test session, which no other test uses.
st.register_type_strategy(datetime, st.datetimes(timezones=st.just(UTC)))
st.register_type_strategy(float, st.floats(allow_nan=False, allow_infinity=False))


def _members(union: typing.Any) -> list[type]:
    return list(typing.get_args(union))


@settings(max_examples=300, deadline=None)
@given(st.from_type(messages.Envelope))  # type: ignore[arg-type]
def test_every_message_round_trips_through_json(message: messages.Envelope) -> None:
    assert codec.round_trip(message) == message


@pytest.mark.parametrize("kind", [*_members(messages.Command), *_members(messages.EventBody),
                                  *_members(messages.Value)],
                         ids=lambda kind: kind.__name__)
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_each_kind_of_message_round_trips(kind: type, data: st.DataObject) -> None:
    """Every command, event and result value on its own, so none is left to chance."""
    example = data.draw(st.from_type(kind))
    request_or_event: messages.Envelope
    if kind in _members(messages.Command):
        request_or_event = messages.Request(id=1, command=example)
    elif kind in _members(messages.EventBody):
        request_or_event = messages.Event(seq=1, at=datetime.now(UTC), body=example)
    else:
        request_or_event = messages.Reply(id=1, result=messages.Done(value=example))
    assert codec.round_trip(request_or_event) == request_or_event


def test_a_message_of_another_kind_is_refused() -> None:
    with pytest.raises(codec.DecodeError):
        codec.decode(b'{"type": "Unheard", "id": 1}')
    with pytest.raises(codec.DecodeError):
        codec.decode(b"not json")


def test_every_union_member_is_tagged() -> None:
    """A member without a tag could not be told apart from its siblings on the wire."""
    for union in (messages.Envelope, messages.Command, messages.EventBody, messages.Value,
                  messages.Result):
        for kind in _members(union):
            assert issubclass(kind, msgspec.Struct)
            assert kind.__struct_config__.tag is not None, kind
