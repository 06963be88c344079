"""callgate: `python main.py` opens the console; `python main.py COMMAND` runs a command
(cli/)."""

import sys

from cli import main, run

__all__ = ["main", "run"]

if __name__ == "__main__":
    sys.exit(run())
