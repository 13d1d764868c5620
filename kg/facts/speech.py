"""The reporting-verb lexicon of stage "facts" (``kg/lexicon/reporting_verbs.txt``), as forms."""

from __future__ import annotations

from kg.lexicon import entries

#: Every inflected form of a reporting verb -> its base form ("said" -> "say").
SPEECH_FORMS: dict[str, str] = {
    form: line.split()[0] for line in entries("reporting_verbs") for form in line.split()
}

#: Every inflected form of an evidence verb -> its base form ("showed" -> "show"): a cue only
#: with a document's subject (``kg/lexicon/evidence_verbs.txt``).
EVIDENCE_FORMS: dict[str, str] = {
    form: line.split()[0] for line in entries("evidence_verbs") for form in line.split()
}

#: Every inflected form of a verb that frames a quotation beside it but reports no clause
#: ("joked", "interjected", "continued") -> its base form (``kg/lexicon/quotation_verbs.txt``).
QUOTATION_FORMS: dict[str, str] = {
    form: line.split()[0]
    for line in entries("quotation_verbs")
    for form in line.split()
    if not form.startswith("+")
}

#: The particle a verb of :data:`QUOTATION_FORMS` frames a quotation with, by its base form
#: ("go" -> "on": "“...,” she went on"; a line's ``+WORD``).
QUOTATION_PARTICLES: dict[str, str] = {
    line.split()[0]: form[1:]
    for line in entries("quotation_verbs")
    for form in line.split()
    if form.startswith("+")
}
