"""Rules of store/search.py a user sees in the results of `/` and `shishi search` (which items, in
which order, what is marked, how many), each pinned by a case the older tests left open (found by
mutation testing, `make mutate`); and the work a query costs, counted in statements, rows and
SQLite steps, where the module promises it follows the hits shown and not the database's size."""

from __future__ import annotations

import sqlite3

import pytest

from tui_shishi.store import schema
from tui_shishi.store.query_syntax import parse_query
from tui_shishi.store.search import SearchIndexMissing, count, rebuild_index, search
from tui_shishi.store.search_filter import few_allowed


def _database(years, items, departments=(), leads=(), indicators=(), milestones=()) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    schema.create(conn)
    x = conn.executemany
    x("INSERT INTO years (id, city, period, year_start, year_end) VALUES (?,?,?,?,?)", years)
    x("INSERT INTO items (id, year_id, number, title, status) VALUES (?,?,?,?,?)", items)
    x("INSERT INTO departments (id, name) VALUES (?,?)", departments)
    x("INSERT INTO item_departments (item_id, department_id, role) VALUES (?,?,'lead')", leads)
    x("INSERT INTO indicators (item_id, ordinal, text) VALUES (?,1,?)", indicators)
    x("INSERT INTO milestones (item_id, ordinal, text) VALUES (?,1,?)", milestones)
    conn.execute("BEGIN")
    rebuild_index(conn)
    conn.execute("COMMIT")
    return conn


# ---------------------------------------------------------------- a town of six items

QINGDAO_2025, ZIBO_2024, QINGDAO_2020 = 1, 2, 3


@pytest.fixture(scope="module")
def town() -> sqlite3.Connection:
    return _database(
        years=[
            (1, "青岛", "2025", 2025, 2025),
            (2, "淄博", "2024", 2024, 2024),
            (3, "青岛", "2020", 2020, 2020),
            (4, "", "2019", 2019, 2019),  # a year whose city was not recorded
        ],
        items=[
            (1, QINGDAO_2025, 1, "加快养老服务体系建设", "达成"),
            (2, QINGDAO_2025, 2, "老旧小区改造", "进行中"),
            (3, ZIBO_2024, 1, "昂拉村道路硬化", "未报告"),  # 昂拉: ang la
            (4, QINGDAO_2020, 1, "社区·养老助餐", "定性"),  # a middle dot before 养老
            (5, QINGDAO_2025, 3, None, "进行中"),  # an item published without a title
            (6, 4, 1, "其他事项", "进行中"),
        ],
        departments=[(1, "市民政局"), (2, None)],  # … and a department without a name
        leads=[(1, 1), (4, 1), (6, 2)],
        indicators=[
            (1, "新增养老床位1000张（含AED配置）"),
            (3, "配置AED设备，开展HPV筛查"),
            (4, "HPV疫苗接种"),
            (5, "无标题事项的指标"),
        ],
        milestones=[(2, "一季度（上旬）启动桥梁维修")],  # only punctuation folds here: the fold is not stored
    )


def found(conn, query: str, **kw) -> list[int]:
    return [h.item_id for h in search(conn, query, limit=1000, **kw)]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("养老服务 hpv", []),  # the longer word is in item 1, the shorter not: every word must be found
        ("养老 hpv", [4]),
        ("yanglao 助餐", [4]),  # one word found by its pinyin, the other as written
        ("yanglao hpv", [4]),  # item 1 spells yanglao but has no HPV
        ("yanglao zhucan", [4]),  # two pinyin words, both spelled by one title
        ("yanglao zhucan city:青岛", [4]),  # … with a filter
        ("yanglao zzz", []),  # a pinyin-like word that nothing spells
        ("hpv aed", [3]),  # two Latin words, neither spelled by pinyin: both in item 3's indicator
        ("yanglao city:青岛", [1, 4]),  # the filter leaves items 1, 2, 4, 5: only 1 and 4 spell it
        ("angla", [3]),  # 养老 (y-ANG-LAo) is an index candidate but spells no syllable start
        ("城市:淄博 angla", [3]),
    ],
)
def test_every_word_must_be_found_in_the_item_as_written_or_by_its_pinyin(town, query, expected):
    assert found(town, query) == expected
    assert count(town, query) == len(expected)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("造", [2]),  # one character, the last of its text: no bigram starts with it
        ("桥", [2]),
        ("(上旬", [2]),  # punctuation that folds, in a row whose fold is not stored
        ("（上旬）", [2]),
        ("(上旬 city:青岛", [2]),  # … read through the rows of the items the filter allows
        ("city:青岛 （", [1, 2]),
        ("(上旬 yanglao", []),
    ],
)
def test_one_character_and_punctuation(town, query, expected):
    assert found(town, query) == expected
    assert count(town, query) == len(expected)


def test_a_database_indexed_before_the_characters_table(town, tmp_path):
    older = sqlite3.connect(":memory:", isolation_level=None)
    town.backup(older)
    older.execute("DROP TABLE search_chars")  # one character is then a prefix of a bigram
    assert found(older, "桥") == [2] and count(older, "桥") == 1
    assert found(older, "养 yl") == [1, 4]
    assert found(town, "养 yl") == [1, 4]


def test_a_search_while_the_caller_reads_another_statement(town):
    cursor = town.execute("SELECT id FROM items ORDER BY id")
    assert cursor.fetchone() == (1,)
    for _ in range(2):  # the fold function is registered once, not replaced under an open statement
        assert found(town, "(上旬 city:青岛") == [2]
        assert count(town, "(上旬") == 1
    assert cursor.fetchone() == (2,)
    cursor.close()


def test_a_pinyin_hit_marks_the_characters_it_spells(town):
    hits = search(town, "yanglao")
    assert [(h.item_id, h.field, h.rank, h.snippet, h.marks) for h in hits] == [
        (1, "title", 4, "加快养老服务体系建设", [(2, 4)]),  # rank 4: after the four tiers of direct hits
        (4, "title", 4, "社区·养老助餐", [(3, 5)]),  # the dot spells nothing, it is still counted
    ]
    assert count(town, "yanglao") == count(town, "yl") == 2


def test_an_item_without_a_title_is_shown_with_an_empty_title(town):
    (hit,) = search(town, "无标题")
    assert (hit.item_id, hit.title, hit.field, hit.snippet, hit.marks) == (5, "", "indicator", "无标题事项的指标", [(0, 3)])
    assert (hit.city, hit.period, hit.number) == ("青岛", "2025", 3)


def test_limits(town):
    assert [h.item_id for h in search(town, "养老", limit=1)] == [1]
    assert [h.item_id for h in search(town, "养老", limit=1, offset=1)] == [4]
    assert count(town, "") == 0 and count(town, "   ") == 0
    assert search(town, "") == []


def test_a_database_without_the_index_says_so_in_chinese():
    conn = sqlite3.connect(":memory:")
    schema.create(conn)
    for run in (lambda: search(conn, "养老"), lambda: count(conn, "养老"), lambda: count(conn, "养老 助餐")):
        with pytest.raises(SearchIndexMissing) as caught:
            run()
        message = str(caught.value)
        assert message.startswith("数据库没有搜索索引（no such table: ") and message.endswith("）：请用 `shishi build` 重建")


def test_other_database_errors_are_not_called_a_missing_index(town):
    town.set_progress_handler(lambda: 1, 1)  # every statement is interrupted
    try:
        for run in (lambda: search(town, "养老"), lambda: count(town, "养老")):
            with pytest.raises(sqlite3.OperationalError, match="interrupted"):
                run()
    finally:
        town.set_progress_handler(None, 1)


@pytest.mark.parametrize(
    "query, limit, expected",
    [
        ("city:淄博", 1, {3}),  # exactly as many items as the caller can use: still a set
        ("city:淄博", 0, None),  # more than it can use
        ("city:青岛 year:2020", 1, {4}),
        ("dept:民政局", 2, {1, 4}),
        ("status:进行中", 3, {2, 5, 6}),
        ("status:进行中", 2, None),
        ("city:xx", 100, set()),  # a city or department without a name matches no value
        ("dept:xx", 100, set()),
    ],
)
def test_the_items_a_filter_allows(town, query, limit, expected):
    assert few_allowed(town, parse_query(query), limit) == expected


# ---------------------------------------------------------------- 2,103 items: work that must not grow with them
# Items 1–2100 (青岛 2025) and 2101–2103 (淄博 2024, ranked last) all have 服务 in their titles
# (more index candidates than a word may have to narrow a query); 常见 is in 1–1500 and 2103 (few
# enough to narrow), 稀有 in 2102 and 2103 only. Each has an indicator 配套设施.
COMMON_TITLES = 2103


@pytest.fixture(scope="module")
def big() -> sqlite3.Connection:
    def title(n: int) -> str:
        return "服务" + ("常见" if n <= 1500 or n == 2103 else "") + ("稀有" if n >= 2102 else "") + f"项目{n}"

    return _database(
        years=[(1, "青岛", "2025", 2025, 2025), (2, "淄博", "2024", 2024, 2024)],
        items=[(n, 1 if n <= 2100 else 2, n if n <= 2100 else n - 2100, title(n), "进行中") for n in range(1, COMMON_TITLES + 1)],
        indicators=[(n, "配套设施") for n in range(1, COMMON_TITLES + 1)],
    )


class Work:
    """A connection that counts what a search asks of SQLite: statements, rows handed back, and
    virtual-machine steps (in thousands; rows SQLite reads but filters out cost steps, not rows)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn, self.statements, self.rows, self.steps = conn, 0, 0, 0

    def execute(self, sql, params=()):
        self.statements += 1
        return _Cursor(self.conn.execute(sql, params), self)

    def __getattr__(self, name):  # anything else a search may ask of its connection
        return getattr(self.conn, name)

    def measure(self, run):
        self.statements = self.rows = self.steps = 0

        def step() -> int:
            self.steps += 1
            return 0

        self.conn.set_progress_handler(step, 1000)
        try:
            return run(self)
        finally:
            self.conn.set_progress_handler(None, 1000)


class _Cursor:
    def __init__(self, cursor: sqlite3.Cursor, work: Work) -> None:
        self.cursor, self.work = cursor, work

    def _counted(self, rows):
        self.work.rows += len(rows)
        return rows

    def fetchone(self):
        row = self.cursor.fetchone()
        self.work.rows += row is not None
        return row

    def fetchmany(self, size):
        return self._counted(self.cursor.fetchmany(size))

    def fetchall(self):
        return self._counted(self.cursor.fetchall())

    def __iter__(self):
        for row in self.cursor:
            self.work.rows += 1
            yield row

    def close(self):
        self.cursor.close()


def test_big_results(big):
    assert count(big, "服务") == COMMON_TITLES
    assert len(search(big, "服务")) == 50  # the default page
    assert found(big, "服务 稀有") == [2102, 2103]  # the rare word's items are the last 服务 rows
    assert found(big, "稀有 常见") == [2103]
    assert found(big, "fuwu 稀有") == [2102, 2103]
    assert found(big, "服务 city:淄博") == [2101, 2102, 2103]
    assert found(big, "常见 服务 city:淄博") == [2103]
    assert found(big, "xiyou") == [2102, 2103]


def test_a_character_and_a_word_in_different_rows_are_found_in_rank_order(big):
    # 服 (one character) is in every title, 设施 in every indicator: both common, so the two index
    # tables are read side by side, and each item is shown by its title
    hits = search(big, "服 设施", limit=3)
    assert [(h.item_id, h.field, h.snippet[slice(*h.marks[0])]) for h in hits] == [
        (1, "title", "服"),
        (2, "title", "服"),
        (3, "title", "服"),
    ]
    assert [(h.item_id, h.field) for h in search(big, "设施 服", limit=2)] == [(1, "title"), (2, "title")]


def test_a_common_word_first_page_reads_a_few_hundred_rows_not_every_hit(big):
    work = Work(big)
    hits = work.measure(lambda conn: search(conn, "常见"))
    assert len(hits) == 50
    assert work.rows < 500  # the index's first rows, not its 1,501 candidates
    assert work.statements < 80  # no statement per hit beyond its item's title and city


def test_the_whole_count_of_one_word_is_one_statement(big):
    work = Work(big)
    assert work.measure(lambda conn: count(conn, "服务")) == COMMON_TITLES
    assert work.statements <= 2 and work.rows <= 2


@pytest.mark.parametrize(
    "query",
    [
        "服务 稀有",  # the common word first: the rare one narrows the items read
        "稀有 常见",  # two rare words: only the items holding both
        "fuwu 稀有",  # a pinyin word cannot narrow, the rare word still does
    ],
)
def test_a_rare_word_narrows_the_items_read(big, query):
    work = Work(big)
    work.measure(lambda conn: search(conn, query))
    assert work.statements < 20  # not a check of every item holding the common word


def test_a_filter_allowing_few_items_reads_only_their_rows(big):
    work = Work(big)
    work.measure(lambda conn: search(conn, "服务 city:淄博"))
    assert work.rows < 100  # not the 2,103 candidates of 服务
    assert work.steps < 10  # SQLite does not walk the 2,100 items of 青岛 either


def test_a_filter_and_a_rare_word_read_only_the_items_both_allow(big):
    work = Work(big)
    work.measure(lambda conn: search(conn, "常见 服务 city:淄博"))
    # Looking the two words up in the index costs about 30; reading the rows of the 1,501 items
    # holding 常见 instead of the one item of 淄博 that holds it would cost 40 more.
    assert work.steps < 50


@pytest.mark.parametrize("query", ["稀有", "xiyou"])
def test_a_rare_word_alone_is_looked_up_in_the_index(big, query):
    work = Work(big)
    work.measure(lambda conn: search(conn, query))
    assert work.rows < 100
    assert work.steps < 10  # not a scan of every row
