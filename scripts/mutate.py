"""Mutation testing, one module at a time, each with the fastest tests that cover it (`make mutate`).

mutmut reads one ``[tool.mutmut]`` block and runs one test selection, so each module of
``[tool.mutmut.modules]`` in pyproject.toml gets its own working copy (``$MUTATE_DIR/<module>``:
src/, tests/, a pyproject.toml naming that module and its tests, data/ linked) and its own
``mutmut run``. The checkout itself is never written to. Survivors listed under
``[tool.mutmut.equivalent]`` (mutant name = reason) are counted apart: a mutant that behaves
exactly as the original cannot be killed by any test.

    python scripts/mutate.py                 # every module
    python scripts/mutate.py status pace     # modules whose path contains these words
    python scripts/mutate.py --keep status   # reuse the last working copy (new tests copied in)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 37: "killed"}
TIMEOUTS = {36, -24, 24, 152, 255}
# A mutant that loops appending (i = end - 1 in a tokenizer) eats gigabytes before its timeout on a
# shared machine: past this address space it gets a MemoryError, which fails its test (killed).
MEMORY_LIMIT = 3 * 1024**3


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _toml_value(value: object) -> str:
    # Strings and lists of strings only: their JSON spelling is valid TOML.
    return json.dumps(value, ensure_ascii=False)


def _pyproject(module: str, tests: list[str], base: dict) -> str:
    pytest_options = base["tool"]["pytest"]["ini_options"]
    lines = ["[tool.pytest.ini_options]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in pytest_options.items() if key != "testpaths"]
    lines += [
        "",
        "[tool.mutmut]",
        'source_paths = ["src"]',
        f"only_mutate = {_toml_value([module])}",
        f"pytest_add_cli_args_test_selection = {_toml_value(tests)}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]',
    ]
    return "\n".join(lines) + "\n"


def _prepare(work: Path, module: str, tests: list[str], base: dict, keep: bool) -> None:
    if work.exists() and not keep:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "__snapshots__")
    if not (work / "src").exists():
        shutil.copytree(REPO / "src", work / "src", ignore=ignore)
    # Tests are copied afresh each time (mutmut copies them on into mutants/ itself).
    if (work / "tests").exists():
        shutil.rmtree(work / "tests")
    shutil.copytree(REPO / "tests", work / "tests", ignore=ignore)
    (work / "pyproject.toml").write_text(_pyproject(module, tests, base), encoding="utf-8")
    # tests/conftest.py finds the seed documents beside tests/: inside mutants/ that is mutants/data.
    (work / "mutants").mkdir(exist_ok=True)
    link = work / "mutants" / "data"
    if not link.exists():
        link.symlink_to(REPO / "data")


def _results(work: Path, module: str) -> dict[str, str]:
    meta = work / "mutants" / (module + ".meta")
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return {name: ("timeout" if code in TIMEOUTS else STATUS.get(code, "suspicious")) for name, code in codes.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("only", nargs="*", help="run only modules whose path contains one of these")
    parser.add_argument("--keep", action="store_true", help="reuse the working copies (rerun only what is not yet decided)")
    parser.add_argument("--jobs", type=int, default=2, help="mutmut --max-children (default 2)")
    args = parser.parse_args()

    base = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    config = base["tool"]["mutmut"]
    modules: dict[str, list[str]] = config["modules"]
    equivalent: dict[str, str] = config.get("equivalent", {})
    root = Path(os.environ.get("MUTATE_DIR", "/tmp/shishi-mutate"))
    mutmut = Path(sys.executable).parent / "mutmut"

    rows = []
    for module, tests in modules.items():
        if args.only and not any(word in module for word in args.only):
            continue
        work = root / Path(module).stem
        tests = [test for test in tests if (REPO / test).exists()]  # the *_rules.py files may not exist yet
        _prepare(work, module, tests, base, args.keep)
        print(f"== {module}  ({' '.join(tests)})", flush=True)
        run = subprocess.run(
            ["nice", "-n", "19", str(mutmut), "run", "--max-children", str(args.jobs)],
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_limit_memory,
        )
        if run.returncode != 0:
            print(run.stderr[-2000:], file=sys.stderr)
            return run.returncode
        results = _results(work, module)
        killed = sum(1 for s in results.values() if s in ("killed", "timeout"))
        survivors = sorted(name for name, s in results.items() if s not in ("killed", "timeout"))
        known = [name for name in survivors if name in equivalent]
        unexplained = [name for name in survivors if name not in equivalent]
        for name in unexplained:
            print(f"   survived: {name} ({results[name]})  — mutmut show {name}  (in {work})")
        rows.append((module, killed, len(known), len(results)))

    print()
    print(f"{'module':45} {'killed':>7} {'equiv':>6} {'total':>6} {'score':>7}")
    all_killed = all_equivalent = all_total = 0
    for module, killed, known, total in rows:
        score = 100 * (killed + known) / total if total else 100.0
        print(f"{module:45} {killed:7} {known:6} {total:6} {score:6.1f}%")
        all_killed, all_equivalent, all_total = all_killed + killed, all_equivalent + known, all_total + total
    if all_total:
        score = 100 * (all_killed + all_equivalent) / all_total
        print(f"{'all':45} {all_killed:7} {all_equivalent:6} {all_total:6} {score:6.1f}%")
        print(f"score (killed + equivalent) / total: {score:.1f}%; killed alone {100 * all_killed / all_total:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
