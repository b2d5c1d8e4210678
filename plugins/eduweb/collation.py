"""Sorting text in Swedish alphabetical order (å, ä, ö after z)."""

from __future__ import annotations

import unicodedata

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
# Letters Swedish dictionaries sort as another letter (SAOL): æ with ä,
# ø with ö, ü with y. Other accented letters sort as their base letter (é as e).
SORTS_AS = {"æ": "ä", "ø": "ö", "ü": "y"}


def swedish_sort_key(text: str) -> tuple:
    """A key for sorted(): 'Örebro' after 'Zenit', 'Ängelholm' after 'Åre'."""
    weights = []
    for char in text.casefold():
        char = SORTS_AS.get(char, char)
        if char not in "åäö":
            char = unicodedata.normalize("NFD", char)[0]
        if char in ALPHABET:
            weights.append(ALPHABET.index(char) + 1)
        elif char.isspace():
            weights.append(0)  # "Region X" before "Regionen"
        elif char.isalpha():
            weights.append(len(ALPHABET) + ord(char))
        # punctuation does not count
    return (tuple(weights), text)
