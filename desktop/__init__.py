"""What callgate needs of the computer it runs on, apart from Qt: the system libraries a window
needs, the command that starts callgate again, its menu entry and icon, and starting it when
its person logs in. Qt-free, so the command line uses it too, before (or without) a window."""
