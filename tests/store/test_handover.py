"""A write that meets a rebuild: never committed into the file the rebuild replaces."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from tui_shishi.store import build as build_mod
from tui_shishi.store import handover
from tui_shishi.store import records as rec
from tui_shishi.store.build import build, transaction
from tui_shishi.store.db import open_read, open_write

KEY = rec.ItemKey("青岛", "2025", "", 5)


@pytest.fixture
def sources(tmp_path, sources_dir):
    folder = tmp_path / "sources"
    folder.mkdir()
    shutil.copy(sources_dir / "qingdao-2025-year-end-report.txt", folder)
    return folder


def recorded(path) -> list[float]:
    conn = open_read(path)
    try:
        return [r.actual_value for r in rec.key_records(conn, KEY)]
    finally:
        conn.close()


def test_a_connection_to_a_replaced_file_cannot_write(tmp_path, sources):
    path = tmp_path / "shishi.db"
    build(sources, path)
    stale = open_write(path, validated=True)  # opened before the rebuild, as a slow writer would be
    try:
        build(sources, path)
        with pytest.raises(handover.RetiredDatabase):
            with transaction(stale):
                stale.execute("INSERT INTO meta (key, value) VALUES ('lost', 'write')")
    finally:
        stale.close()
    assert "lost" not in dict(open_read(path).execute("SELECT key, value FROM meta").fetchall())


def test_a_record_made_while_a_build_replaces_the_file_lands_in_the_new_one(tmp_path, sources, monkeypatch):
    path = tmp_path / "shishi.db"
    build(sources, path)
    rec.add_record(path, KEY, 2, "20", "2025-06-30", "before")
    held = threading.Event()
    real_retire = handover.retire

    def slow_retire(conn, successor):  # the build holds the old file a moment before the rename
        held.set()
        time.sleep(0.5)
        real_retire(conn, successor)

    monkeypatch.setattr(handover, "retire", slow_retire)
    builder = threading.Thread(target=build_mod.build, args=(sources, path))
    builder.start()
    assert held.wait(60)
    made = rec.add_record(path, KEY, 2, "21", "2025-09-30", "during")  # opens the old file, waits for its lock
    builder.join(60)
    assert made.actual_value == 21
    assert recorded(path) == [20, 21]  # the carried record and the one made during the build
