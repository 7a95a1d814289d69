"""A county's or district's list sits under its city in the tree, named by its own place."""

import shutil

from click.testing import CliRunner

from tui_shishi.cli import main
from tui_shishi.store import queries
from tui_shishi.store.db import open_read
from tui_shishi.ui.widgets.plan_tree import year_label

COUNTY_LIST = "岚皋县2033年十大民生实事项目\n①岚皋县农村道路建设项目;\n②岚皋县中小学校舍改造工程;\n③岚皋县城区供水提升工程。\n".encode()
CITY_LIST = "2033年安康市民生实事\n第1件\n新建公园10个。\n第2件\n改造道路20条。\n".encode()


def test_a_county_list_is_its_own_year_under_its_city(tmp_path, seed_db):
    db = tmp_path / "shishi.db"
    shutil.copy(seed_db, db)
    (tmp_path / "county.txt").write_bytes(COUNTY_LIST)
    (tmp_path / "city.txt").write_bytes(CITY_LIST)
    result = CliRunner().invoke(main, ["--db", str(db), "import", str(tmp_path / "county.txt"), str(tmp_path / "city.txt")])
    assert result.exit_code == 0, result.output
    conn = open_read(db)
    try:
        rows = conn.execute("SELECT city, period, place FROM years WHERE city = '安康' ORDER BY place").fetchall()
        counts = conn.execute(
            "SELECT y.place, count(*) FROM items i JOIN years y ON y.id = i.year_id WHERE y.city = '安康' GROUP BY y.place ORDER BY y.place"
        ).fetchall()
        summary = queries.year(conn, conn.execute("SELECT id FROM years WHERE place = '岚皋县'").fetchone()[0])
    finally:
        conn.close()
    # Never merged by item number with the city's own list of the same year.
    assert rows == [("安康", "2033", ""), ("安康", "2033", "岚皋县")]
    assert counts == [("", 2), ("岚皋县", 3)]
    assert year_label(summary).plain.startswith("2033 岚皋县 · 3件")
