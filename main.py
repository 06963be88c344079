"""callgate: `python main.py` opens the console; `python main.py COMMAND` runs a command
(cli/)."""

import gc
import sys

# Starting makes objects that live as long as the process (modules, classes, the listener):
# collecting garbage among them while they are made is a tenth of a start-up spent for nothing.
# cli.main turns collection on again: at once for a command, once started for the service and
# the console.
gc.disable()

from cli import main, run  # noqa: E402

__all__ = ["main", "run"]

if __name__ == "__main__":
    sys.exit(run())
