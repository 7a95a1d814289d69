"""``shishi serve`` on a meeting room's network: token, Origin, session limit, sizes, URLs, assets.

The server runs in-process on a free port (aiohttp's test server); each session runs a small
stand-in app that speaks textual-serve's protocol and echoes what it was started with and sent,
so these tests need no database and start no Textual app. The real app behind the real command
(and SIGTERM) is tested in tests/ui/test_screenshot_serve.py.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from tui_shishi.ui import serve_guard as guard
from tui_shishi.ui.serve import MeetingServer

TOKEN = "meeting-room-token-1234"

# Says how it was started, then echoes every packet the server sends; a quit ends it.
STAND_IN_APP = r"""
import json, os, sys
out, inp = sys.stdout.buffer, sys.stdin.buffer
def send(text):
    data = text.encode()
    out.write(b"D" + len(data).to_bytes(4, "big") + data)
    out.flush()
out.write(b"__GANGLION__\n")
send(f"SERVED={os.environ.get('SHISHI_SERVED')} COLUMNS={os.environ['COLUMNS']} ROWS={os.environ['ROWS']};")
while True:
    head = inp.read(5)
    if len(head) < 5:
        break
    payload = inp.read(int.from_bytes(head[1:], "big"))
    send(head[:1].decode() + payload.decode() + ";")
    if head[:1] == b"M" and json.loads(payload).get("type") == "quit":
        break
"""
ARGV = [sys.executable, "-c", STAND_IN_APP]


# ---------------------------------------------------------------------------- the rules


def test_token_comparison_and_option():
    assert guard.token_matches(TOKEN, TOKEN)
    assert not guard.token_matches(TOKEN[:-1], TOKEN)
    assert not guard.token_matches("", TOKEN) and not guard.token_matches(None, TOKEN)
    assert not guard.token_matches("令牌" + TOKEN, TOKEN)
    assert guard.check_token_option(TOKEN) == TOKEN
    for bad in ("short", "has space in it", "a/b?c=d&e", "x" * 129):
        with pytest.raises(guard.ServeError):
            guard.check_token_option(bad)
    first, second = guard.new_token(), guard.new_token()
    assert first != second and len(first) >= 32 and guard.check_token_option(first) == first
    # two servers on one host (cookies ignore ports) keep apart; the name does not give the token
    assert guard.cookie_name(first) != guard.cookie_name(second)
    assert first not in guard.cookie_name(first) and guard.cookie_name(first) == guard.cookie_name(first)


def test_public_url_option():
    assert guard.check_public_url("https://meeting.example/shishi/") == "https://meeting.example/shishi"
    assert guard.check_public_url("http://10.0.0.5:8000") == "http://10.0.0.5:8000"
    for bad in ("ftp://meeting.example", "meeting.example", "https://", "https://h/?a=1", "http://h:port"):
        with pytest.raises(guard.ServeError):
            guard.check_public_url(bad)


def test_terminal_sizes_are_clamped():
    assert guard.terminal_size("120", "40") == (120, 40)
    assert guard.terminal_size("99999", "1") == (400, 10)
    assert guard.terminal_size("-5", "100000") == (20, 200)
    assert guard.terminal_size("wide", None) == (80, 24)
    assert guard.terminal_size(1e9, 3.5) == (80, 24)  # not an integer: the default


def test_origin_rules():
    allowed = guard.origin_allowed
    assert allowed("http://127.0.0.1:8000", "127.0.0.1:8000", None)
    assert allowed("http://meeting-pc", "meeting-pc", None)  # port 80 both sides
    assert allowed("https://meeting.example", "meeting.example", None)  # TLS proxy, Host passed on
    assert allowed("http://[::1]:8000", "[::1]:8000", None)
    assert allowed(None, "127.0.0.1:8000", None)  # not a browser page: the token still decides
    assert not allowed("http://evil.example", "127.0.0.1:8000", None)
    assert not allowed("http://127.0.0.1:9999", "127.0.0.1:8000", None)
    assert not allowed("null", "127.0.0.1:8000", None)
    assert not allowed("http://127.0.0.1:8000", "127.0.0.1:8000 evil", None)
    public = "https://meeting.example/shishi"
    assert allowed("https://meeting.example", "127.0.0.1:8000", public)
    assert allowed("https://meeting.example:443", "anything", public)
    assert not allowed("http://meeting.example", "meeting.example", public)  # scheme differs
    assert not allowed("http://127.0.0.1:8000", "127.0.0.1:8000", public)


def test_urls_never_name_the_bind_address():
    assert guard.base_url(None, "http", "meeting-pc:8000") == "http://meeting-pc:8000"
    assert guard.base_url(None, "https", "meeting.example") == "https://meeting.example"
    assert guard.base_url(None, "http", 'x"><script>') is None
    assert guard.base_url("https://meeting.example/shishi", "http", "0.0.0.0:8000") == "https://meeting.example/shishi"
    assert guard.websocket_url("https://meeting.example/shishi") == "wss://meeting.example/shishi/ws"
    assert guard.websocket_url("http://meeting-pc:8000") == "ws://meeting-pc:8000/ws"
    assert guard.display_url("0.0.0.0", 8000, None, "T0KEN", "meeting-pc") == "http://meeting-pc:8000/?token=T0KEN"
    assert guard.display_url("::1", 8000, None, "T0KEN", "pc") == "http://[::1]:8000/?token=T0KEN"
    public = guard.display_url("0.0.0.0", 8000, "https://m.example/shishi", "T0KEN", "pc")
    assert public == "https://m.example/shishi/?token=T0KEN"


# ---------------------------------------------------------------------------- the server


@pytest.fixture
async def client():
    clients = []

    async def start(**options) -> TestClient:
        server = MeetingServer(ARGV, token=TOKEN, **options)
        test_client = TestClient(TestServer(server.make_app(), host="127.0.0.1"))
        await test_client.start_server()
        test_client.meeting = server
        clients.append(test_client)
        return test_client

    yield start
    for test_client in clients:
        await test_client.meeting.close_sessions()
        await test_client.close()


def origin(test_client: TestClient) -> dict[str, str]:
    return {"Origin": f"http://127.0.0.1:{test_client.port}"}


async def read_until(ws, wanted: str, seconds: float = 10) -> str:
    """Text the stand-in app sent until ``wanted`` shows up (or the socket closes)."""
    seen = ""
    while wanted not in seen:
        message = await ws.receive(timeout=seconds)
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data.decode()
        elif message.type == aiohttp.WSMsgType.TEXT:
            seen += message.data
        else:
            break
    return seen


async def refused(test_client: TestClient, url: str, **kwargs) -> int:
    with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
        async with test_client.ws_connect(url, **kwargs):
            pass
    return caught.value.status


async def test_the_page_and_a_session_need_the_token(client):
    c = await client()
    for url in ("/", "/?token=", "/?token=wrong-token-12345", f"/?token={TOKEN}x"):
        response = await c.get(url)
        assert response.status == 403, url
        assert "需要访问令牌" in await response.text()
        assert TOKEN not in await response.text()
    assert await refused(c, "/ws", headers=origin(c)) == 403
    assert await refused(c, "/ws?token=wrong-token-12345", headers=origin(c)) == 403

    response = await c.get(f"/?token={TOKEN}")  # the URL printed on start
    assert response.status == 200 and "textual-terminal" in await response.text()
    assert "HttpOnly" in response.headers["Set-Cookie"] and "SameSite=Strict" in response.headers["Set-Cookie"]
    assert response.headers["Cache-Control"] == "no-store"
    # later requests carry the cookie (the page's own websocket among them)
    assert (await c.get("/")).status == 200
    async with c.ws_connect("/ws?width=80&height=24", headers=origin(c)) as ws:
        assert "SERVED=1 COLUMNS=80 ROWS=24" in await read_until(ws, "ROWS")


async def test_a_session_from_another_site_is_refused(client):
    c = await client()
    url = f"/ws?token={TOKEN}"
    assert await refused(c, url, headers={"Origin": "http://evil.example"}) == 403
    assert await refused(c, url, headers={"Origin": "null"}) == 403
    assert c.meeting.sessions == {}
    async with c.ws_connect(url, headers=origin(c)) as ws:
        assert "SERVED=1" in await read_until(ws, "ROWS")


async def test_sessions_beyond_the_limit_are_refused_clearly(client):
    c = await client(max_sessions=2)
    url = f"/ws?token={TOKEN}"
    first = await c.ws_connect(url, headers=origin(c))
    second = await c.ws_connect(url, headers=origin(c))
    for ws in (first, second):
        assert "SERVED=1" in await read_until(ws, "ROWS")
    async with c.ws_connect(url, headers=origin(c)) as third:
        said = await read_until(third, "请稍后再试")
        assert "上限 2 个" in said
        closing = await third.receive(timeout=5)
        assert closing.type == aiohttp.WSMsgType.CLOSE and third.close_code == aiohttp.WSCloseCode.TRY_AGAIN_LATER
    page = await c.get(f"/?token={TOKEN}")
    assert page.status == 503 and "会话已满" in await page.text()
    assert len(c.meeting.sessions) == 2

    await first.close()  # a seat frees up
    for _ in range(100):
        if len(c.meeting.sessions) < 2:
            break
        await asyncio.sleep(0.05)
    assert (await c.get(f"/?token={TOKEN}")).status == 200
    async with c.ws_connect(url, headers=origin(c)) as fourth:
        assert "SERVED=1" in await read_until(fourth, "ROWS")
    await second.close()


async def test_terminal_sizes_from_the_browser_are_clamped(client):
    c = await client()
    async with c.ws_connect(f"/ws?token={TOKEN}&width=100000&height=1", headers=origin(c)) as ws:
        assert "COLUMNS=400 ROWS=10;" in await read_until(ws, "ROWS")
        await ws.send_str(json.dumps(["resize", {"width": 5, "height": 99999}]))
        said = await read_until(ws, "resize")
        assert '"width": 20, "height": 200' in said
        await ws.send_str("not json")  # ignored, the session goes on
        await ws.send_str(json.dumps(["ping", "x"]))
        assert await ws.receive_json(timeout=5) == ["pong", "x"]


async def test_the_websocket_url_comes_from_the_public_url_or_the_host(client):
    public = await client(public_url="https://meeting.example/shishi")
    page = await (await public.get(f"/?token={TOKEN}")).text()
    assert 'data-session-websocket-url="wss://meeting.example/shishi/ws"' in page
    assert "https://meeting.example/shishi/static/js/textual.js" in page
    assert "Secure" in (await public.get(f"/?token={TOKEN}")).headers["Set-Cookie"]

    plain = await client()
    page = await (await plain.get(f"/?token={TOKEN}", headers={"Host": "meeting-pc:8765"})).text()
    assert 'data-session-websocket-url="ws://meeting-pc:8765/ws"' in page
    assert "0.0.0.0" not in page
    behind_tls = await plain.get(f"/?token={TOKEN}", headers={"Host": "m.example", "X-Forwarded-Proto": "https"})
    assert 'data-session-websocket-url="wss://m.example/ws"' in await behind_tls.text()
    bad = await plain.get(f"/?token={TOKEN}", headers={"Host": 'x"><script>alert(1)</script>'})
    assert bad.status == 400 and "<script>alert" not in await bad.text()


URL = re.compile(r"""(?:(?:https?|wss?):)?//[^\s"'()<>]+""", re.IGNORECASE)
REFERENCE = re.compile(r"""(?:src|href)\s*=\s*"([^"]+)"|url\("([^"]+)"\)""")


async def test_the_page_loads_nothing_from_outside_this_server(client):
    c = await client()
    host = f"127.0.0.1:{c.port}"
    page = await (await c.get(f"/?token={TOKEN}")).text()
    outside = [u for u in URL.findall(page) if u.split("//", 1)[1].split("/", 1)[0] != host]
    assert outside == [], outside
    assert "googleapis" not in page and "cdn" not in page.lower()
    references = [a or b for a, b in REFERENCE.findall(page)]
    assert any(r.endswith(".ttf") for r in references) and any(r.endswith("textual.js") for r in references)
    for reference in references:  # every font, script, style sheet and image is served here
        assert reference.startswith(f"http://{host}/static/"), reference
        response = await c.get(reference.split(host, 1)[1])
        assert response.status == 200, reference
    assert (await c.get("/static/")).status in (403, 404)  # no directory listing
