"""Given names and the gender they usually carry, from the packaged ``gender-guesser`` list.

Shared by the extraction's name rules (:mod:`kg.extract`) and the in-article coreference
(:mod:`kg.coref`): the list takes a second or more to parse, so each process parses it once, at
its first lookup, and never when no name is looked up.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _detector() -> Any:
    import gender_guesser.detector  # untyped

    return gender_guesser.detector.Detector(case_sensitive=False)


def guess_gender(word: str) -> str:
    """gender-guesser's answer for a given name, case-insensitive: "male", "female",
    "mostly_male", "mostly_female", "andy" (either) or "unknown".

    Examples: "Olga" -> "female"; "Tomasz" -> "male"."""
    return str(_detector().get_gender(word))
