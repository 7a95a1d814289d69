"""Build hook only; the project is described in pyproject.toml.

A wheel (``pip install .``) carries the database built from data/sources/ as
``tui_shishi/data/shishi.db`` (pyproject's package-data lists ``data/*.db``), so that ``shishi``
works anywhere after a non-editable install. An editable install does not copy it: the package
then finds data/shishi.db of the checkout itself (tui_shishi.store.db.locate).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATABASE = Path(__file__).resolve().parent / "data" / "shishi.db"


class build_py_with_database(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        if not DATABASE.is_file():
            self.warn(f"{DATABASE} not found (run `shishi build`): the wheel carries no database")
            return
        target = Path(self.build_lib) / "tui_shishi" / "data" / DATABASE.name
        self.mkpath(str(target.parent))
        self.copy_file(str(DATABASE), str(target))


setup(cmdclass={"build_py": build_py_with_database})
