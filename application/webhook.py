"""The webhook's secret token, its rotation with a grace period, and the URLs that carry it."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from application.settings import SettingsService
from screening.urls import public_webhook_url, webhook_url
from storage.database import writing
from storage.settings import Tokens


def new_token() -> str:
    """192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class TokenState:
    """The token in force and, during its grace after a rotation, the one it replaced."""

    token: str
    previous: str | None = None
    previous_until: datetime | None = None  # the previous token works until then (UTC)


class WebhookService:
    def __init__(self, db: Callable[[], Database], settings: SettingsService) -> None:
        self._db = db
        self._settings = settings

    def token(self) -> str:
        """The secret in the webhook path, made on first use. Read first: a write would wait
        while another program holds the write lock."""
        tokens = Tokens(self._db())
        return tokens.current() or tokens.keep_first(new_token())

    def current(self) -> str | None:
        """The token without making one: for readers that must not write."""
        return Tokens(self._db()).current()

    def state(self, now: datetime | None = None) -> TokenState:
        """The token, and the previous one while it still works at `now`."""
        token = self.token()
        previous, until = Tokens(self._db()).previous()
        if previous is None or until is None:
            return TokenState(token)
        ends = datetime.fromisoformat(until)
        if ends <= (now or datetime.now(UTC)):
            return TokenState(token)
        return TokenState(token, previous, ends)

    def rotate(self, now: datetime | None = None) -> TokenState:
        """A new token; the old one keeps working for `token-grace-hours`, so no call is lost
        while the URL in commubo's dashboard is being updated."""
        moment = now or datetime.now(UTC)
        db = self._db()
        with writing(db):
            grace = timedelta(hours=self._settings.get().token_grace_hours)
            until = (moment + grace).astimezone(UTC).isoformat(timespec="seconds")
            Tokens(db).replace(new_token(), self.token(), until)
        return self.state(moment)

    def local_url(self, host: str, port: int) -> str:
        """The local URL commubo's posts reach, with the token."""
        return webhook_url(host, port, self.token())

    def public_url(self, public_base: str | None = None) -> str | None:
        """The URL to register in commubo: the public base given (a tunnel's), else the
        `public-url` setting; None without either."""
        base = public_base or self._settings.get().public_url
        return public_webhook_url(base, self.token()) if base else None
