"""Whether commubo can reach callgate: what the tunnels say of themselves (server/tunnels.py),
the self-test (server/selftest.py) and the monitor that runs both (server/console/reach.py).

Most of these are clauses without a full stop: a finding may add another to them
(`check.and`), and `check.sentence` ends the last one. %1 is mostly the address asked."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    # Joining findings: a clause and another; a clause as a whole sentence
    "check.and": QT_TRANSLATE_NOOP("checks", "%1; %2"),
    "check.sentence": QT_TRANSLATE_NOOP("checks", "%1."),
    "check.list.and": QT_TRANSLATE_NOOP("checks", "%1 and %2"),
    "check.list.comma": QT_TRANSLATE_NOOP("checks", "%1, %2"),
    # A local helper's HTTP API that gave no answer (completes "its local API at %1 ...")
    "check.no_answer.timeout": QT_TRANSLATE_NOOP("checks", "did not answer within %1 s"),
    "check.no_answer.refused": QT_TRANSLATE_NOOP(
        "checks", "refuses connections (nothing listens there)"),
    "check.no_answer.unreachable": QT_TRANSLATE_NOOP("checks", "cannot be reached (%1)"),
    "check.no_answer.not_http": QT_TRANSLATE_NOOP(
        "checks", "gave no proper HTTP answer (%1)"),
    # ngrok (%1 the agent's API address, %2 callgate's port, or as named)
    "check.ngrok.down": QT_TRANSLATE_NOOP(
        "checks", "ngrok is not running: its local API at %1 %2; start it with "
                  "`ngrok http %3`, or set ngrok-api to its web_addr"),
    "check.ngrok.not_api.status": QT_TRANSLATE_NOOP(
        "checks", "%1 answers HTTP %2, so it is not the ngrok agent's API; set ngrok-api to "
                  "the agent's web_addr"),
    "check.ngrok.not_api.answer": QT_TRANSLATE_NOOP(
        "checks", "%1 answers something that is not its tunnel list, so it is not the ngrok "
                  "agent's API; set ngrok-api to the agent's web_addr"),
    "check.ngrok.forwards": QT_TRANSLATE_NOOP("checks", "ngrok forwards %1 to port %2"),
    "check.ngrok.forwards_plain": QT_TRANSLATE_NOOP(
        "checks", "ngrok forwards %1 to port %2 (plain http, without TLS)"),
    "check.ngrok.elsewhere.one": QT_TRANSLATE_NOOP(
        "checks", "ngrok runs but forwards only to port %1, not to callgate's port %2; start "
                  "it with `ngrok http %2`"),
    "check.ngrok.elsewhere.many": QT_TRANSLATE_NOOP(
        "checks", "ngrok runs but forwards only to ports %1, not to callgate's port %2; start "
                  "it with `ngrok http %2`"),
    "check.ngrok.no_tunnel": QT_TRANSLATE_NOOP(
        "checks", "ngrok runs but has no web tunnel; start it with `ngrok http %1`"),
    # cloudflared (%1 its metrics address); a quick tunnel is a cloudflared callgate started
    "check.cloudflared.down": QT_TRANSLATE_NOOP(
        "checks", "cloudflared is not running: its metrics server at %1 %2; start it with "
                  "`--metrics %1`, or set cloudflared-metrics to the address it uses"),
    "check.cloudflared.not_metrics": QT_TRANSLATE_NOOP(
        "checks", "%1 does not answer like cloudflared's metrics server; set "
                  "cloudflared-metrics to the address given with --metrics"),
    "check.cloudflared.no_connection": QT_TRANSLATE_NOOP(
        "checks", "cloudflared runs but has no connection to Cloudflare"),
    "check.cloudflared.no_connection.set_url": QT_TRANSLATE_NOOP(
        "checks", "cloudflared runs but has no connection to Cloudflare; set public-url to "
                  "the tunnel's public address"),
    "check.cloudflared.no_connection.yet": QT_TRANSLATE_NOOP(
        "checks", "cloudflared runs but has no connection to Cloudflare yet"),
    "check.cloudflared.old": QT_TRANSLATE_NOOP(
        "checks", "this cloudflared does not tell whether it is connected; update it"),
    "check.cloudflared.old.set_url": QT_TRANSLATE_NOOP(
        "checks", "this cloudflared does not tell whether it is connected; update it; set "
                  "public-url to the tunnel's public address"),
    "check.cloudflared.old.yet": QT_TRANSLATE_NOOP(
        "checks", "this cloudflared does not tell whether it is connected (update it), and "
                  "the quick tunnel has no address yet"),
    "check.cloudflared.connections": QT_TRANSLATE_NOOP("checks", "%n connection(s)", "", 1),
    "check.cloudflared.no_address.set_url": QT_TRANSLATE_NOOP(
        "checks", "cloudflared is connected to Cloudflare (%1) but its public address is "
                  "unknown; set public-url to the tunnel's public address"),
    "check.cloudflared.no_address.yet": QT_TRANSLATE_NOOP(
        "checks", "cloudflared is connected to Cloudflare (%1) but its public address is "
                  "unknown yet"),
    "check.cloudflared.serves": QT_TRANSLATE_NOOP(
        "checks", "cloudflared is connected to Cloudflare (%1) and serves %2"),
    "check.quick.starting_metrics": QT_TRANSLATE_NOOP(
        "checks", "the quick tunnel is starting: cloudflared's metrics server %1"),
    "check.quick.not_started": QT_TRANSLATE_NOOP("checks", "the quick tunnel is not started"),
    "check.quick.stopped": QT_TRANSLATE_NOOP("checks", "cloudflared stopped (exit status %1)"),
    "check.quick.stopped_said": QT_TRANSLATE_NOOP(
        "checks", "cloudflared stopped (exit status %1): %2"),
    "check.quick.not_installed": QT_TRANSLATE_NOOP(
        "checks", "cannot start a quick tunnel: %1 is not installed or not on the PATH"),
    "check.quick.cannot_start": QT_TRANSLATE_NOOP("checks", "cannot start %1: %2"),
    "check.quick.starting": QT_TRANSLATE_NOOP("checks", "the quick tunnel is starting (%1)"),
    # A public URL the office typed
    "check.url.none": QT_TRANSLATE_NOOP(
        "checks", "no public address is set; set public-url to the address that forwards "
                  "to callgate"),
    "check.url.unwatched": QT_TRANSLATE_NOOP(
        "checks", "callgate cannot watch %1 itself; only the self-test can tell whether it "
                  "reaches callgate"),
    # The tunnel as a whole
    "check.tunnel.settings": QT_TRANSLATE_NOOP(
        "checks", "the tunnel settings are not usable: %1"),
    "check.tunnel.failed": QT_TRANSLATE_NOOP("checks", "could not ask the tunnel: %1"),
    "check.failed": QT_TRANSLATE_NOOP("checks", "the reachability check failed (%1)"),
    # No public URL to test
    "check.no_public_url": QT_TRANSLATE_NOOP(
        "checks", "no public URL: start a tunnel (ngrok, cloudflared) or enter the public URL "
                  "(public-url) in the settings"),
    "check.no_public_url.tunnel": QT_TRANSLATE_NOOP(
        "checks", "no public URL: the %1 tunnel gives none, so there was nothing to test"),
    "check.not_tested": QT_TRANSLATE_NOOP("checks", "%1 is not tested (self-test not run)"),
    "check.self_test_not_run": QT_TRANSLATE_NOOP("checks", "%1 (self-test not run)"),
    # The self-test's test call (%1 where it went: scheme://host[:port])
    "check.test.ok": QT_TRANSLATE_NOOP("checks", "%1 reached this callgate in %2 ms"),
    "check.test.dns": QT_TRANSLATE_NOOP(
        "checks", "the public host name %1 does not resolve (DNS): the tunnel or its address "
                  "is gone, or the name is misspelt"),
    "check.test.certificate": QT_TRANSLATE_NOOP(
        "checks", "the TLS certificate of %1 is not valid (%2): the tunnel or proxy in front "
                  "of callgate serves a wrong certificate"),
    "check.test.fingerprint": QT_TRANSLATE_NOOP(
        "checks", "the TLS certificate of %1 does not match the expected fingerprint"),
    "check.test.handshake": QT_TRANSLATE_NOOP(
        "checks", "the TLS handshake with %1 failed (%2): is it an https URL on a port that "
                  "speaks plain HTTP?"),
    "check.test.timeout": QT_TRANSLATE_NOOP(
        "checks", "%1 did not answer within %2 s: the tunnel or the listener behind it hangs"),
    "check.test.refused": QT_TRANSLATE_NOOP(
        "checks", "%1 refused the connection: nothing listens there (is the tunnel or reverse "
                  "proxy running?)"),
    "check.test.connect": QT_TRANSLATE_NOOP("checks", "could not connect to %1: %2"),
    "check.test.disconnected": QT_TRANSLATE_NOOP(
        "checks", "%1 closed the connection without answering"),
    "check.test.invalid_url": QT_TRANSLATE_NOOP(
        "checks", "the public webhook URL %1 is not a valid http(s) URL"),
    "check.test.other": QT_TRANSLATE_NOOP("checks", "the test call to %1 failed: %2"),
    # What the public URL answered the test call (%1 its status and reason, as HTTP says it)
    "check.answer.wrong_token": QT_TRANSLATE_NOOP(
        "checks", "the public URL answered 404: the token in the URL registered in commubo "
                  "is wrong or out of date"),
    "check.answer.decided": QT_TRANSLATE_NOOP(
        "checks", "the public URL answered 403 with a call decision (%1): a callgate that "
                  "does not know test calls answered, not this one"),
    "check.answer.forbidden": QT_TRANSLATE_NOOP(
        "checks", "the public URL answered 403: something in front of callgate (the tunnel, "
                  "a firewall or an access policy) refuses the request"),
    "check.answer.not_callgate": QT_TRANSLATE_NOOP(
        "checks", "%1 answered %2 but not as this callgate (no echo of the test): the tunnel "
                  "forwards to another port or program"),
    "check.answer.redirect": QT_TRANSLATE_NOOP(
        "checks", "the public URL answered %1 (a redirect): commubo takes a redirect as a "
                  "reject; register the final URL"),
    "check.answer.redirect_to": QT_TRANSLATE_NOOP(
        "checks", "the public URL answered %1 (a redirect to %2): commubo takes a redirect as "
                  "a reject; register the final URL"),
    "check.answer.gateway": QT_TRANSLATE_NOOP(
        "checks", "the public URL answered %1: the tunnel is up but cannot reach callgate's "
                  "listener (not running, or the tunnel forwards to the wrong port)"),
    "check.answer.error": QT_TRANSLATE_NOOP(
        "checks", "the public URL answered %1: commubo would reject every call"),
    "check.answer.error_said": QT_TRANSLATE_NOOP(
        "checks", "the public URL answered %1 (%2): commubo would reject every call"),
    "check.answer.not_recorded": QT_TRANSLATE_NOOP(
        "checks", "callgate answered the test at %1 but could not record it: %2"),
    "check.answer.database_failed": QT_TRANSLATE_NOOP(
        "checks", "callgate answered the test at %1 but could not record it: its database "
                  "failed"),
    "check.answer.another_callgate": QT_TRANSLATE_NOOP(
        "checks", "a callgate answered at %1, but not this one: this callgate's database "
                  "never saw the test (the tunnel forwards to another callgate, port or "
                  "computer)"),
    # What the listener on this computer says of a failed test (%1 callgate's port)
    "check.hint.no_listener": QT_TRANSLATE_NOOP(
        "checks", "no callgate listener answers on local port %1: is it running?"),
    "check.hint.forward_here": QT_TRANSLATE_NOOP(
        "checks", "callgate's listener answers on local port %1: make the tunnel forward "
                  "there"),
    # The finding in one line: its state, and why
    "check.state.reachable": QT_TRANSLATE_NOOP("checks", "reachable"),
    "check.state.unreachable": QT_TRANSLATE_NOOP("checks", "unreachable"),
    "check.state.unknown": QT_TRANSLATE_NOOP("checks", "unknown"),
    "check.summary.reachable": QT_TRANSLATE_NOOP("checks", "reachable: %1"),
    "check.summary.unreachable": QT_TRANSLATE_NOOP("checks", "unreachable: %1"),
    "check.summary.unknown": QT_TRANSLATE_NOOP("checks", "unknown: %1"),
})
