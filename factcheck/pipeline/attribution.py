"""Who is said to have said something in a sentence, and through whom (which outlet).

Rules, not a parser: a reporting cue ("said", "told", "according to", "the statement reads",
"as X put it", "was announced by X"...) is found outside quotation marks, then the speaker is
read off the words right before it ("Poland said", "X, the Z, said") or right after it when the
cue follows a quote or opens the sentence ("“...,” said X", "according to X"). The medium is an
outlet the words went through: the capitalised object of "told" ("told Defense News") or the
name after "in an interview with", "in a statement provided to", "speaking to", "posted on"...

A sentence with a direct quote but no cue yields an Attribution with verb "quote" and no
speaker: the speaker is usually named in a neighbouring sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.pipeline.actors import ROLE_NOUN_RE, find_actors


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    role: str | None
    verb: str  # lemma: "say", "tell", "according_to", "read", "put", "quote"...
    medium: str | None
    quote: str | None
    quote_start: int | None
    quote_end: int | None
    is_direct_quote: bool


def _wordlist(text: str) -> list[str]:
    """Word lists are kept as wrapped text: easier to read and edit than one word a line."""
    return text.split()


_LEMMAS: dict[str, str] = {}
for _lemma, _forms in {
    "say": "say says said saying",
    "tell": "tell tells told",
    "announce": "announce announces announced",
    "state": "stated stating",
    "claim": "claimed",
    "argue": "argue argues argued",
    "accuse": "accuses accused",
    "deny": "denies denied",
    "warn": "warn warns warned",
    "insist": "insist insists insisted",
    "note": "noted",
    "add": "adds added",
    "write": "writes wrote",
    "tweet": "tweeted",
    "post": "posted",
    "explain": "explains explained",
    "assert": "asserts asserted",
    "stress": "stresses stressed",
    "emphasize": "emphasizes emphasized emphasises emphasised",
    "clarify": "clarifies clarified",
    "confirm": "confirms confirmed",
    "report": "reported",
    "acknowledge": "acknowledges acknowledged",
    "admit": "admits admitted",
    "declare": "declares declared",
    "reveal": "revealed",
    "reply": "replied",
    "respond": "responded",
    "urge": "urges urged",
    "vow": "vows vowed",
    "pledge": "pledged",
    "predict": "predicts predicted",
    "allege": "alleges alleged",
    "suggest": "suggested",
    "conclude": "concluded",
    "comment": "commented",
    "remark": "remarked",
    "reiterate": "reiterates reiterated",
    "contend": "contends contended",
    "counter": "countered",
    "concede": "concedes conceded",
    "caution": "cautioned",
    "read": "reads read",
}.items():
    for _form in _forms.split():
        _LEMMAS[_form] = _lemma

_CUE_RE = regex.compile(
    r"\b(?:(?P<acc>according\s+to)|(?P<verb>"
    + "|".join(sorted(_LEMMAS, key=len, reverse=True))
    + r"))\b",
    regex.IGNORECASE,
)
_AS_PUT_RE = regex.compile(r"\b[Aa]s\s+([^,;.“”\"]{1,80}?)\s+(?:put|puts)\s+it\b")
_PASSIVE_BY_RE = regex.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?P<verb>announced|stated|claimed|reported|confirmed|"
    r"denied|said|declared|revealed)\s+by\s+"
)
_QUOTE_RE = regex.compile(
    r"“(?P<a>[^“”]+)”?|\"(?P<b>[^\"]+)\"?|(?<![\p{L}\p{M}\d])‘(?P<c>[^‘’]+?)’(?![\p{L}\p{M}\d])"
)
_WORD_RE = regex.compile(r"[\p{L}\p{M}\d][\p{L}\p{M}\d'’.\-&]*|[,;:“”\"()—–]")
_CAP_SPAN_RE = regex.compile(
    r"(?:\p{Lu}[\p{L}\p{M}\d.&'’\-]*)(?:\s+(?:of|the|and|de|&|for)?\s*\p{Lu}[\p{L}\p{M}\d.&'’\-]*)*"
)

_ADJ_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "aforementioned"])
_PASSIVE_AUX = frozenset(["was", "were", "been", "being", "is", "are", "be"])
_MODALS = frozenset(
    _wordlist(
        """to would will could can might may should must not n't did do does never let's cannot"""
    )
)
_BASE_FORMS = frozenset(["say", "tell", "announce", "argue", "warn", "insist"])
_AUX_BEFORE = frozenset(
    _wordlist(
        """also has have had previously later then earlier recently again repeatedly publicly once
        reportedly would will further similarly separately now"""
    )
)
_STOP_BACK = frozenset(
    _wordlist(
        """in on at after before since when while because but as by for with from during to then if
        although though despite than into over under about against between through via where why
        how what whether is are was were be been has have had do does did will would can could
        should may might must not also said told says added wrote meanwhile however moreover
        furthermore nevertheless separately instead indeed now still yet so thus and"""
    )
)
_DETERMINERS = frozenset(
    _wordlist(
        """the a an this these those his her their its our my your some many most several both all
        two three four five six seven eight nine ten dozens hundreds thousands any each every
        other"""
    )
)
_PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it", "you", "who"])
_DOC_NOUNS = regex.compile(
    r"\b(?:statement|communiqu[eé]|declaration|letter|post|message|note|report|text|tweet|notice|"
    r"sign|headline|caption|resolution|document|release|memo|order|decree|law|bill|banner|"
    r"placard|email|e-mail|leaflet|poster|inscription|motto|slogan|label|warning)s?\b",
    regex.IGNORECASE,
)
_TIME_TAIL_RE = regex.compile(
    r"(?:\s*,)?\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"today|yesterday|last\s+(?:week|month|year|night)|this\s+(?:week|month|year))\s*,?\s*\Z"
)
_AFTER_STOP_RE = regex.compile(
    r"[,.;:!?“”\"()—–]|\s(?:in|on|at|that|who|which|about|during|after|before|when|while|last|"
    r"this|to|from|because|as|if|earlier|later|today|yesterday|and\s+(?:a|an|the)\b)\s"
)
_MEDIUM_RE = regex.compile(
    r"\b(?:in\s+(?:an?\s+|his\s+|her\s+|their\s+)?(?:exclusive\s+|joint\s+|written\s+)?"
    r"(?:interview|statement|comments?|remarks|post|op-ed|email|letter|message|appearance)s?"
    r"(?:\s+(?:provided|given|sent|emailed|released))?\s+(?:with|to|on|for)|"
    r"(?i:speaking|talking)\s+(?:to|with)|(?:wrote|posted|said|tweeted|announced)\s+on|"
    r"in\s+comments\s+to)\s+(?P<the>the\s+)?(?P<name>\p{Lu}[\p{L}\p{M}\d.&'’\-]*"
    r"(?:\s+(?:of\s+)?\p{Lu}[\p{L}\p{M}\d.&'’\-]*)*)"
)
_CALENDAR = frozenset(
    _wordlist(
        """January February March April May June July August September October November December
        Monday Tuesday Wednesday Thursday Friday Saturday Sunday"""
    )
)


def _quotes(sentence: str) -> list[tuple[int, int]]:
    """Inner spans of quotations; an unclosed “ runs to the end (quotes span sentences)."""
    spans = []
    for m in _QUOTE_RE.finditer(sentence):
        g = "a" if m.group("a") is not None else "b" if m.group("b") is not None else "c"
        s, e = m.span(g)
        # A comma before the closing mark is English punctuation, not the speaker's words.
        while e > s and sentence[e - 1] in " \t\n,":
            e -= 1
        if e > s:
            spans.append((s, e))
    if not spans:
        close = sentence.find("”")
        if close > 0:  # the quote opened in the previous sentence
            spans.append((0, close))
    return spans


def _is_real_quote(text: str) -> bool:
    words = text.split()
    if len(words) < 2:
        return False
    # ‘Eastern Shield’, "Operation Sandstorm": a quoted name, not quoted speech.
    return not (len(words) <= 4 and all(w[:1].isupper() for w in words))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _words(text: str, offset: int) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group()) for m in _WORD_RE.finditer(text)]


def _np_before(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase ending at `end` (reading backwards), or None."""
    words = _words(sentence[start:end], start)
    if not words:
        return None
    k = len(words) - 1
    first = k + 1
    while k >= 0 and k > len(words) - 30:
        w = words[k][2]
        low = w.lower()
        head = words[first][2] if first < len(words) else ""
        if w == ",":
            # Lists: "Estonia, Latvia, Lithuania, and Poland said".
            if (
                (head[:1].isupper() or head in ("and", "or"))
                and k > 0
                and words[k - 1][2][:1].isupper()
            ):
                first = k
                k -= 1
                continue
            break
        if not w[0].isalnum():
            break
        if low in ("and", "or"):
            prev = words[k - 1][2] if k > 0 else ""
            if prev == "," and k > 1:
                prev = words[k - 2][2]  # the serial comma: "Lithuania, and Poland"
            if head[:1].isupper() and prev[:1].isupper():
                first = k
                k -= 1
                continue
            break
        if low in ("that", "who", "which"):
            prev = words[k - 1][2] if k > 0 else ""
            if (
                prev
                and prev[0].isalpha()
                and prev.lower() not in _STOP_BACK
                and not (prev.endswith("ed") or prev.lower() in _LEMMAS)
            ):
                first = k
                k -= 1
                continue
            break
        if low in _STOP_BACK or low in _LEMMAS:
            break
        first = k
        k -= 1
        if low in _DETERMINERS:
            prev = words[k][2].lower() if k >= 0 else ""
            if prev not in ("of", "and") and prev not in _DETERMINERS:
                break
        if low in _PRONOUNS:
            break
    if first >= len(words):
        return None
    while first < len(words) and words[first][2] in (",", "and", "or"):
        first += 1
    if first >= len(words):
        return None
    return words[first][0], words[-1][1]


def _np_after(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    m = _AFTER_STOP_RE.search(sentence, start, end)
    stop = m.start() if m else end
    seg = sentence[start:stop]
    s = start + (len(seg) - len(seg.lstrip()))
    e = start + len(seg.rstrip())
    return (s, e) if e > s else None


def _role_after(sentence: str, pos: int) -> str | None:
    """ ", Estonia's defence minister." right after a speaker."""
    m = regex.match(
        r",\s+([^,;:.()“”\"]{2,90}?)\s*(?=[,;:.]|\Z|\s+and\s+(?:a|an|the)\b)", sentence[pos:]
    )
    if m and regex.search(r"\b(?:the|a|an|[\p{Lu}][\p{L}\p{M}]*['’]s)\b", m.group(1)):
        return m.group(1)
    return None


def _medium_after_tell(sentence: str, pos: int) -> str | None:
    span = _np_after(sentence, pos, min(len(sentence), pos + 120))
    if span is None:
        return None
    obj = sentence[span[0] : span[1]]
    for m in _CAP_SPAN_RE.finditer(obj):
        name = m.group()
        if name.split()[0] in _CALENDAR:
            continue
        if obj[: m.start()].endswith("the "):
            return "the " + name
        return name
    return None


def _refine_speaker(sentence: str, s: int, e: int) -> tuple[int, int, str | None]:
    """Split "Deputy Defense Minister Pawel Bejda" into the person and their role."""
    text = sentence[s:e]
    if not any(ch.isupper() for ch in text[1:]):
        return s, e, None
    for actor in find_actors(text, headline=False):
        if (
            actor.kind == "person"
            and actor.end == len(text)
            and actor.start > 0
            and text[: actor.start].strip() in (actor.role, actor.title)
        ):
            return s + actor.start, s + actor.end, actor.role
    return s, e, None


def _build(
    sentence: str,
    span: tuple[int, int] | None,
    role: str | None,
    verb: str,
    medium: str | None,
    quote: tuple[int, int] | None,
) -> Attribution:
    if span is not None:
        s, e, inner_role = _refine_speaker(sentence, *span)
        role = role or inner_role
        speaker, ss, se = sentence[s:e], s, e
    else:
        speaker = ss = se = None
    q = sentence[quote[0] : quote[1]] if quote else None
    return Attribution(
        speaker,
        ss,
        se,
        role,
        verb,
        medium,
        q,
        quote[0] if quote else None,
        quote[1] if quote else None,
        quote is not None,
    )


def find_attribution(sentence: str) -> Attribution | None:
    """The attribution of one sentence, or None when it reports nobody's words."""
    spans = _quotes(sentence)
    real = [sp for sp in spans if _is_real_quote(sentence[sp[0] : sp[1]])]
    quote = max(real, key=lambda sp: sp[1] - sp[0]) if real else None

    medium = None
    for m in _MEDIUM_RE.finditer(sentence):
        if not _inside(m.start(), spans) and m.group("name").split()[0] not in _CALENDAR:
            medium = (m.group("the") or "") + m.group("name")
            break

    m = _AS_PUT_RE.search(sentence)
    if m and not _inside(m.start(), spans):
        return _build(sentence, m.span(1), None, "put", medium, quote)
    m = _PASSIVE_BY_RE.search(sentence)
    if m and not _inside(m.start(), spans):
        span = _np_after(sentence, m.end(), len(sentence))
        return _build(sentence, span, None, _LEMMAS[m.group("verb")], medium, quote)

    for m in _CUE_RE.finditer(sentence):
        vs, ve = m.span()
        if _inside(vs, spans):
            continue
        word = m.group()
        if word[0].isupper() and m.group("acc") is None and vs > 0:
            continue  # "Said" mid-sentence is a name ("Edward Said")
        before = sentence[:vs]
        prev_words = before.split()
        prev = prev_words[-1].lower().strip(",") if prev_words else ""
        if m.group("acc") is not None:
            span = _np_after(sentence, ve, len(sentence))
            if span is None:
                continue
            return _build(
                sentence, span, _role_after(sentence, span[1]), "according_to", medium, quote
            )
        low = word.lower()
        lemma = _LEMMAS[low]
        if prev in _ADJ_DETERMINERS:
            continue  # "the said agreement", "the reported attack"
        if low == "told" and prev == "all":
            continue
        if prev in _PASSIVE_AUX:
            continue  # "is said to", "they were told"
        if low in _BASE_FORMS and prev in _MODALS:
            continue
        # Where does the clause holding the speaker begin?
        bound = 0
        for _qs, qe in spans:
            if qe <= vs:
                bound = max(bound, qe + 1)  # after the closing quote mark
        semi = max(before.rfind(";"), before.rfind(":"))
        if semi >= bound:
            bound = semi + 1
        head = sentence[bound:vs]
        tm = _TIME_TAIL_RE.search(head)
        if tm:
            head = head[: tm.start()]
        words = head.split()
        while words and words[-1].lower() in _AUX_BEFORE:
            words.pop()
        cut = bound + len(head)
        if words:
            cut = head.rfind(words[-1]) + len(words[-1]) + bound
        stripped = sentence[bound:cut].strip(" \t,")
        role = None
        span: tuple[int, int] | None = None
        if stripped and regex.search(r"[\p{L}\d]", stripped):
            text = sentence[bound:cut]
            if text.rstrip().endswith(","):
                # "X, the Z, said": an appositive role between the speaker and the verb.
                inner = text.rstrip()[:-1]
                comma = inner.rfind(",")
                if comma >= 0:
                    role_text = inner[comma + 1 :].strip()
                    span = _np_before(sentence, bound, bound + comma)
                    if span is not None:
                        role = role_text
                        before_text = sentence[span[0] : span[1]]
                        if not ROLE_NOUN_RE.search(role_text) and ROLE_NOUN_RE.search(before_text):
                            # "Estonia's defense minister, Hanno Pevkur, said": name second.
                            rs = bound + comma + 1
                            rs += len(inner[comma + 1 :]) - len(inner[comma + 1 :].lstrip())
                            span, role = (rs, rs + len(role_text)), before_text
                if span is None:
                    span = _np_before(sentence, bound, bound + len(inner))
            else:
                span = _np_before(sentence, bound, cut)
        if lemma == "read" and not (span and _DOC_NOUNS.search(sentence[span[0] : span[1]])):
            if span is None:
                after = _np_after(sentence, ve, len(sentence))
                if after and _DOC_NOUNS.search(sentence[after[0] : after[1]]):
                    return _build(sentence, after, None, "read", medium, quote)
            continue
        if span is None:
            # "“...,” said X." / "Said X: ..." - the speaker follows the verb.
            after = _np_after(sentence, ve, len(sentence))
            if after is None:
                continue
            role = _role_after(sentence, after[1])
            span = after
        if lemma == "tell":
            medium = _medium_after_tell(sentence, ve) or medium
        return _build(sentence, span, role, lemma, medium, quote)

    if quote is not None:
        return _build(sentence, None, None, "quote", medium, quote)
    return None
