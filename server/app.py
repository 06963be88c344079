"""The aiohttp application: built by a factory that starts nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from importlib.resources import files
from pathlib import Path

from aiohttp import web

from application import Office
from application.version import VERSION
from screening.urls import WEBHOOK_PREFIX
from server.broker import DecisionBroker
from server.calls import CallService
from server.console.service import ConsoleService
from server.console.views import mode_state
from server.desks.port import DeskPort
from server.events import EventSink, fan_out, ignore
from server.protocol.messages import ListenerState
from server.recording import open_journal
from server.webhook import BODY_TIMEOUT, MAX_BODY, Webhook, send_and_close
from storage.database import open_database
from storage.writer import Writer

CALLS = web.AppKey("calls", CallService)
WEBHOOK = web.AppKey("webhook", Webhook)
CONSOLE = web.AppKey("console", ConsoleService)
DESKS = web.AppKey("desks", DeskPort)
# The listener's own description (server/openapi.json), read once: schemathesis tests against it.
OPENAPI_DOCUMENT = files("server").joinpath("openapi.json").read_bytes()


async def _webhook(request: web.Request) -> web.Response:
    return await request.app[WEBHOOK].handle(request)


async def _expect(request: web.Request) -> web.StreamResponse | None:
    return await request.app[WEBHOOK].expect(request)


async def _wrong_method(request: web.Request) -> web.Response:
    return request.app[WEBHOOK].wrong_method()


async def _wrong_method_expected(request: web.Request) -> web.Response:
    """The same 405 for a client that waits for 100 Continue: at once, then closed."""
    return await send_and_close(request, await _wrong_method(request))


async def _health(request: web.Request) -> web.Response:
    calls = request.app[CALLS]
    mode = calls.mode_in_force()
    storage_problem, records_waiting = calls.storage()
    return web.json_response(
        {
            "status": "ok",
            "version": VERSION,
            "mode": mode.mode,
            "mode_source": mode.source,
            "mode_until": mode.until.isoformat(timespec="seconds") if mode.until else None,
            "waiting": calls.broker.waiting,
            "refused_requests": calls.refused_requests(),
            "storage_problem": storage_problem,
            "records_waiting": records_waiting,
            "desks": len(request.app[CONSOLE].hub.sessions),
            "desks_refused": request.app[DESKS].refusals(),
        }
    )


async def _openapi(request: web.Request) -> web.Response:
    return web.Response(body=OPENAPI_DOCUMENT, content_type="application/json")


def _unbound() -> ListenerState:
    return ListenerState(listening=True, local_base="", port=0, port_setting=0)


def create_app(
    db_path: Path, emit: EventSink = ignore, broker: DecisionBroker | None = None, *,
    body_timeout: float = BODY_TIMEOUT, listener_state: Callable[[], ListenerState] = _unbound,
) -> web.Application:
    """The listener's app; its database connection opens on the loop that serves it.

    Its console service (app[CONSOLE]) hears every event the call service sends `emit`.
    No path-normalising middleware: for commubo a redirect is a reject.
    """
    app = web.Application(client_max_size=MAX_BODY)
    call_broker = broker or DecisionBroker()

    async def calls_context(app: web.Application) -> AsyncIterator[None]:
        db = open_database(db_path)
        writer = Writer(db_path)
        writer.start()
        console = app[CONSOLE] = ConsoleService(
            Office(db_path), call_broker, mode=lambda: mode_state(app[CALLS].mode_in_force()),
            config_version=lambda: app[CALLS].config_version(), listener_state=listener_state)
        calls = app[CALLS] = CallService(db, writer, call_broker, fan_out(emit, console.take),
                                         journal=open_journal(db_path.parent))
        app[WEBHOOK] = Webhook(calls, body_timeout=body_timeout)
        calls.start()  # before the first call: what the journal kept from a crash goes first
        console.start()
        desks = app[DESKS] = DeskPort(db_path, console, asyncio.get_running_loop())
        desks.start()
        yield
        # Its watcher stops the desk port's process through this loop: not waited for on it.
        await asyncio.get_running_loop().run_in_executor(None, desks.stop)
        console.close()
        writer.close()
        calls.close()
        db.close()

    async def release_waiting_calls(app: web.Application) -> None:
        call_broker.close()

    app.cleanup_ctx.append(calls_context)
    app.on_shutdown.append(release_waiting_calls)
    # A missing, slash-suffixed or newline-bearing token reaches the handler too, so it counts as
    # refused (`.` alone stops at a newline, and the router's own 404 is not the webhook's).
    for path in (WEBHOOK_PREFIX.rstrip("/"), WEBHOOK_PREFIX + "{token:(?s:.*)}"):
        app.router.add_post(path, _webhook, expect_handler=_expect)
        app.router.add_route("*", path, _wrong_method, expect_handler=_wrong_method_expected)
    app.router.add_get("/healthz", _health)
    app.router.add_get("/openapi.json", _openapi)
    return app
