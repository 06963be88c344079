"""An access log that never writes the webhook token: anyone with the token can decide calls."""

from __future__ import annotations

import logging
import re

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from screening.urls import WEBHOOK_PREFIX

ACCESS_LOG = logging.getLogger("callgate.access")
_SECRET_PATH = re.compile(re.escape(WEBHOOK_PREFIX.rstrip("/")) + r"(/[^?#]*)?")


def redact(path: str) -> str:
    """`/hooks/commubo/<anything>` with the secret part replaced; other paths unchanged."""
    return _SECRET_PATH.sub(WEBHOOK_PREFIX + "<token>", path.split("?", 1)[0])


class RedactingAccessLogger(AbstractAccessLogger):
    """One DEBUG line per request (`serve` already logs one line per call at INFO)."""

    @property
    def enabled(self) -> bool:
        """Read by aiohttp for each connection: no line made for nothing when DEBUG is off."""
        return self.logger.isEnabledFor(logging.DEBUG)

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.debug("%s %s %s %d %.1f ms", request.remote, request.method,
                          redact(request.path), response.status, time * 1000)
