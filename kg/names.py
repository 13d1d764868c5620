"""Given names and the gender they usually carry, from the packaged ``gender-guesser`` list.

Shared by the extraction's name rules (:mod:`kg.extract`) and the in-article coreference
(:mod:`kg.coref`): the list (49,000 lines) takes a tenth of a second or more to parse, so each
process parses it once, at its first lookup, and never when no name is looked up.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


@cache
def _detector() -> Any:
    import gender_guesser.detector  # untyped

    detector_class = gender_guesser.detector.Detector
    eat = getattr(detector_class, "_eat_name_line", None)
    source = Path(gender_guesser.detector.__file__).parent / "data" / "nam_dict.txt"
    if eat is None or not source.is_file():  # another version: let it read its list itself
        return detector_class(case_sensitive=False)
    # The detector's own line parser over the whole file read at once: its constructor reads
    # the 49,000 lines one by one through a codecs reader, which took two thirds of its time.
    # str.splitlines breaks lines where that reader does, so the names are the same.
    detector = detector_class.__new__(detector_class)
    detector.case_sensitive = False
    detector.names = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        eat(detector, line.strip())
    return detector


def guess_gender(word: str) -> str:
    """gender-guesser's answer for a given name, case-insensitive: "male", "female",
    "mostly_male", "mostly_female", "andy" (either) or "unknown".

    Examples: "Olga" -> "female"; "Tomasz" -> "male"."""
    return str(_detector().get_gender(word))
