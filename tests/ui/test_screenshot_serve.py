"""``shishi screenshot`` (any view rendered headless to SVG) and ``shishi serve`` (textual-serve)."""

from __future__ import annotations

import asyncio
import html
import socket
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
    assert f"wrote {out} (80x24)" in result.output
    text = svg_text(out)
    assert text.startswith("<svg") and "青岛 2025" in text and "128%" in text


def test_screenshot_of_a_department_a_theme_and_an_item(fixture_db, tmp_path):
    # Rich writes a <text> per styled run: look for runs, not whole lines
    for target, expected in (
        ("dept:市财政局", ["市财政局", "协办 1", "实现城镇新增就业35万人以上"]),
        ("theme:就业创业", ["30万人 → 35万人以上", "就业、创业、技能提升"]),
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
    assert result.output.startswith("Error: unknown theme '不存在'") and result.output.count("\n") == 1
    assert not out.exists()
    result = shot(fixture_db, "overview", out, "--size", "big")
    assert result.exit_code == 1 and "COLUMNSxROWS" in result.output


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def first_frames(port: int, wanted: bytes, seconds: float = 20) -> bytes:
    """Bytes a browser session receives until ``wanted`` shows up (or ``seconds`` pass)."""
    import aiohttp  # textual-serve's own dependency

    out = b""
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24") as ws:
            while wanted not in out and time.monotonic() < deadline:
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
    return out


def test_serve_answers_with_the_textual_serve_page(fixture_db):
    port = free_port()
    command = [sys.executable, "-c", "from tui_shishi.cli import main; main()", "--db", str(fixture_db)]
    process = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        page, deadline = "", time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page = response.read().decode("utf-8")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert process.poll() is None, process.stdout.read().decode(errors="replace")
        assert "textual.js" in page and "textual-terminal" in page
        assert f"ws://127.0.0.1:{port}/ws" in page  # the page connects back to this server
        # what the page's websocket does: a session runs the app, which draws its title
        assert "市办实事".encode() in asyncio.run(first_frames(port, "市办实事".encode()))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        process.stdout.close()


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "none.db"), "serve", "--port", "1"])
    assert result.exit_code == 1 and result.output.startswith("Error:")
