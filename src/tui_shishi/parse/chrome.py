"""Web-page chrome: what a copied news or portal page brings along besides the document.

Documents of this genre are often saved from a web page, so menus (``搜索``, ``联系我们``,
``招聘信息 | 版权声明 | …``), a row of city names, the ``发布时间:… | 来源:…`` meta line, related-news
blocks (``热点新闻``, ``+更多`` and the links after them), ``责任编辑:…``, ``分享到``, reporter
bylines (``□青岛日报/观海新闻记者 刘萍``) and photo captions (``■…``) come with the text.

``strip`` removes them by their *shape*, never by a list of known lines, keeps every other line
with its original number and reports each removed run as a FLAG_CHROME_STRIPPED flag. A line
that carries document structure (第N件, 一、, (一), N、, N., ①, a table row) is never removed:
losing structure is worse than keeping a stray menu word. Nor is a paragraph of the body (a
sentence closed by 。, or a long run of clauses with figures): it ends a related-links block,
whose headlines are short and close with no full stop.
"""

from __future__ import annotations

import re

from tui_shishi.model import FLAG_CHROME_STRIPPED, Flag
from tui_shishi.parse import lexicon
from tui_shishi.parse.quote import quote
from tui_shishi.parse.text import Line

_CN_NUM = "一二三四五六七八九十百零〇两"

# Document structure: never chrome.
STRUCTURE = re.compile(
    rf"^\s*(?:第[{_CN_NUM}\d]+[件项]"
    rf"|[{_CN_NUM}]+\s*[、.]"
    rf"|[(〔\[【][{_CN_NUM}\d]+[)〕\]】]"
    r"|[⑴-⒇]"
    r"|\d{1,3}\s*(?:、|\.(?!\d)))"
)
# ① … ⑳ fold to plain digits (① → 1), so they are read on the text as published.
_CIRCLED = re.compile(r"^\s*[①-⑳]")

# Menu and footer words of portals: a line that is one of these and nothing else.
_NAV_WORDS = frozenset(word.lower() for word in lexicon.terms("chrome", "menu_words"))
# A row of bracketed buttons: 【字体：大 中 小】【打印】【关闭】, [我要纠错] [打印本页].
_BUTTON_ROW = re.compile(r"^\s*(?:[【\[][^】\]]{1,12}[】\]]\s*)+$")
# Links to the neighbouring pages: 上一篇：…, 下一篇：….
_NEIGHBOUR = re.compile(r"^\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页)\s*:")
# The site's own name heading the page: 日照市人民政府门户网站.
_SITE_NAME = re.compile(r"^[^,。;!?]{0,20}(?:门户网站|政府网站|人民政府网|官方网站)$")
# Headings of the related-links block at a page's end; the links after them go too.
_LINK_BLOCK = re.compile(r"^\s*(?:\+?更多(?:>>|>|»)?|" + lexicon.alternation("chrome", "link_blocks") + r")\s*$")
_META_FIELD = re.compile(r"(发布时间|发布日期|来源|作者|责任编辑|编辑|浏览次数|浏览量|点击数|阅读数|字号)\s*:")
_EDITOR = re.compile(r"^\s*(?:责任编辑|编辑|校对|审核|审校|终审|监制|值班编辑)\s*:")
_SHARE = re.compile(r"^\s*(?:分享到|分享至|扫一扫|【?打印(?:本页)?】?\s*【?关闭)")
_FOOTER = re.compile(r"icp备|版权所有|copyright|©|公网安备|网站标识码|主办(?:单位)?\s*:|承办(?:单位)?\s*:|技术支持\s*:")
_BREADCRUMB = re.compile(r"^\s*(?:当前位置|您的位置|你的位置|所在位置)\s*:")
# □青岛日报/观海新闻记者 刘萍 — a short line naming reporters, no sentence punctuation.
_BYLINE = re.compile(
    r"^\s*[□◎○●◆]?\s*(?:[^\s,。;:!?]{0,20}(?:记者|通讯员|摄影|实习生)\s*[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})*\s*)+$"
)
_CAPTION = re.compile(r"^\s*(?:■|▲|△|图为|\(图为)")
# (青岛日报/观海新闻记者 薛华飞) closing a body line: cut off, the line is kept.
_TRAILING_BYLINE = re.compile(r"[(\[【]\s*[^()\[\]【】]{0,40}(?:记者|通讯员|摄影)[^()\[\]【】]{0,40}[)\]】]\s*$")
_SENTENCE_PUNCT = re.compile(r"[,。;!?]")
# A figure with its unit or a percent (10万人, 50个, 4500余家, 105%); a date (2025年, 12月) is none.
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|(?![年月日时号])[\u4e00-\u9fff])")
_COLUMN_NAME = re.compile(r"序号|单位|部门|内容|计划|进度|完成情况")


def strip(lines: list[Line]) -> tuple[list[Line], list[Flag]]:
    """Remove web-page chrome; return the kept lines (original numbers) and one flag per run."""
    table_rows = _table_rows(lines)
    chrome = [False] * len(lines)
    in_link_block = False
    for i, line in enumerate(lines):
        text = line.fold.strip()
        if not text:
            chrome[i] = in_link_block
            continue
        if i in table_rows or STRUCTURE.match(line.fold) or _CIRCLED.match(line.raw):
            in_link_block = False  # the document goes on after a stray links heading
            continue
        if _LINK_BLOCK.match(text):
            in_link_block = True
        elif in_link_block and not _is_chrome(text) and _is_prose(text):
            in_link_block = False  # a paragraph of the document: the links block ended before it
        chrome[i] = in_link_block or _is_chrome(text)
    continues = _next_is_chrome(chrome, lines)
    kept: list[Line] = []
    flags: list[Flag] = []
    run: list[Line] = []
    for i, line in enumerate(lines):
        if chrome[i]:
            run.append(line)
            continue
        if not line.fold.strip() and run and continues[i]:
            continue  # a blank line between two chrome lines belongs to the run
        if run:
            flags.append(_run_flag(run))
            run = []
        cut = _TRAILING_BYLINE.search(line.fold)
        if cut and i not in table_rows and cut.start() > 0 and line.fold[: cut.start()].strip():
            flags.append(Flag(FLAG_CHROME_STRIPPED, f"已去除行尾署名{quote(line.raw[cut.start() :])}", line=line.number))
            end = len(line.fold[: cut.start()].rstrip())
            line = Line(line.number, line.raw[:end], line.fold[:end])
        kept.append(line)
    if run:
        flags.append(_run_flag(run))
    return kept, flags


def _is_chrome(text: str) -> bool:
    """One non-blank folded line, not structure: is it chrome by its shape?"""
    if text in _NAV_WORDS or text.rstrip(":").strip() in _NAV_WORDS:
        return True
    if _BREADCRUMB.match(text) or _SHARE.match(text) or _NEIGHBOUR.match(text):
        return True
    if _CAPTION.match(text) and not (_is_prose(text) and _FIGURE.search(text)):
        return True  # a photo's caption; a ■ line stating figures in a sentence is an item's
    if _BUTTON_ROW.match(text) or _SITE_NAME.match(text):
        return True
    if _EDITOR.match(text) and len(text) <= 40:
        return True
    if len(_META_FIELD.findall(text)) >= 2 or (_META_FIELD.match(text) and len(text) <= 40):
        return True
    if _FOOTER.search(text) and len(text) <= 80:
        return True
    if _BYLINE.match(text) and len(text) <= 40:
        return True
    return _is_menu(text) or _is_word_row(text)


def _is_prose(text: str) -> bool:
    """A sentence of the document, not a link's headline: a clause closed by 。 or ;, or a long
    run of clauses with a figure (a paragraph wrapped at the page's width). Headlines close
    with neither and stay short."""
    if len(text) < 15:
        return False
    if "。" in text or ";" in text:
        return True
    return len(text) >= 40 and "," in text and _FIGURE.search(text) is not None


def _is_menu(text: str) -> bool:
    """招聘信息 | 版权声明 | 广告合作 | …: short labels between bars, no sentence."""
    parts = [p.strip() for p in re.split(r"[|｜]", text)]
    if len(parts) < 3 or not all(parts):
        return False
    return all(len(p) <= 30 for p in parts) and not _SENTENCE_PUNCT.search(text)


def _is_word_row(text: str) -> bool:
    """济南 青岛 淄博 …: five or more short words separated by spaces, nothing else.

    A table header set with spaces (序号 实施内容 牵头单位 …) has the same shape and is kept.
    """
    words = text.split()
    if len(words) < 5 or _COLUMN_NAME.search(text):
        return False
    return all(1 <= len(w) <= 5 and not _SENTENCE_PUNCT.search(w) for w in words)


def _table_rows(lines: list[Line]) -> set[int]:
    """Indexes of lines that are rows of a table: tab rows, or runs of rows with the same bars."""
    rows: set[int] = set()
    bar_counts: list[int] = []
    for i, line in enumerate(lines):
        cells = [c for c in line.fold.split("\t") if c.strip()]
        if len(cells) >= 2:
            rows.add(i)
        text = line.fold.strip()
        bar_counts.append(text.count("|") if "|" in text else 0)
        if text.startswith("|") or (text.endswith("|") and text.count("|") >= 2):
            rows.add(i)  # a markdown row
    non_blank = [i for i, line in enumerate(lines) if line.fold.strip()]
    for a, b in zip(non_blank, non_blank[1:]):
        if bar_counts[a] >= 1 and bar_counts[a] == bar_counts[b]:
            rows.update((a, b))
    return rows


def _next_is_chrome(chrome: list[bool], lines: list[Line]) -> list[bool]:
    """For each line: is the next non-blank line after it chrome? (One pass from the end.)"""
    after = [False] * len(lines)
    following = False
    for j in range(len(lines) - 1, -1, -1):
        after[j] = following
        if lines[j].fold.strip():
            following = chrome[j]
    return after


_STRIPPED_COUNT = re.compile(r"^已去除网页杂项(\d+)行")


def stripped_lines(detail: str) -> int:
    """How many non-blank lines a chrome flag's detail (made by _run_flag) says were removed."""
    found = _STRIPPED_COUNT.match(detail)
    return int(found.group(1)) if found else 0


def _run_flag(run: list[Line]) -> Flag:
    content = [line for line in run if line.fold.strip()]
    first = quote(content[0].raw if content else "")
    detail = f"已去除网页杂项1行：{first}" if len(content) == 1 else f"已去除网页杂项{len(content)}行，自{first}起"
    return Flag(FLAG_CHROME_STRIPPED, detail, line=run[0].number)
