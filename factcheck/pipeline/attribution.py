"""Who is said to have said something in a sentence, and through whom (which outlet).

Rules, not a parser: a reporting cue ("said", "told", "according to", "the statement reads",
"as X put it", "was announced by X", "quoted X as saying"...) is found outside quotation marks,
then the speaker is read off the words right before it ("Poland said", "X, the Z, said",
"X, who ..., said") or right after it when the cue follows a quote, opens the sentence or is
set off by commas ("“...,” said X", "according to X", "..., said Mr X."). A cue joined to an
earlier verb ("X issued a warning but said ...", "..., saying ...") takes that clause's
subject. A closing ", X said." is the attribution of the whole sentence and wins over an
earlier cue. The medium is an outlet the words went through: the capitalised object of "told"
("told Defense News") or the name after "in an interview with", "in a statement provided
to", "speaking to", "posted on"...; an audience ("told MPs", "told a lunch") is no medium.

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
    "tell": "tell tells told telling",
    "announce": "announce announces announced announcing",
    "state": "stated stating",
    "claim": "claim claims claimed claiming",
    "argue": "argue argues argued arguing",
    "accuse": "accuses accused accusing",
    "deny": "denies denied denying",
    "warn": "warn warns warned warning",
    "insist": "insist insists insisted insisting",
    "note": "noted noting",
    "add": "adds added adding",
    "write": "writes wrote writing",
    "tweet": "tweeted",
    "post": "posted",
    "explain": "explains explained explaining",
    "assert": "asserts asserted",
    "stress": "stresses stressed stressing",
    "emphasize": "emphasizes emphasized emphasises emphasised",
    "clarify": "clarifies clarified",
    "confirm": "confirms confirmed confirming",
    "report": "reported",
    "acknowledge": "acknowledges acknowledged",
    "admit": "admits admitted",
    "declare": "declares declared",
    "reveal": "revealed",
    "reply": "replied",
    "respond": "responded",
    "urge": "urges urged urging",
    "vow": "vows vowed",
    "pledge": "pledged",
    "promise": "promises promised",
    "predict": "predicts predicted",
    "allege": "alleges alleged alleging",
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


def _trie_pattern(words: list[str]) -> str:
    """One alternation per shared prefix ("sa(?:y|ys|id)..."): the cue regex runs on every
    sentence, and a flat list of ~150 alternatives is three times slower."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [regex.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_CUE_RE = regex.compile(
    r"\b(?:(?P<acc>according\s+to)|(?P<verb>" + _trie_pattern(list(_LEMMAS)) + r"))\b",
    regex.IGNORECASE,
)
_AS_PUT_RE = regex.compile(r"\b[Aa]s\s+([^,;.“”\"]{1,80}?)\s+(?:put|puts)\s+it\b")
_PASSIVE_BY_RE = regex.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?P<verb>announced|stated|claimed|reported|confirmed|"
    r"denied|said|declared|revealed|told)\s+by\s+"
)
# "the paper quoted Mr Chernin as saying": the quoted person speaks, the quoting subject is
# the outlet.
_QUOTED_AS_RE = regex.compile(
    r"\bquoted\s+(?P<sp>(?:\p{Lu}|(?:the|an?|one)\s)[^,;:“”\"]{0,70}?)\s+as\s+say(?:ing|s)\b"
)
_QUOTE_RE = regex.compile(
    r"“(?P<a>[^“”]+)”?|\"(?P<b>[^\"]+)\"?|(?<![\p{L}\p{M}\d])‘(?P<c>[^‘’]+?)’(?![\p{L}\p{M}\d])"
)
_WORD_RE = regex.compile(r"[\p{L}\p{M}\d][\p{L}\p{M}\d'’.\-&%]*|[,;:“”\"()\[\]—–]")
_CAP_SPAN_RE = regex.compile(
    r"\p{Lu}[\p{L}\p{M}\d.&'’\-]*"
    r"(?:(?:\s+(?:of(?:\s+the)?|and|de|&|for))?\s+\p{Lu}[\p{L}\p{M}\d.&'’\-]*"
    r"|(?<=\b(?:Radio|Channel|TV|Television))\s+\d+(?:['’]s)?)*"
)
# "(ILO)" after a name is part of it; "(PDF)" after a source is a link label, not a name.
_PAREN_ACRONYM_RE = regex.compile(
    r"\(\s*(?!(?i:pdf|doc|ppt|xls|html?|mp3|link|video)\s*\))"
    r"[\p{Lu}][\p{L}&.\-]{1,11}\s*\)"
)
_ABBREVS = frozenset(
    _wordlist(
        """mr mrs ms mx dr prof gen sen rep gov lt col capt cmdr sgt maj adm brig cpl rev fr hon
        pres supt insp det st jr sr inc co corp ltd plc llc bros ave rd dept univ assn govt intl
        natl no mt ft vs approx"""
    )
)

_ADJ_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "aforementioned"])
# Before a participle these make it an adjective: "its stated aim", "the alliance's suggested".
_POSSESSIVES = frozenset(["its", "his", "her", "their", "our", "my", "your", "whose"])
_PRONOUN_S = frozenset(["he", "she", "it", "that", "there", "who", "what", "here", "let"])
_PASSIVE_AUX = frozenset(["was", "were", "been", "being", "is", "are", "be", "it's", "it’s"])
_NEGATIONS = frozenset(["not", "never", "n't"])
_MODALS = frozenset(
    _wordlist(
        """to would will could can might may should must not n't did do does never let's cannot"""
    )
)
_BASE_FORMS = frozenset(["say", "tell", "announce", "argue", "warn", "insist", "claim"])
_AUX_BEFORE = frozenset(
    _wordlist(
        """also has have had previously later then earlier recently again repeatedly publicly once
        reportedly would will further similarly separately now already since subsequently
        initially originally privately openly firmly flatly angrily quickly immediately
        eventually finally first yesterday today just even"""
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
_HONORIFICS = frozenset(_wordlist("""Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Sir Dame Prof Prof."""))
_LY_NOUNS = frozenset(
    _wordlist(
        """family assembly rally ally supply monopoly reply anomaly homily bully jelly elderly
        daily weekly monthly quarterly"""
    )
)
_QUANTITY_WORDS = frozenset(
    _wordlist("""a an one two three four five six seven eight nine ten half dozen dozens""")
)
# Prepositions that may sit inside a speaker's noun phrase ("a spokesman for X", "officials
# from X", "analysts at X"), but only after a noun that can head one.
_NP_PREPS = frozenset(["for", "from", "at", "in", "with"])
_SPEAKER_HEADS = frozenset(
    _wordlist(
        """official officials source sources people residents experts spokesman spokeswoman
        spokesperson staff workers campaigners campaigner critics supporters organiser
        organisers organizer organizers observers insiders voters teachers students parents
        users fans delegates authorities message statement report letter team group groups body
        company firm ministry department agency office one some many most all none each
        majority minority half third quarter"""
    )
)
_DOC_NOUNS = regex.compile(
    r"\b(?:statement|communiqu[eé]|declaration|letter|post|message|note|report|text|tweet|notice|"
    r"sign|headline|caption|resolution|document|release|memo|order|decree|law|bill|banner|"
    r"placard|email|e-mail|leaflet|poster|inscription|motto|slogan|label|warning)s?\b",
    regex.IGNORECASE,
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME_TAIL_RE = regex.compile(
    rf"(?:\s*,)?\s+(?:on\s+{_WEEKDAY}|today|yesterday|last\s+(?:week|month|year|night)|"
    r"this\s+(?:week|month|year))\s*,?\s*\Z"
)
# What may follow a sentence-closing reporting verb: ", the agency said on Wednesday."
_FINAL_TAIL_RE = regex.compile(
    rf"(?:\s+(?:on\s+{_WEEKDAY}|today|yesterday|tonight|last\s+\w+|this\s+\w+|earlier|later|"
    r"in\s+a\s+statement|on\s+its\s+website|in\s+\p{Lu}\w+))*\s*[.!?]?[\"”’']*\s*\Z"
)
_AFTER_STOP_RE = regex.compile(
    r"[,.;:!?“”\"()\[\]—–]|\s(?:in|(?<!\b(?:Mail|Independent|Scotland|Wales)\s)on|at|that|who|"
    r"which|about|during|after|before|when|while|last|this|to|from|because|as|if|earlier|"
    r"later|today|yesterday|and\s+(?:a|an|the)\b)\s"
)
_MEDIUM_RE = regex.compile(
    r"\b(?:in\s+(?:an?\s+|his\s+|her\s+|their\s+)?(?:exclusive\s+|joint\s+|written\s+)?"
    r"(?:interview|statement|comments?|remarks|post|op-ed|email|letter|message|appearance)s?"
    r"(?:\s+(?:provided|given|sent|emailed|released))?\s+(?:with|to|on|for)|"
    r"(?i:speaking|talking)\s+(?:to|with)|(?:wrote|posted|said|tweeted|announced)\s+on|"
    r"in\s+comments\s+to)\s+(?P<the>the\s+)?(?P<name>\p{Lu}[\p{L}\p{M}\d.&'’\-]*"
    r"(?:\s+(?:of\s+)?\p{Lu}[\p{L}\p{M}\d.&'’\-]*)*)"
)
_POSSESSIVE_RE = regex.compile(r"['’]s\b")
_CALENDAR = frozenset(
    _wordlist(
        """January February March April May June July August September October November December
        Monday Tuesday Wednesday Thursday Friday Saturday Sunday"""
    )
)
# People told something in person, not an outlet that carried it.
_AUDIENCES = frozenset(
    _wordlist(
        """mps meps peers lords senators congress parliament reporters journalists delegates
        commons""",
    )
)
# Adverbs that sit between commas like an appositive: "The Halifax, meanwhile, said".
_COMMA_ADVERBS_RE = regex.compile(
    r"(?i:meanwhile|however|though|too|also|instead|separately|nevertheless|moreover|in\s+turn|"
    rf"for\s+(?:example|instance|(?:his|her|its|their|our|my)\s+part)|on\s+{_WEEKDAY}|"
    r"in\s+(?:a|an|his|her|its|their)\s+(?:statement|interview|letter)|\w+ly)\Z"
)
# Finite verbs that end a clause's subject: "The Conservatives are yet to ... but said".
_SUBJECT_VERBS = frozenset(
    _wordlist(
        """is are was were has have had will would can could may might must should shall does did
        do made took gave won lost rose fell cut put set met left held kept went came got saw
        became began sold bought paid brought spent ran hit sent built led found thought felt
        knew heard showed shows makes takes gives wins"""
    )
)
_OBJECT_START = frozenset(
    _wordlist("""the a an his her its their that this these those it him them our two three""")
)
_CLAUSE_LINKS = frozenset(
    _wordlist(
        """though although but which who whose while as and adding saying because when where
        so yet if"""
    )
)
_QUOTE_CHARS = "\"'“”‘’"
_DIGIT_RE = regex.compile(r"\d")


def _is_abbrev_dot(sentence: str, p: int) -> bool:
    """Whether the "." at p closes an abbreviation ("U.S.", "Gen.", "J.") rather than a phrase."""
    j = p
    while j > 0 and (sentence[j - 1].isalpha() or sentence[j - 1] == "."):
        j -= 1
    tok = sentence[j:p]
    if not tok or not tok[0].isalpha():
        return False
    if len(tok) == 1:
        return tok.isupper()  # an initial, or the last letter of "U.S."
    if "." in tok:
        return all(len(part) == 1 for part in tok.split("."))
    return tok.lower() in _ABBREVS


def _quotes(sentence: str) -> list[tuple[int, int]]:
    """Inner spans of quotations; an unclosed “ runs to the end (quotes span sentences)."""
    spans = []
    pos = 0
    if sentence.count('"') % 2:
        # An odd straight quote right after closing punctuation closes a quote opened in an
        # earlier sentence: 'leadership matters," he said.'
        p = sentence.find('"')
        if (
            p > 0
            and sentence[p - 1] in ",.!?…"
            and (p + 1 == len(sentence) or sentence[p + 1] == " ")
        ):
            e = p
            while e > 0 and sentence[e - 1] in " \t\n,":
                e -= 1
            if e > 0:
                spans.append((0, e))
            pos = p + 1
    for m in _QUOTE_RE.finditer(sentence, pos):
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


def _is_ly_adverb(word: str) -> bool:
    return len(word) > 4 and word.endswith("ly") and word.islower() and word not in _LY_NOUNS


def _starts_clause(sentence: str, pos: int) -> bool:
    """Whether a word at `pos` opens a sentence or clause, where any word is capitalised.

    Mid-clause, a capitalised "May" or "Will" is a name ("“...,” May wrote.").
    """
    before = sentence[:pos].rstrip()
    if not before or before[-1] in ".!?:;—–-(":
        return True
    if before[-1] in _QUOTE_CHARS:
        return len(before) < 2 or before[-2] not in ",.!?…"  # after an opening quote
    return False


def _can_head_speaker(word: str) -> bool:
    low = word.lower()
    return low in _SPEAKER_HEADS or ROLE_NOUN_RE.fullmatch(low) is not None


def _plural_noun(word: str) -> bool:
    low = word.lower()
    return (
        len(low) > 3
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is"))
        and low not in _STOP_BACK
        and low not in _LEMMAS
        and low not in _SUBJECT_VERBS
    )


def _np_before(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase ending at `end` (reading backwards), or None."""
    words = _words(sentence[start:end], start)
    n = len(words)
    last = n - 1
    k = n - 1
    first = n
    seen_and = False
    # After a lowercase left conjunct ("the Baltic nations and Poland") the phrase must turn out
    # to be a prepositional one ("The ministers of the Baltic nations and Poland"); otherwise
    # the "and" joined two clauses ("prices rose and Poland said") and the phrase restarts.
    and_restart: int | None = None
    prep_after_and = False
    while k >= 0 and k > n - 30:
        w = words[k][2]
        low = w.lower()
        head = words[first][2] if first < n else ""
        prev = words[k - 1][2] if k > 0 else ""
        if w == ")":
            # "the Asian Development Bank (ADB)": a bracketed acronym belongs to the name.
            if (
                k >= 2
                and words[k - 2][2] == "("
                and _PAREN_ACRONYM_RE.fullmatch(sentence, words[k - 2][0], words[k][1])
            ):
                first = k - 2
                k -= 3
                continue
            break
        if w == ",":
            # Lists: "Estonia, Latvia, Lithuania, and Poland said"; without a closing "and" the
            # comma ends an introductory phrase ("At Heathrow, BAA said").
            if seen_and and (head[:1].isupper() or head in ("and", "or")) and prev[:1].isupper():
                first = k
                k -= 1
                continue
            break
        if w in ("”", '"') and first < n:
            # A quoted modifier inside the phrase: the so-called "rotten apples" theory.
            j = k - 1
            while j >= 0 and k - j <= 5 and words[j][2][0].isalnum():
                j -= 1
            if j >= 0 and j < k - 1 and words[j][2] in ("“", '"'):
                first = j
                k = j - 1
                continue
            break
        if not w[0].isalnum():
            break
        if low in ("and", "or") and w.islower():
            left = words[k - 2][2] if prev == "," and k > 1 else prev  # the serial comma
            # "and the UK" starts a new clause; "and The Sunday Telegraph" continues a name.
            if head[:1].isupper() and (head.lower() not in _DETERMINERS or head == "The"):
                if left[:1].isupper():
                    seen_and = True
                    first = k
                    k -= 1
                    continue
                if and_restart is None and _plural_noun(left):
                    and_restart, seen_and = first, True
                    first = k
                    k -= 1
                    continue
            break
        if low in ("that", "who", "which") and w.islower():
            if first == n:
                # "the weblog which said", "Mr Sullivan, who has admitted": the relative
                # pronoun stands for the noun before it.
                k -= 2 if prev == "," else 1
                last = k
                continue
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
        if (
            low == "than"
            and prev.lower() in ("more", "less", "fewer")
            and (head[:1].isdigit() or head.lower() in _QUANTITY_WORDS or "-" in head)
        ):
            first = k - 1  # "More than two-thirds of those questioned"
            k -= 2
            continue
        if low in _NP_PREPS and w.islower():
            # "a spokesman for X"; "the Economic Commission for Europe" (inside a name)
            if first < n and (
                _can_head_speaker(prev) or (prev[:1].isupper() and head[:1].isupper())
            ):
                prep_after_and = and_restart is not None
                first = k
                k -= 1
                continue
            break
        # Capitalised inside a name it is a name: "Theresa May", "Edward Said", "She Hate Me".
        in_name = w[0].isupper() and (
            prev[:1].isupper() or (low in _STOP_BACK and not _starts_clause(sentence, words[k][0]))
        )
        if (low in _STOP_BACK or low in _LEMMAS) and not in_name:
            break
        if low == "of" and and_restart is not None:
            prep_after_and = True
        first = k
        k -= 1
        if low in _DETERMINERS:
            p2 = words[k][2].lower() if k >= 0 else ""
            # "The message in the body of ...": a preposition after a head noun goes on.
            head_prep = p2 in _NP_PREPS and k > 0 and _can_head_speaker(words[k - 1][2])
            if p2 not in ("of", "and") and p2 not in _DETERMINERS and not head_prep:
                break
        if low in _PRONOUNS and not in_name:
            break
        if w in _HONORIFICS and prev[:1].islower():
            break  # "to paint Mr Sullivan": an honorific starts the name, words before it are verbs
    if and_restart is not None and not prep_after_and:
        first = and_restart
    while first <= last and words[first][2] in (",", "and", "or"):
        first += 1
    if first > last:
        return None
    return words[first][0], words[last][1]


def _phrase_after(
    sentence: str, start: int, end: int, stop_re: regex.Pattern[str]
) -> tuple[int, int] | None:
    pos = start
    stop = end
    while True:
        m = stop_re.search(sentence, pos, end)
        if m is None:
            break
        c = sentence[m.start()]
        if c == "." and _is_abbrev_dot(sentence, m.start()):
            pos = m.start() + 1  # "U.S. defense officials", "Gen. Smith"
            continue
        if c == "(":
            am = _PAREN_ACRONYM_RE.match(sentence, m.start(), end)
            if am:
                pos = am.end()
                continue
        stop = m.start()
        break
    seg = sentence[start:stop]
    s = start + (len(seg) - len(seg.lstrip()))
    e = start + len(seg.rstrip())
    return (s, e) if e > s else None


def _np_after(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    return _phrase_after(sentence, start, end, _AFTER_STOP_RE)


_INV_STOP_RE = regex.compile(
    r"[,.;:!?“”\"()\[\]—–]|\s(?:who|which|whose|though|although|but|as|because|while|when|"
    r"where|adding|saying|in|on|at|to|from|during|after|before|last|this|today|yesterday)\s"
)
# Verbs that invert after a comma: "..., said Mr Trainor." / "..., warns analyst Bill Smith."
_INVERTING = frozenset(
    _wordlist(
        """say add warn write explain argue note insist stress reply respond counter concede
        remark comment conclude read admit suggest predict"""
    )
)


def _inverted_speaker(sentence: str, pos: int) -> tuple[int, int] | None:
    """A speaker named right after the verb ("said Mr Cox,"), not a clause ("said Labour would")."""
    span = _phrase_after(sentence, pos, len(sentence), _INV_STOP_RE)
    if span is None:
        return None
    toks = sentence[span[0] : span[1]].split()
    if len(toks) > 10:
        return None
    lows = [t.lower() for t in toks]
    for i, low in enumerate(lows):
        if low in _SUBJECT_VERBS or low in _LEMMAS or low in _MODALS or low in ("that", "it"):
            return None
        # "said China increased exports": a verb right after a name.
        if i and low.endswith("ed") and toks[i].islower() and toks[i - 1][0].isupper():
            return None
    if lows[0] in _PRONOUNS:
        return span if len(toks) == 1 and lows[0] != "it" else None
    last = toks[-1]
    if last[0].isupper() or last[0].isdigit():
        return span
    det_or_name = lows[0] in _DETERMINERS or lows[0] in ("one", "another") or toks[0][0].isupper()
    if det_or_name and (
        _can_head_speaker(last) or _DOC_NOUNS.fullmatch(last) or _plural_noun(last)
    ):
        return span  # "said the company", "said one analyst"
    return None


_REL_CLAUSE_RE = regex.compile(r",\s+(?:who|which|whose)\b")


def _speaker_appositive(
    sentence: str, bound: int, comma: int
) -> tuple[tuple[int, int] | None, str | None]:
    """The speaker of "X, the Z, said" or "X, who ..., said"; `comma` is the one before the verb."""
    inner = sentence[bound:comma]
    rel = _REL_CLAUSE_RE.search(inner)
    if rel:
        # A relative clause may hold commas of its own: "Dr X, who was a GP in Y, in Z, said".
        return _speaker_appositive(sentence, bound, bound + rel.start())
    c = inner.rfind(",")
    if c < 0:
        return _np_before(sentence, bound, comma), None
    role_text = inner[c + 1 :].strip()
    if _COMMA_ADVERBS_RE.fullmatch(role_text):
        return _speaker_appositive(sentence, bound, bound + c)  # "The Halifax, meanwhile, said"
    span = _np_before(sentence, bound, bound + c)
    if span is None:
        return _np_before(sentence, bound, comma), None
    before_text = sentence[span[0] : span[1]]
    role_words = role_text.split()
    name_like = 0 < len(role_words) <= 4 and all(
        w[0].isupper() and not _DIGIT_RE.search(w) for w in role_words
    )
    if (not ROLE_NOUN_RE.search(role_text) and ROLE_NOUN_RE.search(before_text)) or (
        name_like and any(w[0].islower() for w in before_text.split())
    ):
        # "Estonia's defense minister, Hanno Pevkur, said": the name comes second.
        rs = bound + c + 1
        rs += len(inner[c + 1 :]) - len(inner[c + 1 :].lstrip())
        return (rs, rs + len(role_text)), before_text
    return span, role_text


def _clause_subject(sentence: str, bound: int, end: int) -> tuple[tuple[int, int], bool] | None:
    """The subject of the clause starting at `bound`, and whether its verb is passive.

    For a reporting verb that shares it: "F-Secure issued a warning but said ...".
    """
    words = _words(sentence[bound:end], bound)
    for i in range(1, len(words)):
        w = words[i][2]
        if not w[0].islower():
            continue
        low = w.lower()
        nxt = words[i + 1][2].lower() if i + 1 < len(words) else ""
        if not (
            low in _SUBJECT_VERBS
            or low in _LEMMAS
            or (len(low) > 4 and low.endswith("ed"))
            or (
                _plural_noun(low)
                and nxt in _OBJECT_START
                and words[i - 1][2].lower() not in _DETERMINERS
            )
        ):
            continue
        j = i
        while j > 1 and _is_ly_adverb(words[j - 1][2]):
            j -= 1  # "The inquiry famously settled"
        span = _np_before(sentence, bound, words[j - 1][1])
        if span is None:
            return None
        passive = low in _PASSIVE_AUX and (
            nxt.endswith(("ed", "en")) or nxt in ("told", "made", "sent", "held", "left", "kept")
        )
        return span, passive
    return None


_ROLE_AFTER_RE = regex.compile(
    r",\s+([^,;:.()“”\"]{2,90}?)\s*(?=[,;:.]|\Z|\s+and\s+(?:a|an|the)\b)"
)
_ROLE_MARK_RE = regex.compile(r"\b(?:the|a|an|[\p{Lu}][\p{L}\p{M}]*['’]s)\b")
_SPACE_LOWER_RE = regex.compile(r" \p{Ll}")
_ALNUM_RE = regex.compile(r"[\p{L}\d]")


def _role_after(sentence: str, pos: int) -> str | None:
    """ ", Estonia's defence minister." right after a speaker."""
    m = _ROLE_AFTER_RE.match(sentence, pos)
    if m and _ROLE_MARK_RE.search(m.group(1)):
        words = m.group(1).lower().split()
        # ", though work still needed ...", ", the Mac mini is ...": a clause, not a role.
        if words[0] in _CLAUSE_LINKS or any(
            w in _SUBJECT_VERBS or w in _MODALS or w in _LEMMAS for w in words
        ):
            return None
        return m.group(1)
    return None


def _outlet(name: str) -> str:
    # "BBC Radio 4's Today programme" went out on BBC Radio 4: the owner is the outlet.
    m = _POSSESSIVE_RE.search(name)
    return name[: m.start()] if m else name


def _medium_after_tell(sentence: str, pos: int) -> str | None:
    span = _np_after(sentence, pos, min(len(sentence), pos + 120))
    if span is None:
        return None
    obj = sentence[span[0] : span[1]]
    lead_words = obj.split(None, 1)[:1]
    if lead_words and lead_words[0].lower() in ("him", "her", "them", "us", "me", "it", "you"):
        return None  # "told them the European Union ...": the rest is what was said
    for m in _CAP_SPAN_RE.finditer(obj):
        name = m.group()
        if name.split()[0] in _CALENDAR:
            continue
        lead = obj[: m.start()]
        if name.lower() in _AUDIENCES:
            return None
        if lead in ("a ", "an ") and _SPACE_LOWER_RE.match(obj, m.end()):
            return None  # "told a Parliamentary lunch": an adjective on an audience
        name = _outlet(name)
        if lead.endswith("the "):
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


# Objects that make "added"/"claimed" a plain verb: "added four conversions", "claimed victory".
_ADD_OBJECTS = frozenset(
    _wordlist("""a an another his her their its two three four five more to weight value""")
)
_CLAIM_OBJECTS = frozenset(
    _wordlist(
        """a an another his her their its credit victory top first second third gold silver
        bronze"""
    )
)
_CLAUSE_OPENERS = frozenset(_wordlist("""that he she it they we i there this"""))


def _at_cue(
    sentence: str,
    m: regex.Match[str],
    spans: list[tuple[int, int]],
    medium: str | None,
    quote: tuple[int, int] | None,
) -> Attribution | None:
    """The attribution built around one reporting cue, or None when the cue is no cue."""
    vs, ve = m.span()
    if m.group("acc") is not None:
        span = _np_after(sentence, ve, len(sentence))
        if span is None:
            return None
        return _build(sentence, span, _role_after(sentence, span[1]), "according_to", medium, quote)
    word = m.group()
    if vs > 0 and sentence[vs - 1] in "-‐‑":
        return None  # "over-emphasises", "much-reported"
    if vs > 0 and sentence[vs - 1] in _QUOTE_CHARS and sentence[ve : ve + 1] in _QUOTE_CHARS:
        return None  # the 'alleged' terrorists: a word in scare quotes
    if word[0].isupper() and vs > 0:
        return None  # "Said" mid-sentence is a name ("Edward Said")
    low = word.lower()
    lemma = _LEMMAS[low]
    before = sentence[max(0, vs - 80) : vs]
    toks = [t for t in (x.strip(_QUOTE_CHARS) for x in before.split()) if t]
    comma_before = before.rstrip().endswith(",")
    tail = sentence[ve : ve + 40]
    nxt = [w.lower().strip(_QUOTE_CHARS + ",.:;") for w in tail.split()[:2]]
    n1 = nxt[0] if nxt else ""
    if not comma_before and toks:
        j = len(toks) - 1
        while j > 0 and (_is_ly_adverb(toks[j]) or toks[j] == "so-called"):
            j -= 1  # "the widely reported", "is also said to"
        p = toks[j].lower()
        if j == len(toks) - 1 or _is_ly_adverb(toks[j + 1]):
            if p in _ADJ_DETERMINERS or p in _POSSESSIVES:
                return None  # "the said agreement", "its stated aim"
            if p.endswith(("'s", "’s")) and p[:-2] not in _PRONOUN_S:
                return None  # "the alliance's suggested 2%"
            if (
                p[:1].isdigit()
                and low.endswith("ed")
                and (j == 0 or toks[j - 1].islower())
                and n1[:1].islower()
            ):
                return None  # "of the 140,000 confirmed deaths"
        if p in _PASSIVE_AUX or p in _NEGATIONS:
            return None  # "is said to", "they were told", "has not said"
        if p == "that" and tail.startswith(","):
            return None  # "That said, ..."
        if low == "told" and p == "all":
            return None
        if low in _BASE_FORMS and p in _MODALS:
            return None
    if (lemma == "accuse" and n1 == "of") or (lemma == "tell" and n1 in ("to", "of")):
        return None  # "accused of looting", "told to leave": passive participles
    if lemma == "add" and (n1 in _ADD_OBJECTS or _DIGIT_RE.match(n1)):
        return None
    if lemma == "claim" and (n1 in _CLAIM_OBJECTS or _DIGIT_RE.match(n1)):
        return None
    if low in ("claim", "claims") and not (
        n1 in _CLAUSE_OPENERS
        and toks
        and (
            toks[-1][:1].isupper()
            or _plural_noun(toks[-1])
            or (len(toks) > 1 and toks[-2].lower() in _DETERMINERS)  # "The firm claims that"
        )
    ):
        return None  # the noun: "insurance claims rose", "to scotch claims that"
    if lemma in ("respond", "reply") and ("by" in nxt or "with" in nxt):
        return None  # "responded quickly by slotting over a penalty"
    if low in ("adding", "conceded", "concedes") and not (
        n1 in _CLAUSE_OPENERS or n1 == "the" or tail[:1] in ':,“"' or not n1
    ):
        return None  # "adding pay-TV channels later", "have conceded only one goal"
    gerund = low.endswith("ing")
    if gerund and not comma_before and not (toks and toks[-1][:1].isupper()):
        return None  # "a letter from Lee Scott saying ..." names its speaker; "by saying" not
    # Where does the clause holding the speaker begin? After a quotation that ends with its
    # own punctuation ("“...,” X said"), not after a scare-quoted phrase inside the clause.
    bound = 0
    for _qs, qe in spans:
        if qe <= vs and (sentence[qe : qe + 2].find(",") >= 0 or sentence[qe - 1] in ".!?…"):
            bound = max(bound, qe + 1)  # after the closing quote mark
    prefix = sentence[:vs]
    semi = max(prefix.rfind(";"), prefix.rfind(":"))
    if semi >= bound:
        bound = semi + 1
    head = sentence[bound:vs]
    tm = _TIME_TAIL_RE.search(head)
    if tm:
        head = head[: tm.start()]
    words = head.split()
    while words and (
        words[-1].lower() in _AUX_BEFORE
        or (
            # "She categorically denied"; but "The family said" keeps its noun.
            len(words) > 1 and _is_ly_adverb(words[-1]) and words[-2].lower() not in _DETERMINERS
        )
    ):
        words.pop()
    if words and words[-1].lower() in _NEGATIONS:
        return None
    if (gerund and comma_before) or (words and words[-1] in ("and", "but") and lemma != "read"):
        # "It made a loss and said ...", "..., saying ...": the clause's subject speaks.
        sub = _clause_subject(sentence, bound, vs)
        if sub is None or sub[1]:
            return None
        if lemma == "tell":
            medium = _medium_after_tell(sentence, ve) or medium
        return _build(sentence, sub[0], None, lemma, medium, quote)
    cut = bound + len(head)
    if words:
        cut = head.rfind(words[-1]) + len(words[-1]) + bound
    stripped = sentence[bound:cut].strip(" \t,")
    role = None
    span: tuple[int, int] | None = None
    has_head = bool(stripped and _ALNUM_RE.search(stripped))
    if has_head:
        text = sentence[bound:cut]
        if text.rstrip().endswith(","):
            if lemma in _INVERTING:
                inv = _inverted_speaker(sentence, ve)
                if inv is not None:  # "..., said Mr Trainor, though ..."
                    return _build(
                        sentence, inv, _role_after(sentence, inv[1]), lemma, medium, quote
                    )
            span, role = _speaker_appositive(sentence, bound, bound + len(text.rstrip()) - 1)
        else:
            span = _np_before(sentence, bound, cut)
    if lemma == "read" and not (span and _DOC_NOUNS.search(sentence[span[0] : span[1]])):
        if span is None:
            after = _np_after(sentence, ve, len(sentence))
            if after and _DOC_NOUNS.search(sentence[after[0] : after[1]]):
                return _build(sentence, after, None, "read", medium, quote)
        return None
    if span is None:
        if has_head:
            return None
        # "“...,” said X." / "Said X: ..." - the speaker follows the verb.
        if bound > 0:
            after = _np_after(sentence, ve, len(sentence))
        else:
            after = _inverted_speaker(sentence, ve)
        if after is None:
            return None
        role = _role_after(sentence, after[1])
        span = after
    if lemma == "tell":
        medium = _medium_after_tell(sentence, ve) or medium
    return _build(sentence, span, role, lemma, medium, quote)


def _medium(sentence: str, spans: list[tuple[int, int]]) -> str | None:
    """An outlet named anywhere outside quotes: "in an interview with X", "speaking to X"."""
    for m in _MEDIUM_RE.finditer(sentence):
        name = m.group("name")
        if name.endswith(".") and not _is_abbrev_dot(sentence, m.end() - 1):
            name = name[:-1]
        if not _inside(m.start(), spans) and name.split()[0] not in _CALENDAR:
            return (m.group("the") or "") + _outlet(name)
    return None


def find_attribution(sentence: str) -> Attribution | None:
    """The attribution of one sentence, or None when it reports nobody's words."""
    spans = _quotes(sentence)
    real = [sp for sp in spans if _is_real_quote(sentence[sp[0] : sp[1]])]
    quote = max(real, key=lambda sp: sp[1] - sp[0]) if real else None

    cues = [m for m in _CUE_RE.finditer(sentence) if not _inside(m.start(), spans)]
    # The cheap substring tests keep the rarer patterns off most sentences (speed).
    put = _AS_PUT_RE.search(sentence) if "put" in sentence else None
    quoted = _QUOTED_AS_RE.search(sentence) if "quoted" in sentence else None
    if not cues and quote is None and put is None and quoted is None:
        return None
    medium = _medium(sentence, spans)

    if put and not _inside(put.start(), spans):
        return _build(sentence, put.span(1), None, "put", medium, quote)
    m = _PASSIVE_BY_RE.search(sentence) if "by" in sentence else None
    if m and not _inside(m.start(), spans):
        span = _np_after(sentence, m.end(), len(sentence))
        return _build(sentence, span, None, _LEMMAS[m.group("verb")], medium, quote)
    if quoted and not _inside(quoted.start(), spans):
        outlet = _np_before(sentence, 0, quoted.start())
        if outlet is not None:
            medium = sentence[outlet[0] : outlet[1]]
        return _build(sentence, quoted.span("sp"), None, "say", medium, quote)

    if len(cues) > 1 and _FINAL_TAIL_RE.match(sentence, cues[-1].end()):
        # A closing ", the agency said." reports the whole sentence, earlier cues included.
        found = _at_cue(sentence, cues[-1], spans, medium, quote)
        if found is not None and found.speaker:
            return found
    for m in cues:
        found = _at_cue(sentence, m, spans, medium, quote)
        if found is not None:
            return found

    if quote is not None:
        return _build(sentence, None, None, "quote", medium, quote)
    return None
