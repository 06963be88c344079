"""An aiohttp application served on its own thread and plain asyncio loop.

The listener runs this way so that nothing the GUI does can stall or crash it; benchmarks and
test servers use the same piece so that they measure and fake exactly that arrangement.
"""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import Callable
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

START_TIMEOUT = 15.0
# A body the handler left unread (refused) is still read and thrown away this long, so that its
# client reads the answer rather than a reset connection (RFC 7230 6.6); a stop waits at most as
# long for such a connection, where aiohttp's own default would keep it 10 s.
LINGERING_TIME = 2.0


class AppThread:
    def __init__(
        self,
        make_app: Callable[[], web.Application],
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        name: str = "aiohttp",
        shutdown_timeout: float = 10.0,
        ssl_context: ssl.SSLContext | None = None,
        access_log_class: type[AbstractAccessLogger] | None = None,
        access_log: Any = None,
        idle_timeout: float | None = None,
        lingering_time: float = LINGERING_TIME,
        keep_without_port: bool = False,
    ) -> None:
        """`idle_timeout`: close a connection that has sent no complete request for this
        long, whether it is idle between requests or still trickling its headers.
        `lingering_time`: how long a body the handler left unread is still read (above).
        `keep_without_port`: when the port cannot be bound, the app keeps running without it
        (`port_error` says why) instead of failing to start."""
        self.host = host
        self.port = port
        self.loop: asyncio.AbstractEventLoop | None = None
        self._make_app = make_app
        self._shutdown_timeout = shutdown_timeout
        self._ssl_context = ssl_context
        self._handler_options: dict[str, Any] = {"access_log": access_log}
        if access_log_class is not None:
            self._handler_options["access_log_class"] = access_log_class
        if idle_timeout is not None:
            self._handler_options["keepalive_timeout"] = idle_timeout
        self._handler_options["lingering_time"] = lingering_time
        self._keep_without_port = keep_without_port
        self.port_error: OSError | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        """Returns once the port is bound (`port` is then the real one); raises what binding
        raised, or TimeoutError."""
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT):
            raise TimeoutError(f"the server did not start within {START_TIMEOUT:g} s")
        if self._error is not None:
            self._thread.join()
            raise self._error

    def stop(self) -> None:
        """Stop accepting, let requests in flight finish (up to the shutdown timeout), join."""
        if self.loop is not None and self._stop is not None and self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(self._shutdown_timeout + 5)

    def call_soon(self, callback: Callable[..., object], *args: object) -> None:
        """Run `callback(*args)` on the server's loop, from any thread."""
        if self.loop is None:
            raise RuntimeError("the server is not running")
        self.loop.call_soon_threadsafe(callback, *args)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:  # reported to start(); the thread must not die silently
            self._error = error
        finally:
            self._ready.set()

    async def _serve(self) -> None:
        self.loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        runner = web.AppRunner(self._make_app(), shutdown_timeout=self._shutdown_timeout,
                               **self._handler_options)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port, ssl_context=self._ssl_context)
            try:
                await site.start()
                self.port = runner.addresses[0][1]
            except OSError as error:
                if not self._keep_without_port:
                    raise
                self.port_error = error
            self._ready.set()
            await self._stop.wait()
        finally:
            await runner.cleanup()
