"""Fixtures of the UI tests: the hand-made database (see fixture_db.py) and a connection to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_db import build_fixture_db


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("ui") / "fixture.db")


@pytest.fixture
def conn(fixture_db):
    from tui_shishi.store.db import open_read

    connection = open_read(fixture_db)
    yield connection
    connection.close()
