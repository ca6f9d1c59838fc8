"""The README's examples return what they say: each line of the "Using it" block marked
``# demo:`` is run on a ledger built as ``./run demo`` builds it (``ingest examples``) and must
print at least one row."""
from __future__ import annotations

import json
import re
import shlex

import pytest

from claimledger.cli import main

from articles import clean_env  # noqa: F401  (fixture)
from conftest import REPO

pytestmark = [pytest.mark.usefixtures("clean_env")]


def demo_lines() -> list[str]:
    block = REPO.joinpath("README.md").read_text(encoding="utf-8").split("## Using it", 1)[1]
    block = block.split("```sh", 1)[1].split("```", 1)[0]
    return [ln.split("#", 1)[0].strip() for ln in block.splitlines()
            if ln.startswith("claimledger ") and "# demo:" in ln]


def test_the_readme_marks_its_demo_examples():
    lines = demo_lines()
    assert len(lines) >= 4 and any("--since" in ln for ln in lines) and any("--place" in ln for ln in lines)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["--db", str(db), "ingest", "--quiet", str(REPO / "examples")]) == 0
    return db


def rows(out: str, argv: list[str]) -> int:
    fmt = argv[argv.index("--format") + 1] if "--format" in argv else "table"
    if fmt == "csv":
        return len(out.strip().splitlines()) - 1
    if fmt == "jsonl":
        return len([json.loads(ln) for ln in out.splitlines() if ln.strip()])
    return len([ln for ln in out.splitlines() if re.match(r"^│ *\S", ln)])


@pytest.mark.parametrize("line", demo_lines())
def test_each_demo_example_returns_rows(demo_db, capsys, line):
    argv = shlex.split(line)[1:]
    capsys.readouterr()
    assert main(["--db", str(demo_db), *argv]) == 0
    out, err = capsys.readouterr()
    assert rows(out, argv) >= 1, f"{line}\n{out}\n{err}"
