"""The words of desks (screening/desk.py, application/desks.py, the desk port and the network
link): a desk's name and connection string refused, a desk refused by the service, a link
lost or refused, and a command this desk's role does not allow."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    # A desk's name and role (desk add)
    "refusal.desk.name_empty": QT_TRANSLATE_NOOP("Desks", "a desk needs a name"),
    "refusal.desk.name_long": QT_TRANSLATE_NOOP(
        "Desks", "the desk name '%1' is too long: at most %2 characters"),
    "refusal.desk.name_chars": QT_TRANSLATE_NOOP(
        "Desks", "the desk name '%1' may hold only letters, digits, '-', '_' and '.'"),
    "refusal.desk.taken": QT_TRANSLATE_NOOP(
        "Desks", "there is a desk %1 already; remove it first, or choose another name"),
    "refusal.desk.unknown": QT_TRANSLATE_NOOP("Desks", "there is no desk %1"),
    "refusal.desk.role": QT_TRANSLATE_NOOP(
        "Desks", "a desk's role is operator or admin, not '%1'"),
    "refusal.desk.address": QT_TRANSLATE_NOOP(
        "Desks", "'%1' is not a host name or an IP address for desks to reach this service"),
    "refusal.role.admin": QT_TRANSLATE_NOOP(
        "Desks", "only an admin desk may do that; the desk %1 is an operator"),
    # The connection string (--connect)
    "refusal.connection.scheme": QT_TRANSLATE_NOOP(
        "Desks", "a connection string starts with callgate://, as `desk add` prints it"),
    "refusal.connection.host": QT_TRANSLATE_NOOP(
        "Desks", "the connection string names no host: callgate://HOST:PORT/NAME?..."),
    "refusal.connection.port": QT_TRANSLATE_NOOP(
        "Desks", "the connection string's port is not a number from 1 to 65535"),
    "refusal.connection.desk": QT_TRANSLATE_NOOP(
        "Desks", "the connection string names no desk: callgate://HOST:PORT/NAME?..."),
    "refusal.connection.secret": QT_TRANSLATE_NOOP(
        "Desks", "the connection string has no secret=... (or it was cut short when copied)"),
    "refusal.connection.fingerprint": QT_TRANSLATE_NOOP(
        "Desks", "the connection string has no fingerprint=sha256:... of 64 hex digits "
                 "(or it was cut short when copied)"),
    # The service refuses a desk (Denied)
    "denied.secret": QT_TRANSLATE_NOOP(
        "Desks", "The service refused the desk %1: its secret is wrong (the desk was added "
                 "again, or the connection string was mistyped). Ask for a new connection "
                 "string (python main.py desk add)."),
    "denied.unknown": QT_TRANSLATE_NOOP(
        "Desks", "The service has no desk %1 (it was removed, or never added there). Ask for "
                 "a new connection string (python main.py desk add)."),
    "denied.removed": QT_TRANSLATE_NOOP(
        "Desks", "The desk %1 was removed from the service: this console is no longer "
                 "attached."),
    "denied.version.desk": QT_TRANSLATE_NOOP(
        "Desks", "This desk speaks version %1 of the console protocol and the service version "
                 "%2: update callgate on this computer."),
    "denied.version.service": QT_TRANSLATE_NOOP(
        "Desks", "This desk speaks version %1 of the console protocol and the service version "
                 "%2: update callgate on the service."),
    "denied.hello": QT_TRANSLATE_NOOP(
        "Desks", "The desk did not introduce itself in time; the service closed the "
                 "connection."),
    "denied.fingerprint": QT_TRANSLATE_NOOP(
        "Desks", "A connection closed right after TLS without asking anything: a desk whose "
                 "connection string pins another certificate, or something that is no desk."),
    # The link from the desk's side
    "link.fingerprint": QT_TRANSLATE_NOOP(
        "Desks", "The service at %1 is not the one this connection string names: its "
                 "certificate's fingerprint is %2, not %3. Someone may be intercepting the "
                 "connection, or the service was set up anew: ask for a new connection "
                 "string. Nothing was sent to it."),
    "link.unreachable": QT_TRANSLATE_NOOP(
        "Desks", "No connection to the service at %1 (%2); trying again."),
    "link.closed": QT_TRANSLATE_NOOP(
        "Desks", "The service at %1 closed the connection; trying again."),
    "failed.link_lost": QT_TRANSLATE_NOOP(
        "Desks", "The connection to the service was lost before it answered: this may or may "
                 "not have been done. Look again once the desk is attached."),
    "failed.not_attached": QT_TRANSLATE_NOOP(
        "Desks", "This desk is not attached to the service now: nothing was done."),
})
