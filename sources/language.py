"""Which language a text is written in, offline (py3langid: 97 languages, model in the wheel).

Pure Python: no Django. Imports call ``detect`` on the cleaned body; an app that mines text
with rules for one language (factcheck: English) reads ``Source.language`` to leave the others
alone.
"""

from __future__ import annotations

import threading
from functools import cache

# Below this many letters, or this confidence, a guess is not worth overriding what the page
# declared (short texts and names fool every detector).
MIN_LETTERS = 80
MIN_CONFIDENCE = 0.90
# The opening of a long article says as much as the whole of it, in a fraction of the time.
SAMPLE_CHARS = 5000

_LOCK = threading.Lock()


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the text is too short or the
    detector unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(character.isalpha() for character in sample) < MIN_LETTERS:
        return None
    with _LOCK:  # the identifier keeps scratch buffers between calls
        code, confidence = _identifier().classify(sample)
    return code if confidence >= MIN_CONFIDENCE else None


def primary(tag: str | None) -> str:
    """``en`` for ``en-GB``, ``EN_us`` or ``en``; "" when unknown."""
    return (tag or "").strip().lower().replace("_", "-").split("-")[0]


def resolve(declared: str | None, detected: str | None) -> str:
    """What to store: the declared tag when the text agrees with it (it may be more specific,
    ``en-gb``), else a confident detection (pages often declare their site's language, not the
    article's), else the declaration, else ""."""
    declared = (declared or "").strip().lower()[:16]
    if detected is None or primary(declared) == detected:
        return declared
    return detected
