"""Text → domain objects. No database, no UI.

``parse_bytes`` is the one entry point: it decodes, strips web-page chrome, detects the format
and the metadata (city, period, kind, as-of date) and runs the reader for that format.

Every format module offers ``NAME``, ``KIND``, ``score(lines) -> 0..1`` and ``read(lines, doc)``;
the best score wins. No text makes the import fail: a reader that breaks on a document leaves it
kept as paragraphs with a FLAG_NOT_UNDERSTOOD flag naming the error. Only bytes that are not text
empty files and invalid overrides raise ``ParseError``.

``parse_file`` reads regular files only (a FIFO would block, ``/dev/zero`` never ends) and no
more than ``MAX_BYTES``: a larger document is refused, never read into memory.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from tui_shishi import model
from tui_shishi.parse.quote import quote
from tui_shishi.reasons import os_reason
from tui_shishi.safe_text import CONTROL_CHARS, printable

if TYPE_CHECKING:
    from tui_shishi.parse.text import Line

_NUMBERING_FLAGS = (model.FLAG_MISSING_ITEMS, model.FLAG_OUT_OF_ORDER, model.FLAG_DUPLICATE_ITEM)

# The largest document read: the genre's longest lists and reports are a few hundred KB, so
# 20 MB is far beyond any real one and still parses in bounded time and memory.
MAX_BYTES = 20 * 1024 * 1024


class ParseError(ValueError):
    """A document that cannot be imported at all (not text, bad override); one-line message."""


def parse_file(path: str | Path, *, city: str | None = None, year: str | int | None = None, kind: str | None = None) -> model.Document:
    """Read and parse one file; ``city``, ``year`` and ``kind`` as for ``parse_bytes``."""
    path = Path(path)
    try:
        data = read_source(path)
    except ParseError as exc:
        raise ParseError(f"{path}: {exc}") from None
    return parse_bytes(data, path.name, city=city, year=year, kind=kind)


def read_source(path: str | Path) -> bytes:
    """The bytes of a document file: a regular file of at most ``MAX_BYTES``, read with a bounded
    read. Anything else raises ``ParseError`` with a one-line reason (without the path)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        fd = os.open(path, flags)
    except OSError as exc:
        raise ParseError(f"无法读取（{os_reason(exc)}）") from None
    chunks: list[bytes] = []
    size = 0
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ParseError("不是普通文件")
        if info.st_size > MAX_BYTES:
            raise ParseError(_too_large(info.st_size))
        while size <= MAX_BYTES:  # bounded: a file that grows while it is read stops here
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ParseError(f"无法读取（{os_reason(exc)}）") from None
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise ParseError(_too_large(None))  # it grew while it was read
    return b"".join(chunks)


def _too_large(size: int | None) -> str:
    found = f"{size:,} 字节" if size is not None else f"超过 {MAX_BYTES:,} 字节"
    mb = f"（{MAX_BYTES // 2**20} MB）" if MAX_BYTES >= 2**20 else ""
    return f"文件过大：{found}；上限 {MAX_BYTES:,} 字节{mb}"


def parse_bytes(
    data: bytes,
    source_file: str = "",
    *,
    city: str | None = None,
    year: str | int | None = None,
    kind: str | None = None,
) -> model.Document:
    """Parse a published document. ``city``, ``year`` (2025, "2025", "2022-2024") and ``kind``
    (one of model.KINDS) replace what would be detected from the text."""
    from tui_shishi.parse import detect, text

    if len(data) > MAX_BYTES:
        raise ParseError(_too_large(len(data)))
    year_override = _year_override(year)
    if kind is not None and kind not in model.KINDS:
        raise ParseError(f"未知的文件类型 {kind!r}：应为 {'、'.join(model.KINDS)} 之一")
    if city is not None:
        city = CONTROL_CHARS.sub("", city).strip()  # a name, never a terminal sequence
        if not city:
            raise ParseError("城市名为空")
    try:
        decoded, encoding = text.decode(data)
    except text.DecodeError as exc:
        message = str(exc)
        raise ParseError(message if message.startswith("不是文本") else f"不是文本：{message}") from None
    if not decoded.strip():
        # Nothing to keep or flag: importing it would only add an empty 未知 document.
        raise ParseError("文件为空：没有文字")

    from tui_shishi.parse import repair

    all_lines, repair_flags = repair.repair(text.split_lines(decoded))
    kept, chrome_flags = _strip_chrome(all_lines)
    meta = detect.detect_metadata(kept, all_lines)
    doc = model.Document(
        city=city or meta.city,
        year_start=year_override[0] if year_override else meta.year_start,
        year_end=year_override[1] if year_override else meta.year_end,
        kind=kind or model.KIND_UNKNOWN,
        title=meta.title,
        as_of=meta.as_of,
        source_file=printable(source_file, line=True),  # a name to show: ESC or a newline in it is drawn
        sha256=hashlib.sha256(data).hexdigest(),
        text=decoded,
        encoding=encoding,
    )
    doc.place, doc.place_level = meta.place, meta.place_level
    doc.flags.extend(repair_flags)
    doc.flags.extend(chrome_flags)
    doc.flags.extend(f for f in meta.flags if not _overridden(f, city, year_override))

    from tui_shishi.parse import content, outline

    try:
        content.read(outline.outline(kept), doc, kind)
    except Exception as exc:  # any reader bug: keep the text, say what broke, go on
        if strict():
            raise
        _reset(doc)
        _fallback(kept, doc, f"读取时出错（{type(exc).__name__}: {exc}），全文按段落保留")
    for item in doc.items:
        for flag in item.flags:
            if flag.item_number is None:
                flag.item_number = item.number  # readers' helpers do not know the item
    _add_numbering_flags(doc)
    if doc.items:
        last = doc.items[-1]
        tail = [line.raw for line in kept if line.number >= (last.line or 0) and line.raw.strip()]
        cut = repair.truncation_flag("\n".join(tail), kept[-1].number if tail else None, peers=[i.text for i in doc.items[:-1]])
        if cut is not None:
            cut.item_number = last.number
            last.flags.append(cut)
    for item in doc.items:
        item.flags.extend(unlinked_percent_flags(item))
    return doc


def _year_override(year: str | int | None) -> tuple[int, int] | None:
    if year is None:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–—~至]\s*(\d{4})\s*)?", str(year))
    if not m:
        raise ParseError(f"年份 {year!r} 看不懂：应写作 2025 或 2022-2024")
    start, end = int(m.group(1)), int(m.group(2) or m.group(1))
    if end < start:
        raise ParseError(f"年份 {year!r} 不对：结束早于开始")
    return start, end


def _overridden(flag: model.Flag, city: str | None, year: tuple[int, int] | None) -> bool:
    """A metadata flag for what the user has given is no longer a finding."""
    from tui_shishi.parse import detect

    if flag.kind != model.FLAG_METADATA:
        return False
    about_city = flag.detail.startswith((detect.CITY_GUESSED, detect.CITY_NOT_FOUND))
    return (city is not None and about_city) or (year is not None and flag.detail.startswith(detect.YEAR_NOT_FOUND))


def _strip_chrome(lines: list[Line]) -> tuple[list[Line], list[model.Flag]]:
    from tui_shishi.parse import chrome

    try:
        return chrome.strip(lines)
    except Exception as exc:  # a chrome bug: for users a flag and the whole text kept; raised under tests
        if strict():
            raise
        return lines, [model.Flag(model.FLAG_NOT_UNDERSTOOD, f"去除网页杂项时出错（{type(exc).__name__}: {exc}），全文保留")]


def _reset(doc: model.Document) -> None:
    doc.sections.clear()
    doc.items.clear()
    doc.paragraphs.clear()
    doc.format = ""


def strict() -> bool:
    """Under tests (``SHISHI_STRICT=1``) a reader error raises; for users it stays a flag."""
    return os.environ.get("SHISHI_STRICT", "") not in ("", "0")


def _fallback(lines: list[Line], doc: model.Document, error: str) -> None:
    """Keep the text as paragraphs: a reader that failed (``error``)."""
    doc.flags.append(model.Flag(model.FLAG_NOT_UNDERSTOOD, error))
    doc.format = "paragraphs"
    doc.paragraphs.extend(line.raw.strip() for line in lines if line.raw.strip())


def numbering_flags(items: list[model.Item]) -> list[model.Flag]:
    """Duplicate, out-of-order and missing item numbers, in the order the document gives them."""
    flags: list[model.Flag] = []
    seen: set[int] = set()
    highest = 0
    for item in items:
        if item.number in seen:
            flags.append(model.Flag(model.FLAG_DUPLICATE_ITEM, f"第{item.number}件出现了两次", item.number, item.line))
        elif item.number < highest:
            flags.append(model.Flag(model.FLAG_OUT_OF_ORDER, f"第{item.number}件排在第{highest}件之后", item.number, item.line))
        seen.add(item.number)
        highest = max(highest, item.number)
    missing = [n for n in range(1, highest + 1) if n not in seen]
    if missing:
        flags.append(model.Flag(model.FLAG_MISSING_ITEMS, f"第1至{highest}件中缺少第{'、'.join(map(str, missing))}件"))
    return flags


def unlinked_percent_flags(item: model.Item) -> list[model.Flag]:
    """A figure published with its percent of plan that no target of the item took.

    It stays in the item's progress with its sentence; the flag says the link is missing, so
    no one reads the percent as the item's result. Context figures without a percent (惠及230多个
    村庄) are kept the same way but are not findings.
    """
    flags = []
    for obs in item.progress:
        if obs.actual is None or obs.percent_of_plan is None or obs.qualitative:
            continue
        flags.append(model.Flag(
            model.FLAG_NUMBER_NOT_PARSED,
            f"“{obs.actual.text}”（占年计划{obs.percent_of_plan:g}%）未能对应到第{item.number}件的目标："
            f"{quote(obs.sentence)}",
            item.number, obs.line,
        ))  # fmt: skip
    return flags


def _add_numbering_flags(doc: model.Document) -> None:
    """Item checks common to every format; a reader that made its own keeps them."""
    done = {f.kind for f in doc.all_flags() if f.kind in _NUMBERING_FLAGS}
    doc.flags.extend(f for f in numbering_flags(doc.items) if f.kind not in done)
