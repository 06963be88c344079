"""The one narrow seam between the listener thread and the Qt main thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from server.events import (
    CallArrived,
    CallDecided,
    CallWaiting,
    ListenerEvent,
    ListenerFailed,
    StorageFailing,
    StorageRecovered,
)


class ListenerBridge(QObject):
    """An EventSink: signals emitted on the listener thread arrive queued on the GUI thread."""

    call_arrived = Signal(object)
    call_waiting = Signal(object)
    call_decided = Signal(object)
    listener_failed = Signal(str)
    storage_failing = Signal(object)
    storage_recovered = Signal(int)

    def __call__(self, event: ListenerEvent) -> None:
        if isinstance(event, CallArrived):
            self.call_arrived.emit(event)
        elif isinstance(event, CallWaiting):
            self.call_waiting.emit(event)
        elif isinstance(event, CallDecided):
            self.call_decided.emit(event)
        elif isinstance(event, ListenerFailed):
            self.listener_failed.emit(event.message)
        elif isinstance(event, StorageFailing):
            self.storage_failing.emit(event)
        elif isinstance(event, StorageRecovered):
            self.storage_recovered.emit(event.written)
