"""``shishi serve``: the app in a web browser (textual-serve).

textual-serve runs a *command* per browser session, so the app is started as ``shishi --db PATH``
through this interpreter (``python -c``, so no script needs to be on PATH): the same database,
read-only.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path


def app_command(db_path: str | Path) -> str:
    """The shell command textual-serve runs for each session."""
    code = "from tui_shishi.launch import main; main()"
    return shlex.join([sys.executable, "-c", code, "--db", str(Path(db_path).resolve())])


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app on http://HOST:PORT until interrupted."""
    from textual_serve.server import Server

    Server(app_command(db_path), host=host, port=port, title="市办实事 tui-shishi").serve()
