"""Small hand-written English articles for the end-to-end tests (CLI, API, settings), each with
clear "X said that ..." attributions, and helpers shared by those tests."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

KURSK = (
    "Ukrainian forces struck a Russian ammunition depot near Kursk on Monday, officials said.\n"
    "The Ukrainian General Staff said that 30 Russian soldiers were killed in the strike.\n"
    "Russian Defence Ministry spokesman Igor Konashenkov said that Russian troops had repelled the attack.\n"
    "The claims could not be independently verified.\n"
)
# The same article updated: a new casualty figure (a new version when it has the same URL).
KURSK_UPDATED = KURSK.replace("30 Russian soldiers", "45 Russian soldiers")

FASHER = (
    "Fighting continued around the Sudanese city of El Fasher this week.\n"
    "The Rapid Support Forces said that its fighters had taken control of the main market in El Fasher.\n"
    "Sudanese army spokesman Nabil Abdallah said that the army still held the city centre.\n"
    "Local activists said that at least 12 civilians were killed in shelling on Tuesday.\n"
)

RED_SEA = (
    "Houthi forces launched missiles at a commercial ship in the Red Sea, the group said.\n"
    "Houthi military spokesman Yahya Saree said that the group had targeted the vessel with drones.\n"
    "The United States Central Command said that it had shot down two drones over the Red Sea.\n"
)

FRENCH = (
    "Les forces ukrainiennes ont frappé un dépôt de munitions russe près de Koursk lundi, "
    "ont déclaré des responsables.\n"
    "L'état-major ukrainien a déclaré que trente soldats russes avaient été tués lors de la frappe.\n"
    "Le porte-parole du ministère russe de la Défense a affirmé que les troupes russes avaient "
    "repoussé l'attaque.\n"
)

NO_ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><title>Login</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/login'>Log in</a></nav></body></html>"
)

# Publication dates used by the filter tests (Monday 2024-12-16, Tuesday 2024-05-07).
PUBLISHED = {"kursk.txt": "2024-12-17", "fasher.txt": "2024-05-10", "red_sea.txt": "2023-01-05"}
TEXTS = {"kursk.txt": KURSK, "fasher.txt": FASHER, "red_sea.txt": RED_SEA}

SUMMARY = re.compile(r"^(?:interrupted: )?documents (\d+) \((\d+) new\), claims (\d+), failures (\d+)"
                     r" in [\d.]+ s; ledger (.+)$", re.M)


def write_articles(directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, text in TEXTS.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        out[name] = path
    return out


def summary(stderr: str) -> dict:
    """The ingest command's closing summary line, parsed."""
    m = SUMMARY.search(stderr)
    assert m, f"no summary line in stderr:\n{stderr}"
    docs, new, claims, failures, db = m.groups()
    return dict(documents=int(docs), new=int(new), claims=int(claims), failures=int(failures), db=db)


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No CLAIMLEDGER_* variable and no claimledger.toml from the developer's shell leaks in."""
    import os
    for key in list(os.environ):
        if key.startswith("CLAIMLEDGER_"):
            monkeypatch.delenv(key)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return work
