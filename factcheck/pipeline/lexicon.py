"""Words: the one stemmer, the stop words and the word classes every stage reads text with.

Retrieval (candidate keys), comparison (term bags, actions, counted things) and matching
(BM25 terms) must see a word the same way, or a claim indexed under one stem is looked up
under another. So they share:

- ``stem``: a light suffix stripper;
- ``stop_words()``: general English stop words (``data/stopwords_en.txt``), and
  ``NEWS_WORDS``: words news claims share whatever they are about ("said", "year");
- word classes: words news writers use for one action ("withdraw", "leave", "pull out") or
  one kind of thing counted ("nation", "country", "party"), from ``data/*.json``.

Classes are matched on word forms, not stems: a stem joins words a class must keep apart
("state", a country, and "stated", a reporting verb, are both "stat"). Each class lists its
verbs and nouns; a verb stands for its -s, -ed and -ing forms, a noun for its plural, and
irregular forms are listed as words of their own. The classes are checked when loaded: a
form in two classes, or a class word that is a stop word, is a ``LexiconError`` naming the
file and the word, so a bad edit fails at start-up instead of quietly changing links.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
STOPWORDS_PATH = DATA_DIR / "stopwords_en.txt"
PREDICATE_CLASSES_PATH = DATA_DIR / "predicate_classes.json"
COUNT_CLASSES_PATH = DATA_DIR / "count_nouns.json"


class LexiconError(ValueError):
    """A word list is inconsistent; the message names the file and the word."""


# ------------------------------------------------------------------------------- stemming

_VOWELS = frozenset("aeiouy")
# British spellings meet American ones (both sides of a match get the same treatment).
_SPELLING = {"defence": "defense", "offence": "offense", "licence": "license"}
_UNDOUBLE = frozenset("bdfgmnprt")  # "stopped" -> "stopp" -> "stop"; not "ll", "ss", "zz"


def _has_vowel(s: str) -> bool:
    return any(ch in _VOWELS for ch in s)


def stem(word: str) -> str:
    """Light English suffix stripper (plural, -ed, -ing, -ly, final -e), in lower case.

    Goal: map inflected forms of one word together ("vaccines", "vaccinated",
    "vaccinating", "vaccine" -> "vaccin"; "stories"/"story" -> "stori"; "stopped" -> "stop")
    and do little else: no derivational rules, so "organ"/"organisation" stay apart (Porter
    would merge them). Stems need not be words; both sides of a match get the same treatment.
    Words of 3 letters or fewer and numbers are left alone.
    """
    w = word.lower()
    if "-" in w and w.strip("-"):
        # "year-olds" is "year-old"; "by-elections" meets "by-election".
        head, _, last = w.strip("-").rpartition("-")
        return f"{head}-{stem(last)}" if head else stem(last)
    w = _SPELLING.get(w, w)
    if len(w) == 3 and w.endswith("y") and w[1] not in _VOWELS:
        return w[:-1] + "i"  # "try" meets "tried" and "tries" (both "tri")
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "i"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and _has_vowel(w[: -len(suffix)]):
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] in _UNDOUBLE:
                w = w[:-1]
            break
    else:
        # An adverb's -ly goes ("quickly"), not a noun's: "family", "supply" keep theirs, so
        # they still meet "families", "supplies".
        if w.endswith("ly") and len(w) > 6:
            w = w[:-2]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    # "vaccinated" -> "vaccinat", "vaccination" -> "vaccination": fold the -ate/-ation family.
    if w.endswith("ation") and len(w) > 7:
        w = w[:-5]
    elif w.endswith("at") and len(w) > 5:
        w = w[:-2]
    return w


def stems(words: str) -> frozenset[str]:
    """The stems of whitespace-separated words: word lists are written as words, not stems."""
    return frozenset(stem(word) for word in words.split())


# ----------------------------------------------------------------------------- stop words


@cache
def stop_words() -> frozenset[str]:
    """The stop list from ``data/stopwords_en.txt`` (``#`` lines are comments)."""
    lines = STOPWORDS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


# Words news claims share whatever they are about: reporting verbs, calendar words, small
# numbers, filler. Retrieval does not index them and comparison does not weigh them; the
# matcher keeps them (a fact-check's "said" or "2020" can be what a tweet repeats).
NEWS_WORDS = frozenset(
    """according across added adds afterwards ago almost alone along already although always
    among amongst another anyone anything around back became become becomes beside besides
    billion came cent come comes currently day days done dr due eight either else
    enough especially etc even ever every first five former formerly four friday gave get gets
    give gives go goes going got however hundred include included includes including inside
    last latter least less like lot lots made make makes making many may meanwhile might
    million monday month months moreover mostly mr mrs ms much must namely neither never
    nevertheless new next nine no nobody none nor not nothing now number often one onto others
    otherwise part people per percent perhaps please put puts quite rather really recently said
    saturday say saying says second see seem seemed seems seven several since six something
    sometimes still sunday take takes tell tells ten thereby therefore thing things third
    though thousand three throughout thursday thus time times today together told tomorrow took
    toward towards tuesday two upon us use used uses using want wants way ways wednesday week
    weeks well went whatever whenever whereas whether whoever whole whose within without year
    years yesterday yet""".split()
)


# ---------------------------------------------------------------------------- word classes


def verb_forms(verb: str) -> set[str]:
    """A regular verb's forms: "plan" -> plans, planned, planning; "rise" -> rises, rised
    (harmless), rising; "deny" -> denies, denied, denying."""
    forms = {verb}
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return forms | {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(verb + "es")
    else:
        forms.add(verb + "s")
    if verb.endswith("ie"):  # die, dies, died, dying
        return forms | {verb + "d", verb[:-2] + "ying"}
    if verb.endswith("e"):
        return forms | {verb + "d", verb[:-1] + "ing"}
    forms |= {verb + "ed", verb + "ing"}
    # Short consonant-vowel-consonant verbs double their last letter: planned, stopped.
    if (
        3 <= len(verb) <= 4
        and verb[-1] in _UNDOUBLE
        and verb[-2] in "aeiou"
        and verb[-3] not in "aeiou"
    ):
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def noun_forms(noun: str) -> set[str]:
    """A noun and its regular plural: "treaty" -> treaties, "ally" -> allies, "tax" -> taxes."""
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in "aeiou":
        return {noun, noun[:-1] + "ies"}
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return {noun, noun + "es"}
    return {noun, noun + "s"}


@dataclass(frozen=True, slots=True)
class WordClasses:
    """Word form -> class name; and (form of a first word, particle) -> class ("pull out")."""

    forms: Mapping[str, str]
    phrases: Mapping[tuple[str, str], str]

    def of(self, word: str) -> str | None:
        return self.forms.get(word.lower())


def _forms(word: str, kind: str) -> list[tuple[str, ...]]:
    """The word forms an entry stands for, as word tuples, the entry itself first (so a
    conflict names it rather than an inflection). "pull out": the verb inflects; "land mine",
    "member state": the noun, its last word."""
    parts = word.split()
    if kind == "verbs":
        inflected = [(form, *parts[1:]) for form in sorted(verb_forms(parts[0]))]
    else:
        inflected = [(*parts[:-1], form) for form in sorted(noun_forms(parts[-1]))]
    return [tuple(parts), *(form for form in inflected if list(form) != parts)]


def load_classes(path: Path, *, stop: Iterable[str] = ()) -> WordClasses:
    """Read a class file: ``{"classes": {name: {"verbs": [...], "nouns": [...]}}}``.

    Multi-word entries ("pull out", "member state") are phrases: a verb phrase's first word
    takes the verb forms, a noun phrase's last word the plural; two-word phrases are also
    found as a word followed by the other. Raises ``LexiconError``.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        classes = data["classes"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise LexiconError(f"{path.name}: cannot be read as word classes ({error})") from error
    stop = frozenset(stop)
    forms: dict[str, str] = {}
    phrases: dict[tuple[str, str], str] = {}

    def add(table: dict, key, name: str, word: str) -> None:
        if table.get(key, name) != name:
            shown = " ".join(key) if isinstance(key, tuple) else key
            raise LexiconError(
                f"{path.name}: {shown!r} (from {word!r}) is in two classes, "
                f"{table[key]!r} and {name!r}"
            )
        table[key] = name

    for name, entry in classes.items():
        if not isinstance(entry, dict) or set(entry) - {"verbs", "nouns"}:
            raise LexiconError(f"{path.name}: class {name!r} must list only 'verbs' and 'nouns'")
        for kind in ("verbs", "nouns"):
            for word in entry.get(kind, ()):
                if not isinstance(word, str) or word != word.strip().lower() or not word:
                    raise LexiconError(
                        f"{path.name}: {word!r} in {name!r} is not a lower-case word"
                    )
                if word in stop:
                    raise LexiconError(
                        f"{path.name}: {word!r} in {name!r} is a stop word, so it is never read"
                    )
                for form in _forms(word, kind):
                    add(forms, " ".join(form), name, word)
                    if len(form) == 2:
                        add(phrases, form, name, word)
    return WordClasses(forms, phrases)


@cache
def predicate_classes() -> WordClasses:
    """Actions and the things they act on: "withdraw", "leave" and "pull out" are one."""
    return load_classes(PREDICATE_CLASSES_PATH, stop=stop_words() | NEWS_WORDS)


@cache
def count_classes() -> WordClasses:
    """Kinds of counted things: "133 nations" and "over 160 parties" both count states."""
    return load_classes(COUNT_CLASSES_PATH)
