"""callgate's use cases, one place for each: what the command line and the console ask of an
office (its rules, settings, mode, history, explanations and webhook), over storage/ and the
pure screening core. Synchronous, Qt-free and aiohttp-free; start with `Office`."""

from application.office import Office

__all__ = ["Office"]
