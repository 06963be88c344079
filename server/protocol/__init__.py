"""The console protocol: the whole of what a console knows of callgate (gui/ imports nothing
else of server/)."""
