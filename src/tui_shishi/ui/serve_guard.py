"""What ``shishi serve`` lets in: the access token, the Origin of a websocket, terminal sizes, URLs.

Pure functions over strings, so each rule is tested without a server (tests/test_serve.py).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from urllib.parse import urlsplit

TOKEN_CHARS = re.compile(r"[A-Za-z0-9_.~-]{8,128}")
COLUMNS = (20, 400)  # a terminal narrower than 20 cells shows nothing useful; wider is memory
ROWS = (10, 200)
FONT_SIZE = (8, 48)
# A Host header as a browser sends it: a name, an IPv4 address or a bracketed IPv6 one, a port.
HOST_HEADER = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


class ServeError(ValueError):
    """A serve option that cannot be used (said in one line)."""


def new_token() -> str:
    """A fresh access token for one start of the server."""
    return secrets.token_urlsafe(24)


def cookie_name(token: str) -> str:
    """The token's cookie, named after (a hash of) the token: cookies ignore ports, so two
    servers on one host would otherwise overwrite each other's."""
    return "shishi_" + hashlib.sha256(token.encode("utf-8")).hexdigest()[:12]


def check_token_option(token: str) -> str:
    """``--token``: 8 to 128 URL-safe characters, so the printed URL is the token as given."""
    if not TOKEN_CHARS.fullmatch(token):
        raise ServeError("--token：应为 8 到 128 个字符，只用 A-Z a-z 0-9 _ . ~ -")
    return token


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison: how long it takes says nothing about how much of it was right."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def check_public_url(url: str) -> str:
    """``--public-url``: an http(s) URL with a host and no query, kept without its trailing ``/``."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ServeError(f"--public-url {url!r}：应写作 http(s)://主机[:端口][/路径]")
    try:
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError:
        raise ServeError(f"--public-url {url!r}：端口不是数字") from None
    return f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")


def clamp(value: str | None, bounds: tuple[int, int], default: int) -> int:
    """A number from a query parameter, within ``bounds``; ``default`` when it is not a number."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return max(bounds[0], min(bounds[1], number))


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """Columns and rows a browser asks for, within COLUMNS and ROWS (80x24 when unreadable)."""
    return clamp(str(width), COLUMNS, 80), clamp(str(height), ROWS, 24)


def _split_host(host: str) -> tuple[str, int | None]:
    """``name:port`` / ``[v6]:port`` → (lower-case name, port or None)."""
    if host.startswith("["):
        name, _, rest = host[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    else:
        name, _, port = host.partition(":")
    return name.lower(), int(port) if port.isdigit() else None


def origin_of(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of a URL or Origin header; None when it is not http(s)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:
        return None
    return parts.scheme, parts.hostname.lower(), port


def origin_allowed(origin: str | None, host: str, public_url: str | None) -> bool:
    """May a websocket upgrade with this Origin header drive a session?

    A browser always sends Origin on a websocket; a page on another site (http://evil.example
    opening ws://127.0.0.1:8000/ws) is refused. With ``--public-url`` only its origin is served;
    without, the origin must name the host the browser asked for (the Host header). A client
    that sends no Origin is not a browser page: it still needs the token.
    """
    if origin is None:
        return True
    seen = origin_of(origin)
    if seen is None:  # "null" (a sandboxed frame, a file:// page) or garbage
        return False
    if public_url:
        return seen == origin_of(public_url)
    if not HOST_HEADER.fullmatch(host):
        return False
    name, port = _split_host(host)
    return (seen[1], seen[2]) == (name, port or DEFAULT_PORTS[seen[0]])


def base_url(public_url: str | None, scheme: str, host: str) -> str | None:
    """Where the browser reaches this server: ``--public-url``, else the request's own host.

    Never the bind address: ``--host 0.0.0.0`` is where the server listens, not a place a
    browser can connect to. None when the Host header is not a host name.
    """
    if public_url:
        return public_url
    if not HOST_HEADER.fullmatch(host):
        return None
    return f"{'https' if scheme == 'https' else 'http'}://{host}"


def websocket_url(base: str) -> str:
    """The session websocket under ``base`` (https → wss)."""
    scheme, _, rest = base.partition("://")
    return f"{'wss' if scheme == 'https' else 'ws'}://{rest}/ws"


def display_url(host: str, port: int, public_url: str | None, token: str, hostname: str) -> str:
    """The URL printed on start: public URL, else host:port (a wildcard bind shows ``hostname``)."""
    if public_url:
        return f"{public_url}/?token={token}"
    if host in ("", "0.0.0.0", "::"):
        host = hostname
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/?token={token}"
