"""The desk port: consoles on other machines of the office attach to the service here, over TLS
with the service's own certificate, each desk with its secret (port.py binds it while desks
are registered; server.py serves it; connection.py is one desk's session)."""
