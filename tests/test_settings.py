"""Settings: defaults < claimledger.toml < CLAIMLEDGER_* environment < flags, in the library and
through the CLI."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from claimledger.cli import main
from claimledger.errors import UsageError
from claimledger.settings import SETTINGS, Settings

from articles import KURSK, clean_env, summary

pytestmark = pytest.mark.usefixtures("clean_env")


def test_declared_settings_match_the_dataclass():
    fields = {f.name: f.default for f in dataclasses.fields(Settings)}
    assert fields == {s.name: s.default for s in SETTINGS}
    assert Settings.load(env={}, cwd=Path("/nonexistent")) == Settings()
    assert Settings().max_bytes == 10 * 1024 * 1024 and Settings().db == "claimledger.db"
    for s in SETTINGS:
        assert s.help


def test_precedence_defaults_file_env_flags(tmp_path):
    (tmp_path / "claimledger.toml").write_text('db = "toml.db"\nmax_bytes = 2000\nbatch_size = 4\n')
    assert Settings.load(env={}, cwd=tmp_path) == Settings(db="toml.db", max_bytes=2000, batch_size=4)
    env = {"CLAIMLEDGER_DB": "env.db", "CLAIMLEDGER_MAX_BYTES": "3000"}
    assert Settings.load(env=env, cwd=tmp_path) == Settings(db="env.db", max_bytes=3000, batch_size=4)
    flags = {"db": "flag.db", "max_bytes": None, "batch_size": 8}      # None: flag not given
    assert Settings.load(flags, env=env, cwd=tmp_path) == Settings(db="flag.db", max_bytes=3000, batch_size=8)


def test_config_file_named_by_environment(tmp_path):
    cfg = tmp_path / "elsewhere.toml"
    cfg.write_text("max_bytes = 1234\n")
    (tmp_path / "claimledger.toml").write_text("max_bytes = 99\n")       # not read: the variable wins
    got = Settings.load(env={"CLAIMLEDGER_CONFIG": str(cfg)}, cwd=tmp_path)
    assert got.max_bytes == 1234


def test_bad_config_file_and_bad_values_are_usage_errors(tmp_path):
    (tmp_path / "claimledger.toml").write_text("max_bytes = = 3\n")
    with pytest.raises(UsageError) as exc:
        Settings.load(env={}, cwd=tmp_path)
    assert exc.value.code == "CL401" and "claimledger.toml" in str(exc.value)
    with pytest.raises(UsageError) as exc:
        Settings.load(env={"CLAIMLEDGER_MAX_BYTES": "ten megabytes"}, cwd=Path("/nonexistent"))
    assert exc.value.code == "CL402" and "max_bytes" in str(exc.value)


@pytest.mark.parametrize("name", ["max_bytes", "batch_size"])
@pytest.mark.parametrize("value", ["0", "-5"])
def test_sizes_must_be_positive(name, value):
    with pytest.raises(UsageError) as exc:
        Settings.load(env={"CLAIMLEDGER_" + name.upper(): value}, cwd=Path("/nonexistent"))
    assert exc.value.code == "CL402" and name in str(exc.value)


# -- through the CLI: which ledger file an ingest writes, and the size limit it applies --------

def _ingest(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "kursk.txt"
    path.write_text(KURSK, encoding="utf-8")
    return path


@pytest.mark.model
def test_cli_ledger_location_follows_precedence(capsys, clean_env, article, monkeypatch):
    cwd = clean_env
    code, err = _ingest(capsys, "ingest", "--quiet", str(article))
    assert code == 0 and summary(err)["db"] == "claimledger.db" and (cwd / "claimledger.db").exists()

    (cwd / "claimledger.toml").write_text('db = "from_toml.db"\n')
    code, err = _ingest(capsys, "ingest", "--quiet", str(article))
    assert code == 0 and (cwd / "from_toml.db").exists() and summary(err)["db"] == "from_toml.db"

    monkeypatch.setenv("CLAIMLEDGER_DB", str(cwd / "from_env.db"))
    code, err = _ingest(capsys, "ingest", "--quiet", str(article))
    assert code == 0 and (cwd / "from_env.db").exists()

    code, err = _ingest(capsys, "--db", str(cwd / "from_flag.db"), "ingest", "--quiet", str(article))
    assert code == 0 and (cwd / "from_flag.db").exists() and summary(err)["new"] == 1


@pytest.mark.model
def test_cli_size_limit_follows_precedence(capsys, clean_env, article, monkeypatch):
    cwd = clean_env
    size = len(KURSK.encode())
    (cwd / "claimledger.toml").write_text(f"max_bytes = {size - 1}\n")
    code, err = _ingest(capsys, "--db", "l.db", "ingest", "--quiet", str(article))
    assert code == 1 and f"{article}: file is {size} bytes, over the {size - 1} bytes limit" in err

    monkeypatch.setenv("CLAIMLEDGER_MAX_BYTES", str(size))
    code, err = _ingest(capsys, "--db", "l.db", "ingest", "--quiet", str(article))
    assert code == 0 and summary(err)["new"] == 1

    code, err = _ingest(capsys, "--db", "l.db", "--max-bytes", "10", "ingest", "--quiet", str(article))
    assert code == 1 and "over the 10 bytes limit" in err


def test_cli_bad_setting_is_exit_2(capsys, clean_env, monkeypatch):
    monkeypatch.setenv("CLAIMLEDGER_MAX_BYTES", "lots")
    assert main(["claims"]) == 2
    err = capsys.readouterr().err
    assert "max_bytes" in err and "'lots'" in err
    monkeypatch.delenv("CLAIMLEDGER_MAX_BYTES")
    assert main(["--batch-size", "0", "claims"]) == 2
    assert "batch_size" in capsys.readouterr().err
    assert not (clean_env / "claimledger.db").exists()
