"""Typed input errors. Each carries a message written for the person who sent the input."""

from __future__ import annotations


class InputError(ValueError):
    """The input cannot be analysed; `user_message` says why, in plain words."""

    code = "bad_input"

    def __init__(self, user_message: str):
        super().__init__(user_message)
        self.user_message = user_message


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class NotEnglish(InputError):
    code = "not_english"


class ModelMissing(RuntimeError):
    """No usable spaCy English model is installed."""
