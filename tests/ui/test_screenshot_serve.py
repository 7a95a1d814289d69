"""``shishi screenshot`` (any view rendered headless to SVG) and ``shishi serve`` (textual-serve)."""

from __future__ import annotations

import asyncio
import html
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from tui_shishi.cli import main
from tui_shishi.ui.screenshot import ScreenshotError, parse_size, plan


def svg_text(path) -> str:
    """The characters an SVG screenshot shows (Rich writes spaces as &#160;)."""
    return html.unescape(path.read_text(encoding="utf-8")).replace("\xa0", " ")


def shot(db, target: str, out, *extra: str):
    return CliRunner().invoke(main, ["--db", str(db), "screenshot", target, str(out), *extra])


def test_parse_size():
    assert parse_size("120x40") == (120, 40)
    assert parse_size(" 80×24 ") == (80, 24)
    for bad in ("120", "x40", "10x5", "wide"):
        with pytest.raises(ScreenshotError):
            parse_size(bad)


def test_plan_names_what_to_open(conn):
    assert plan(conn, "overview") == ("overview", None)
    assert plan(conn, "overview:青岛/2020") == ("overview", 1)
    assert plan(conn, "theme:就业创业") == ("themes", "就业创业")
    assert plan(conn, "dept:市财政局") == ("departments", "市财政局")
    assert plan(conn, "青岛/2025") == ("year", 3)
    assert plan(conn, "青岛/2025/7") == ("item", 5)
    for bad in ("theme:不存在", "青岛/2031", "dept:不存在", "overview:青岛/2025/1"):
        with pytest.raises(ScreenshotError):
            plan(conn, bad)


def test_screenshot_of_the_overview_at_a_given_size(fixture_db, tmp_path):
    out = tmp_path / "overview.svg"
    result = shot(fixture_db, "overview", out, "--size", "80x24")
    assert result.exit_code == 0, result.output
    assert f"已写入 {out}（80x24）" in result.output
    text = svg_text(out)
    assert text.startswith("<svg") and "青岛 2025" in text and "128%" in text


def test_screenshot_of_a_department_a_theme_and_an_item(fixture_db, tmp_path):
    # Rich writes a <text> per styled run: look for runs, not whole lines
    for target, expected in (
        ("dept:市财政局", ["市财政局", "协办 1", "实现城镇新增就业35万人以上"]),
        ("theme:就业创业", ["青岛：2020年 30万人 → 2023年 35万人以上", "就业、创业、技能提升"]),
        ("青岛/2025/7", ["背街小巷已全部完成整治提升"]),
    ):
        out = tmp_path / "view.svg"
        result = shot(fixture_db, target, out)
        assert result.exit_code == 0, (target, result.output)
        text = svg_text(out)
        assert all(e in text for e in expected), (target, [e for e in expected if e not in text])


def test_screenshot_of_an_unknown_target_is_a_one_line_error(fixture_db, tmp_path):
    out = tmp_path / "x.svg"
    result = shot(fixture_db, "theme:不存在", out)
    assert result.exit_code == 1
    assert result.output.startswith("Error: 没有主题 '不存在'；主题有：") and result.output.count("\n") == 1
    assert not out.exists()
    result = shot(fixture_db, "overview", out, "--size", "big")
    assert result.exit_code == 1 and "应写作 列数x行数，如 120x40" in result.output


async def first_frames(url: str, wanted: bytes, seconds: float = 20, *, signal_then=None) -> tuple[bytes, object]:
    """Bytes a browser session at ``url`` receives until ``wanted`` shows up (or ``seconds`` pass).

    With ``signal_then`` (a callable), it is called once ``wanted`` is seen, with the session
    still open, and the session is read on until the server closes it; returns the close code.
    """
    import aiohttp  # textual-serve's own dependency

    out, code = b"", None
    deadline = time.monotonic() + seconds
    origin = url.split("/ws", 1)[0].replace("ws://", "http://")
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(url, headers={"Origin": origin}) as ws:
            while time.monotonic() < deadline:
                if wanted in out and signal_then is not None:
                    signal_then()
                    signal_then = None
                elif wanted in out:
                    break
                try:
                    message = await ws.receive(timeout=max(deadline - time.monotonic(), 0.1))
                except asyncio.TimeoutError:
                    break
                if message.type == aiohttp.WSMsgType.BINARY:
                    out += message.data
                elif message.type == aiohttp.WSMsgType.TEXT:
                    out += message.data.encode()
                else:
                    break
            code = ws.close_code
    return out, code


def start_serving(db, *options: str) -> tuple[subprocess.Popen, str]:
    """``shishi serve`` on a free port; the process and the URL it printed (with the token)."""
    command = [sys.executable, "-c", "from tui_shishi.cli import main; main()", "--db", str(db)]
    process = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", "0", *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    line = process.stdout.readline()
    match = re.search(r"正在服务 .*：(http://\S+/\?token=\S+)$", line.strip())
    assert match, line + process.stdout.read() if process.poll() is not None else line
    return process, match.group(1)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(timeout=5)
    process.stdout.close()


# SIGINT (Ctrl+C) takes the same path as SIGTERM: left to `make torture`, as each run starts the app
@pytest.mark.parametrize("signum", [signal.SIGTERM, pytest.param(signal.SIGINT, marks=pytest.mark.slow)])
def test_serve_runs_the_app_in_a_session_and_stops_promptly(fixture_db, signum):
    process, url = start_serving(fixture_db, "--max-sessions", "2")
    try:
        base, token = url.split("/?token=")
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode("utf-8")
        assert "textual.js" in page and "textual-terminal" in page
        assert f'data-session-websocket-url="{base.replace("http:", "ws:")}/ws"' in page
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/", timeout=10)
        assert refused.value.code == 403
        # what the page's websocket does: a session runs the app, which draws its title; then
        # the server is stopped with the session open, and closes it on the way out
        ws_url = f"{base.replace('http:', 'ws:')}/ws?token={token}&width=80&height=24"
        stopped_at = []

        def send_signal():
            stopped_at.append(time.monotonic())
            process.send_signal(signum)

        frames, close_code = asyncio.run(first_frames(ws_url, "市办实事".encode(), signal_then=send_signal))
        assert "市办实事".encode() in frames and stopped_at
        process.wait(timeout=10)
        took = time.monotonic() - stopped_at[0]
        output = process.stdout.read()
        assert process.returncode == 0, output
        assert "已停止（关闭了 1 个会话）" in output
        assert close_code is not None
        assert took < 5, f"{took:.1f} s to stop"  # was 21 s before sessions were closed on the way out
    finally:
        stop(process)


async def test_s_in_a_served_session_saves_nothing(fixture_db, tmp_path, monkeypatch):
    from ui_helpers import make_app, settle

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SHISHI_SERVED", "1")
    app = make_app(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert any("网页会话不能保存截图" in n.message for n in app._notifications)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "options, said",
    [
        (["--token", "short"], "--token"),
        (["--public-url", "ftp://meeting.example"], "--public-url"),
    ],
)
def test_serve_refuses_unusable_options(fixture_db, options, said):
    result = CliRunner().invoke(main, ["--db", str(fixture_db), "serve", "--port", "0", *options])
    assert result.exit_code == 1 and result.output.startswith(f"Error: {said}"), result.output


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "none.db"), "serve", "--port", "1"])
    assert result.exit_code == 1 and result.output.startswith("Error:")
