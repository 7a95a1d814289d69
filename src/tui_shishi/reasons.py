"""The reasons the operating system and SQLite give, in the words the command prints (Chinese).

An error line names the file and says why in Chinese; the reason behind it comes from outside
(``OSError.strerror``, ``sqlite3.Error``'s message) in English. The common ones are said here in
Chinese; one not known here is kept as given, so nothing is hidden. No imports beyond the
standard library: parse, store, ui and the command all use it.
"""

from __future__ import annotations

import errno

# errno → words; OSError.strerror is the C library's English (and locale-dependent).
_ERRNO: dict[int, str] = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许的操作",
    errno.EISDIR: "是一个目录",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "只读文件系统",
    errno.EEXIST: "文件已存在",
    errno.EIO: "磁盘读写错误",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EMFILE: "打开的文件过多",
    errno.EADDRINUSE: "地址已被占用",
    errno.EADDRNOTAVAIL: "本机没有这个地址",
    errno.EDQUOT: "磁盘配额已用完",
}
_ERRNO_WORDS = {
    "no such file or directory": errno.ENOENT,
    "permission denied": errno.EACCES,
    "is a directory": errno.EISDIR,
    "no space left on device": errno.ENOSPC,
    "read-only file system": errno.EROFS,
    "address already in use": errno.EADDRINUSE,
}

# The start of SQLite's message → words (sqlite3_errstr's English, lower case).
_SQLITE: tuple[tuple[str, str], ...] = (
    ("database is locked", "数据库被另一个进程锁定"),
    ("database table is locked", "数据库表被另一个进程锁定"),
    ("database or disk is full", "磁盘已满"),
    ("attempt to write a readonly database", "数据库只读"),
    ("unable to open database file", "无法打开数据库文件"),
    ("disk i/o error", "磁盘读写错误"),
    ("file is not a database", "不是数据库文件"),
    ("file is encrypted or is not a database", "不是数据库文件"),
    ("database disk image is malformed", "数据库文件已损坏"),
    ("no such table:", "缺少表"),
    ("no such column:", "缺少列"),
    ("interrupted", "被中断"),
)


def os_reason(exc: OSError | str | None) -> str:
    """``[Errno 2] No such file or directory`` → 文件或目录不存在; unknown ones as given."""
    if isinstance(exc, OSError):
        if exc.errno in _ERRNO:
            return _ERRNO[exc.errno]
        text = exc.strerror or str(exc) or type(exc).__name__
    else:
        text = exc or ""
    code = _ERRNO_WORDS.get(text.strip().lower())
    return _ERRNO[code] if code is not None else text


def sqlite_reason(exc: BaseException | str) -> str:
    """``database is locked`` → 数据库被另一个进程锁定; a table or column keeps its name
    (``no such table: items`` → 缺少表 items); unknown messages as given (first line)."""
    text = str(exc).splitlines()[0].strip() if str(exc) else type(exc).__name__
    lower = text.lower()
    for start, words in _SQLITE:
        if lower.startswith(start):
            rest = text[len(start) :].strip()
            return f"{words} {rest}" if rest else words
    return text
