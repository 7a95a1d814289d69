"""``shishi serve``: the app in a web browser, fit for a meeting room's network.

textual-serve runs a *command* per browser session; its own Server is a development server (no
access control, the page connects back to the bind address, fonts from a CDN). This module keeps
its session machinery (AppService, the page's textual.js and fonts) and wraps it:

- every request for the page or a session needs the access token of this start (``?token=``
  once, then a cookie); a websocket whose Origin is another site is refused (serve_guard.py);
- at most ``max_sessions`` apps run at once; terminal sizes are clamped;
- a session runs ``shishi --db PATH`` with ``SHISHI_SERVED=1``, so it saves no screenshots;
- the page's websocket URL comes from ``--public-url`` or the request's Host, never 0.0.0.0;
- the page loads nothing from outside this server;
- SIGTERM or Ctrl+C closes every session and stops within about two seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import shlex
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import WSCloseCode, WSMsgType, web

from tui_shishi.ui import serve_guard as guard

if TYPE_CHECKING:
    from textual_serve.app_service import AppService

log = logging.getLogger("tui_shishi.serve")

PAGE = Path(__file__).parent / "static" / "serve_page.html"
TITLE = "市办实事 tui-shishi"
QUIT_GRACE = 1.0  # seconds an app gets to quit by itself before it is terminated
HEADERS = {
    "Cache-Control": "no-store",  # the page carries the token
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


def app_argv(db_path: str | Path) -> list[str]:
    """The app as a session runs it: ``shishi --db PATH`` through this interpreter."""
    code = "from tui_shishi.launch import main; main()"
    return [sys.executable, "-c", code, "--db", str(Path(db_path).resolve())]


def _statics() -> Path:
    import textual_serve

    return Path(textual_serve.__file__).parent / "static"


def _served_app_class() -> Callable[..., AppService]:
    """``ServedApp(argv, **AppService's keyword arguments)``: made here, so textual-serve is
    imported when a server starts, not with this module."""
    from textual_serve.app_service import AppService

    class ServedApp(AppService):
        """One browser session's app: started without a shell, stopped within QUIT_GRACE."""

        def __init__(self, argv: list[str], **kwargs: Any) -> None:
            super().__init__(shlex.join(argv), **kwargs)
            self.argv = argv

        def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
            environment = super()._build_environment(width, height)
            environment["SHISHI_SERVED"] = "1"  # the app writes no files (ui/app.py)
            return environment

        async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
            # Its own session: Ctrl+C in the server's terminal reaches the server, which then
            # closes every app in order, not the apps behind its back.
            self._process = process = await asyncio.create_subprocess_exec(
                *self.argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=self._build_environment(width=width, height=height),
                start_new_session=True,
            )
            self._stdin = process.stdin
            return process

        async def stop(self) -> None:
            """Ask the app to quit; terminate it if it has not after QUIT_GRACE seconds."""
            task, self._task = self._task, None
            process = self._process
            if task is None or process is None:
                return
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_GRACE / 2)
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE)
            except asyncio.TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.terminate()
                try:
                    await asyncio.wait_for(process.wait(), QUIT_GRACE / 2)
                except asyncio.TimeoutError:
                    with contextlib.suppress(ProcessLookupError):
                        process.kill()
                    await process.wait()
            try:
                await asyncio.wait_for(task, QUIT_GRACE / 2)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                task.cancel()

    return ServedApp


def _message_page(status: int, heading: str, text: str) -> web.Response:
    body = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>'
        f'{html.escape(heading)}</title></head><body style="font-family:sans-serif;margin:3em">'
        f"<h1>{html.escape(heading)}</h1><p>{html.escape(text)}</p></body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html", headers=HEADERS)


def _forbidden() -> web.Response:
    return _message_page(403, "403 需要访问令牌", "请使用启动 shishi serve 时打印的完整网址（含 ?token=…）。")


class MeetingServer:
    """The aiohttp application serving the app to at most ``max_sessions`` browsers."""

    def __init__(
        self,
        argv: list[str],
        *,
        token: str,
        max_sessions: int = 4,
        public_url: str | None = None,
        title: str = TITLE,
    ) -> None:
        from textual_serve.download_manager import DownloadManager

        self.argv = argv
        self.token = token
        self.max_sessions = max_sessions
        self.public_url = public_url
        self.title = title
        self.cookie = guard.cookie_name(token)
        # Open sessions count against the limit; an app is stopped (for up to ~2 s) after its
        # session closes, so a reload at the limit is not refused, and shutdown still waits for it.
        self.sessions: dict[web.WebSocketResponse, AppService] = {}
        self.apps: set[AppService] = set()
        self.download_manager = DownloadManager()
        self.app_class = _served_app_class()
        self.page = PAGE.read_text(encoding="utf-8")

    def make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self.handle_index),
                web.get("/ws", self.handle_websocket),
                web.static("/static", _statics(), show_index=False),
            ]
        )
        return app

    # ------------------------------------------------------------------ checks

    def _authorised(self, request: web.Request) -> tuple[bool, bool]:
        """(token right, token came in the query): the query for a first visit, else the cookie."""
        given = request.query.get("token")
        if given is not None:
            return guard.token_matches(given, self.token), True
        return guard.token_matches(request.cookies.get(self.cookie), self.token), False

    def _scheme(self, request: web.Request) -> str:
        forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
        return "https" if forwarded == "https" else request.scheme

    def _full(self) -> bool:
        # Apps still stopping count too (up to as many again): opening and closing sessions in
        # a loop cannot pile up processes.
        return len(self.sessions) >= self.max_sessions or len(self.apps) >= 2 * self.max_sessions

    def _full_text(self) -> str:
        return f"已有 {len(self.sessions)} 个会话在运行（上限 {self.max_sessions} 个），请稍后再试。"

    # ------------------------------------------------------------------ handlers

    async def handle_index(self, request: web.Request) -> web.Response:
        ok, from_query = self._authorised(request)
        if not ok:
            return _forbidden()
        if self._full():
            return _message_page(503, "会话已满", self._full_text())
        base = guard.base_url(self.public_url, self._scheme(request), request.host)
        if base is None:
            return _message_page(400, "400 无法识别的主机名", "请求的 Host 头不是主机名。")
        font_size = guard.clamp(request.query.get("fontsize"), guard.FONT_SIZE, 16)
        values = {
            "title": self.title,
            "static": f"{base}/static/",
            "ws_url": guard.websocket_url(base),
            "font_size": str(font_size),
        }
        text = self.page
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", html.escape(value))
        response = web.Response(text=text, content_type="text/html", headers=HEADERS)
        if from_query:
            response.set_cookie(
                self.cookie,
                self.token,
                httponly=True,
                samesite="Strict",
                secure=base.startswith("https:"),
            )
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not self._authorised(request)[0]:
            return _forbidden()
        if not guard.origin_allowed(request.headers.get("Origin"), request.host, self.public_url):
            return _message_page(403, "403 来源不符", "此会话只接受来自本服务网页的连接。")
        width, height = guard.terminal_size(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 16)
        if self._full():  # a clear refusal in the terminal, then a "try again later" close
            with contextlib.suppress(Exception):  # the browser may already be gone
                await websocket.prepare(request)
                await websocket.send_bytes(f"\r\n  {self._full_text()}\r\n".encode())
                await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message="会话已满".encode())
            return websocket
        service = self.app_class(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.sessions[websocket] = service  # counted before the first await: no race past the limit
        self.apps.add(service)
        try:
            await websocket.prepare(request)
            await service.start(width, height)
            await self._pump(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("session failed")
        finally:
            self.sessions.pop(websocket, None)
            if not websocket.closed:
                with contextlib.suppress(Exception):
                    await websocket.close()
            await service.stop()
            self.apps.discard(service)
        return websocket

    async def _pump(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """The browser's messages to the app; anything malformed is ignored."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, KeyError, IndexError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(*guard.terminal_size(data.get("width"), data.get("height")))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    # ------------------------------------------------------------------ running

    async def close_sessions(self) -> int:
        """Quit every running app and close its websocket; how many there were."""
        sessions = list(self.sessions.items())
        await asyncio.gather(*(service.stop() for service in list(self.apps)), return_exceptions=True)
        await asyncio.gather(
            *(ws.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping") for ws, _ in sessions),
            return_exceptions=True,
        )
        return len(sessions)

    async def run(self, host: str, port: int, started: Callable[[int], None]) -> int:
        """Listen until SIGTERM or SIGINT; ``started(port)`` once bound. Returns sessions closed."""
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)
        runner = web.AppRunner(self.make_app(), handle_signals=False, shutdown_timeout=0.5, access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port, shutdown_timeout=0.5)
            await site.start()
            started(runner.addresses[0][1])
            await stop.wait()
            closed = await self.close_sessions()  # each app within ~2.5 s (ServedApp.stop)
        finally:
            await runner.cleanup()
        return closed


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    token: str | None = None,
    max_sessions: int = 4,
    public_url: str | None = None,
    announce: Callable[[str], None] = print,
) -> int:
    """Serve the app until SIGTERM or Ctrl+C; ``announce(url)`` with the token once listening.

    Raises ServeError for an unusable option, OSError when the address cannot be bound.
    Returns how many sessions were closed on the way out.
    """
    token = guard.check_token_option(token) if token is not None else guard.new_token()
    public = guard.check_public_url(public_url) if public_url else None
    server = MeetingServer(app_argv(db_path), token=token, max_sessions=max_sessions, public_url=public)

    def started(bound_port: int) -> None:
        announce(guard.display_url(host, bound_port, public, token, socket.gethostname()))

    return asyncio.run(server.run(host, port, started))
