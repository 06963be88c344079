"""The console service's hub when the listener has stopped: a thread that finishes its work
late (a reachability check, a read) has nobody left to tell, and says nothing."""

from __future__ import annotations

import asyncio
import threading

from server.console.hub import EventHub


def test_news_after_the_listener_stopped_is_dropped_quietly() -> None:
    loop = asyncio.new_event_loop()
    hub = EventHub(loop)
    loop.close()
    raised: list[BaseException] = []

    def late() -> None:
        try:
            hub.run_on_loop(print, "never shown")
        except BaseException as error:  # what the thread's own excepthook would report
            raised.append(error)

    thread = threading.Thread(target=late)
    thread.start()
    thread.join()
    assert raised == []
