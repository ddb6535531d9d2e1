"""Saving and loading fitted models: a joblib file beside a JSON sidecar.

The sidecar (``MODEL.json`` beside ``MODEL.joblib``) records library versions, the label set,
the training data's hash, cross-validated scores and the SHA-256 of the joblib file, which is
checked on load, following scikit-learn's model-persistence guidance. Only load models you
trust: joblib files can run code when loaded.

Examples
--------
>>> import tempfile, pathlib
>>> from sklearn.dummy import DummyClassifier
>>> model = DummyClassifier().fit([[0], [1]], ["FAVOR", "NONE"])
>>> path = pathlib.Path(tempfile.mkdtemp()) / "m.joblib"
>>> info = save_model(model, path, {"labels": ["FAVOR", "NONE"]})
>>> load_model(path)[1]["labels"]
['FAVOR', 'NONE']
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import joblib

from .errors import ModelError

__all__ = [
    "atomic_write",
    "file_sha256",
    "library_versions",
    "load_model",
    "save_model",
    "sidecar_path",
]


def library_versions() -> dict[str, str]:
    """Versions of Python and of the libraries a model depends on."""
    import matplotlib
    import nltk
    import numpy
    import sklearn

    from . import __version__

    return {
        "stance": __version__,
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "nltk": nltk.__version__,
        "joblib": joblib.__version__,
        "matplotlib": matplotlib.__version__,
    }


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sidecar_path(path: str | Path) -> Path:
    """``model.joblib`` -> ``model.json``."""
    return Path(path).with_suffix(".json")


def _temporary(target: Path) -> Path:
    """A fresh name beside ``target`` (created with the user's umask, unlike ``mkstemp``)."""
    return target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:12]}.tmp")


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write bytes to ``path`` through a temporary file, so no half-written file is left."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _temporary(target)
    try:
        with open(temp, "xb") as out:
            out.write(data)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def save_model(model: Any, path: str | Path, info: Mapping[str, Any]) -> dict[str, Any]:
    """Save a fitted model with joblib and write its sidecar.

    Parameters
    ----------
    model : estimator
        The fitted model.
    path : str or Path
        Where the joblib file goes; the sidecar goes beside it with a ``.json`` suffix.
    info : Mapping
        What to record (labels, data hash, scores...); versions and the file hash are added.

    Returns
    -------
    dict
        The sidecar's content.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _temporary(target)
    try:
        joblib.dump(model, temp, compress=3)
        sidecar = {**info, "versions": library_versions(), "sha256": file_sha256(temp)}
        atomic_write(sidecar_path(target), json.dumps(sidecar, indent=2, sort_keys=True).encode())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return sidecar


def load_model(path: str | Path) -> tuple[Any, dict[str, Any]]:
    """Load a model saved by :func:`save_model`, checking it against its sidecar.

    Raises
    ------
    ModelError
        If the file or its sidecar is missing, the hash does not match, or it does not load.
    """
    target = Path(path)
    if not target.is_file():
        raise ModelError(f"{path}: model file not found; train one with `stance train`")
    side = sidecar_path(target)
    try:
        info = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        raise ModelError(
            f"{side}: the model's JSON sidecar is missing or unreadable; retrain the model"
        ) from None
    if info.get("sha256") != file_sha256(target):
        raise ModelError(f"{path}: the file does not match its sidecar's SHA-256; retrain it")
    try:
        model = joblib.load(target)
    except Exception as exc:
        raise ModelError(
            f"{path}: cannot load the model ({type(exc).__name__}: {exc}); retrain it with "
            "this version of scikit-learn"
        ) from None
    return model, info
