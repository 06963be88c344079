"""Fakes of what callgate does not own, at the network boundary: a tunnel's public end (a
loopback reverse proxy that forwards to the listener) and the ngrok agent's local API
(`/api/tunnels`) naming that proxy as the public URL. Nothing leaves this machine."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import web


class LoopbackServer:
    """An aiohttp app on its own thread and loop, on a loopback port; it can stop and start
    again on the same port (a tunnel going down and coming back)."""

    def __init__(self, make_app: Callable[[], web.Application]) -> None:
        self._make_app = make_app
        self.port = 0
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None

    def start(self) -> None:
        ready = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._serve(ready),),
                                        daemon=True)
        self._thread.start()
        assert ready.wait(10), "the loopback server did not start"

    async def _serve(self, ready: threading.Event) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        runner = web.AppRunner(self._make_app(), access_log=None, shutdown_timeout=1)
        await runner.setup()
        try:
            site = web.TCPSite(runner, "127.0.0.1", self.port)
            await site.start()
            self.port = runner.addresses[0][1]
            ready.set()
            await self._stop.wait()
        finally:
            await runner.cleanup()

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(10)
            self._thread = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class FakeNgrokAgent(LoopbackServer):
    """The ngrok agent's local API: one tunnel from `public_url` to `local_port`, or none."""

    def __init__(self) -> None:
        super().__init__(self._app)
        self.tunnels: list[dict[str, Any]] = []

    def forward(self, public_url: str, local_port: int) -> None:
        self.tunnels = [{"name": "command_line", "proto": "https", "public_url": public_url,
                         "config": {"addr": f"http://localhost:{local_port}", "inspect": True}}]

    def _app(self) -> web.Application:
        async def tunnels(request: web.Request) -> web.Response:
            return web.json_response({"tunnels": self.tunnels, "uri": "/api/tunnels"})

        app = web.Application()
        app.router.add_get("/api/tunnels", tunnels)
        return app


class ReverseProxy(LoopbackServer):
    """The tunnel's public end: forwards every request to the listener's port."""

    def __init__(self) -> None:
        super().__init__(self._app)
        self.target_port = 0

    def _app(self) -> web.Application:
        async def forward(request: web.Request) -> web.Response:
            url = f"http://127.0.0.1:{self.target_port}{request.rel_url}"
            headers = {"Content-Type": request.headers.get("Content-Type", "application/json")}
            try:
                async with aiohttp.ClientSession() as session, session.request(
                    request.method, url, data=await request.read(), headers=headers,
                    allow_redirects=False,
                ) as upstream:
                    body = await upstream.read()
                    kind = upstream.headers.get("Content-Type", "application/json")
                    return web.Response(status=upstream.status, body=body,
                                        headers={"Content-Type": kind})
            except aiohttp.ClientError:
                return web.Response(status=502, text="the tunnel cannot reach its upstream")

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", forward)
        return app
