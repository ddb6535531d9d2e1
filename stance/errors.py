"""Exceptions of the toolkit.

Every message says what went wrong *and* what to do about it; the command line prints it as one
line on stderr, without a traceback.

Examples
--------
>>> from stance.errors import InputError
>>> str(InputError("speech.txt", "is empty; pass a file that holds text"))
'speech.txt: is empty; pass a file that holds text'
"""

from __future__ import annotations

__all__ = ["DataError", "InputError", "ModelError", "StanceError", "TargetsError"]


class StanceError(Exception):
    """Base class of the errors this toolkit raises on purpose."""


class InputError(StanceError):
    """A document could not be read: missing, a directory, empty, binary or badly encoded.

    Parameters
    ----------
    source : str
        The path (or ``-`` for standard input) that failed.
    reason : str
        What is wrong and what to do, e.g. ``"is empty; pass a file that holds text"``.
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class TargetsError(StanceError):
    """A target registry (TOML file or ``--target`` spec) is missing or malformed."""


class ModelError(StanceError):
    """A saved model is missing, corrupt, or does not fit this version of the toolkit."""


class DataError(StanceError):
    """Annotated data for training or evaluation is missing or malformed."""
