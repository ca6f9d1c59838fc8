"""The pipeline version is a content hash of what shapes claims (claimledger/version.py)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import claimledger
from claimledger import version

PKG = Path(version.__file__).resolve().parent


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    for part in ("data", "extract"):
        shutil.copytree(PKG / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PKG / "models.py", root / "models.py")
    return root


def test_version_is_the_package_version_and_a_content_hash():
    v = claimledger.PIPELINE_VERSION
    assert re.fullmatch(re.escape(claimledger.__version__) + r"\+[0-9a-f]{12}", v)
    assert version.pipeline_version() == v  # computed once, the same every time


def test_a_changed_data_file_changes_the_version(tmp_path):
    root = _copy(tmp_path)
    before = version.content_hash(root)
    assert version.content_hash(root) == before
    cues = root / "data" / "cues.txt"
    cues.write_text(cues.read_text(encoding="utf-8") + "opine\n", encoding="utf-8")
    after = version.content_hash(root)
    assert after != before
    # a changed rule (code) changes it too; a compiled cache file does not
    rule = root / "extract" / "attribution.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert version.content_hash(root) != after
    code_changed = version.content_hash(root)
    (root / "extract" / "__pycache__").mkdir(exist_ok=True)
    (root / "extract" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert version.content_hash(root) == code_changed


def test_new_model_weights_and_another_spacy_model_change_the_version(tmp_path):
    root = _copy(tmp_path)
    base = version.content_hash(root, extra=["en_core_web_sm==3.8.0"])
    assert version.content_hash(root, extra=["en_core_web_sm==3.8.1"]) != base
    (root / "attribution_model").mkdir()
    (root / "attribution_model" / "weights.onnx").write_bytes(b"\x01\x02")
    assert version.content_hash(root, extra=["en_core_web_sm==3.8.0"]) != base


def test_shaping_files_cover_code_data_and_the_claim_model():
    files = {f.relative_to(PKG).as_posix() for f in version.shaping_files(PKG)}
    assert {"models.py", "data/cues.txt", "extract/attribution.py", "extract/pipeline.py"} <= files
    assert not any("__pycache__" in f for f in files)
    assert not any(f.startswith(("ledger/", "evaluate/")) for f in files)  # storage and scoring do not shape claims


def test_the_attribution_finder_is_part_of_the_version():
    # switching finders (the attribution_finder setting) re-extracts: each finder has its own version
    rules, model, both = (version.pipeline_version(f) for f in ("rules", "model", "model+rules"))
    assert len({rules, model, both}) == 3
    assert rules == version.pipeline_version() == claimledger.PIPELINE_VERSION   # rules are the default
    assert all(re.fullmatch(re.escape(claimledger.__version__) + r"\+[0-9a-f]{12}", v) for v in (model, both))
