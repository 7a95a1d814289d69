"""Entry point of the ``shishi`` command.

The bare command (``shishi`` or ``shishi --db PATH``, either with ``--present`` or ``--tree``) opens the app straight away: importing
click costs about 25 ms, a fifth of the app's start-up budget (bench/startup.py). Every other
form of the command goes to the click group in tui_shishi.cli.
"""

from __future__ import annotations

import sys


def bare_database(argv: list[str]) -> tuple[bool, str | None]:
    """(True, --db value or None) when ``argv`` only opens the app; (False, None) otherwise."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db" and argv[1]:
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return True, argv[0][5:]
    return False, None


def main() -> None:
    argv = sys.argv[1:]
    flags = {"--present", "--tree"}  # presentation mode (a meeting room); the tree first, not the dashboard
    rest = [arg for arg in argv if arg not in flags]
    bare, db = bare_database(rest)
    if not bare:
        from tui_shishi.cli import main as command

        command(prog_name="shishi")
        return
    from tui_shishi.store.db import DatabaseError, locate
    from tui_shishi.ui.app import run

    try:
        # locate reads SHISHI_DB when there is no --db
        run(locate(db), present="--present" in argv, home="browser" if "--tree" in argv else "overview")
    except DatabaseError as exc:
        print(f"Error: {str(exc).splitlines()[0]}", file=sys.stderr)
        sys.exit(1)
