"""Who is in a sentence: countries, groups of countries, places, organisations, laws, people.

There is no trained NER model, so this is a rule-and-gazetteer stage built for speed:

1. A single regex finds *capitalised chunks*: runs of capitalised words that may contain
   name-internal connectors ("of", "and", "the", "de", "van", "bin"...).
2. Inside each chunk, in this order: a known name covering the whole chunk; a *title* rule
   ("Deputy Defense Minister Pawel Bejda", "Gen. Smith"); an *organisation/law cue* rule
   ("Ministry of Defense", "Ottawa Convention", "New York Times"); then longest-match lookup in
   the gazetteer (factcheck/pipeline/data/places.json). Tokens left over become people when the
   context says so (a reporting verb, an appositive role, a role noun before them), acronyms
   become organisations, and anything else is kept as kind "unknown".

Kinds: "country", "group" (of countries: "Baltic states", "NATO members", "G7"), "place"
(city, region, sea, US state), "organisation" (NATO, the EU, ministries, media...), "law"
(treaties, conventions, acts), "person", "unknown" (a proper name we could not type).
Demonyms map to their country ("Polish" -> kind "country", name "Poland", via_demonym=True).

Accepted ambiguities (documented, tested): "Georgia" is the country, not the US state;
"Jordan"/"Chad" are countries unless directly followed by a surname ("Jordan Peterson");
"Washington" is a place (country United States), never resolved as a government metonym;
"Congo" is the DR Congo (AP style); "Korea"/"Korean" stay an unresolved place.

Later mentions by surname: pass `known_people` (surname -> full name), built with
`people_index()` from the actors of earlier sentences, or use `find_actors_in_sentences()`
which threads it through an article for you.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import regex


def _words(text: str) -> list[str]:
    """Word lists are kept as wrapped text: easier to read and edit than one word a line."""
    return text.split()


DATA_FILE = Path(__file__).parent / "data" / "places.json"


@dataclass(frozen=True, slots=True)
class Actor:
    text: str  # == sentence[start:end]
    start: int
    end: int
    kind: str
    name: str  # canonical: "Poland" for "Polish", "United States" for "U.S."
    members: tuple[str, ...] = ()  # member countries of a group or of NATO/the EU
    role: str | None = None  # "Lithuania's minister of national defense"
    country: str | None = None  # the country the actor belongs to, when known
    via_demonym: bool = False  # "Polish" rather than "Poland"
    title: str | None = None  # honorific or rank: "General", "Dr", "Mr"


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    name: str
    country: str | None = None
    members: tuple[str, ...] = ()
    via_demonym: bool = False
    group_suffix: str | None = None  # group name when followed by "states", "members"...


# Lowercase nouns that turn a group adjective or an organisation into a group of countries:
# "Baltic states", "NATO members", "EU member states".
_GROUP_SUFFIX_RE = regex.compile(
    r"\s+(?:member\s+)?(?:states|countries|nations|members|allies|republics|governments)\b"
)
_GROUP_CANONICAL = {"NATO": "NATO members", "EU": "EU members", "GCC": "GCC members"}


@cache
def _gazetteer() -> tuple[dict[str, _Entry], dict[str, tuple[str, ...]], int]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    gaz: dict[str, _Entry] = {}
    groups: dict[str, tuple[str, ...]] = {}

    def add(key: str, entry: _Entry) -> None:
        gaz.setdefault(key, entry)

    for g in data["groups"]:
        members = tuple(g["members"])
        name = _GROUP_CANONICAL.get(g["name"], g["name"])
        for alias in [name, g["name"], *g["aliases"]]:
            groups[alias.casefold()] = members
        if g["name"] in _GROUP_CANONICAL:
            for noun in ("members", "member states", "countries", "nations", "allies", "states"):
                groups[f"{g['name']} {noun}".casefold()] = members
            continue  # NATO/EU themselves are added as organisations below
        for alias in [g["name"], *g["aliases"]]:
            demonym = " " not in alias and alias[0].isupper() and alias.endswith(("ic", "an"))
            entry = _Entry("group", g["name"], None, members, demonym, g["name"])
            add(alias, entry)
            # Title-case headlines write "Baltic States".
            add(" ".join(w[:1].upper() + w[1:] for w in alias.split()), entry)
    for c in data["countries"]:
        entry = _Entry("country", c["name"], c["name"])
        add(c["name"], entry)
        for alias in c["aliases"]:
            add(alias, entry)
        for adj in c["adjectives"] + c["people"]:
            add(adj, _Entry("country", c["name"], c["name"], via_demonym=True))
    for p in data["places"]:
        entry = _Entry("place", p["name"], p["country"])
        for alias in [p["name"], *p["aliases"]]:
            add(alias, entry)
        for adj in p["adjectives"]:
            add(adj, _Entry("place", p["name"], p["country"], via_demonym=True))
    for o in data["organisations"]:
        group = o["members_of"]
        members = groups.get(group.casefold(), ()) if group else ()
        suffix = _GROUP_CANONICAL.get(group) if group else None
        entry = _Entry(o["kind"], o["name"], o["country"], members, False, suffix)
        for alias in [o["name"], *o["aliases"]]:
            add(alias, entry)
    max_len = max(len(k.split()) for k in gaz)
    return gaz, groups, max_len


def expand_group(name: str) -> tuple[str, ...]:
    """Member countries of a grouping ("Baltic states", "NATO", "EU member states"); () if unknown.

    Only well-defined groupings are known; vague phrases ("the four nations") return ().
    """
    _, groups, _ = _gazetteer()
    key = name.strip()
    if key.casefold().startswith("the "):
        key = key[4:]
    return groups.get(key.casefold(), ())


# --- tokens and chunks -----------------------------------------------------------------------

_ABBREV = (
    r"(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Adm|Cmdr|Sgt|Sen|Rep|Gov|Prof|Rev|St|Mt|Ft|Jr|Sr"
    r"|Brig|Corp|Inc|Ltd|Co|Dept|No)\."
)
# A capitalised word: acronyms with dots (U.S.), known abbreviations with their dot, words with
# inner hyphens/apostrophes (O'Brien, Guinea-Bissau) but not a possessive "'s", Arabic "al-X",
# French "d'Ivoire", and single-letter-plus-digits tokens like G7.
_CAP = (
    r"(?:(?:\p{Lu}\.){2,}|" + _ABBREV + r"|(?:al|el|d['’])-?\p{Lu}[\p{L}\p{M}]*"
    r"|\p{Lu}[\p{L}\p{M}\d]*(?:[-'’](?![sS]\b)[\p{L}\d][\p{L}\p{M}\d]*)*)"
)
_CONN = r"(?:of|the|and|for|on|de|da|do|dos|das|del|della|di|du|van|von|der|den|la|le|bin|ibn|&)"
_CHUNK_RE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\d])(?:{_CAP})(?:[ \t\u00a0]+(?:{_CONN}[ \t\u00a0]+)*(?:{_CAP}))*"
    rf"(?![\p{{L}}\d])"
)
_TOKEN_RE = regex.compile(rf"{_CAP}|{_CONN}(?=[ \t\u00a0])")
_PARTICLES = frozenset(
    _words("""de da do dos das del della di du van von der den la le bin ibn al el""")
)
_CONNECTORS = frozenset(_CONN[3:-1].split("|"))

_STOP = frozenset(
    _words(
        """The A An This That These Those It Its He She They We I You His Her Their Our My Your
        There Here In On At By For From With Without Of To As After Before Since Until While
        When Where Why How What Which Who Whom Whose If But And Or Nor So Yet However Meanwhile
        Moreover Furthermore Also Despite Although Though Because Under Over During Amid Among
        Against Between Through Into Upon According Last Next Every Each Some Many Most All Both
        Several Few No Not Now Then Today Yesterday Tomorrow Tonight Still Even Just Only Such
        Other Another One Two Three Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands
        Millions First Second Third Once Please Yes Thus Instead Indeed Perhaps Unlike Like
        Following Earlier Later Recently Currently Overall Nevertheless Nonetheless Otherwise
        Therefore Hence Let Given Including Except Notably Additionally Finally Similarly
        Likewise Ultimately Neither Either Whether Whatever Whoever Having Being Asked Speaking
        Writing Photo Image Source Read Watch Listen Updated Published"""
    )
)
_NUMBERS = frozenset(
    ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
)
_CALENDAR = frozenset(
    _words(
        """January February March April May June July August September October November December
        Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday
        Friday Saturday Sunday Christmas Easter"""
    )
)
_ROMAN = regex.compile(r"^[IVXLC]+$")

# Honorifics and ranks: kept as `title`, not `role`.
_HONORIFICS = frozenset(
    _words(
        """Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Baroness Rev
        Rev. Reverend General Gen. Lieutenant Lt. Colonel Col. Major Maj. Captain Capt. Admiral
        Adm. Commander Cmdr. Sergeant Sgt. Marshal Brigadier Brig."""
    )
)
# Office titles: the title phrase becomes the person's role ("Russian President").
_OFFICES = frozenset(
    _words(
        """President President-elect Minister Secretary Chancellor Premier Senator Sen.
        Representative Rep. Congressman Congresswoman Governor Gov. Mayor King Queen Prince
        Princess Pope Emperor Sheikh Ayatollah Patriarch Archbishop Bishop Cardinal Rabbi Imam
        Judge Justice Chief Director Chairman Chairwoman Chair Spokesman Spokeswoman
        Spokesperson Speaker Leader Ambassador Commissioner Envoy Attorney Councillor Councilman
        Councilwoman Chief Executive CEO Commander-in-Chief Deputy Vice-President"""
    )
)
_TITLE_HEADS = _HONORIFICS | _OFFICES - {"Deputy"}

_ORG_CUES = frozenset(
    _words(
        """Ministry Ministries Department Dept. Agency Service Services Committee Council
        Commission Office Bureau Authority Administration Institute Institution University
        College School Academy Foundation Fund Trust Association Federation Union League
        Organisation Organization Society Party Army Navy Force Forces Guard Guards Police Court
        Parliament Assembly Senate Congress Cabinet Government Bank Group Company Corporation
        Corp Corp. Inc Inc. Ltd Ltd. LLC PLC Co. Holdings Industries Airlines Airways Motors
        Systems Technologies Labs Pharmaceuticals Centre Center Alliance Coalition Movement
        Network Secretariat Directorate Command Brigade Regiment Battalion Division Corps Fleet
        Museum Hospital Church Club FC Board Tribunal Chamber Embassy Consulate Mission Times
        News Post Journal Herald Tribune Gazette Telegraph Observer Mail Express Mirror Radio TV
        Television Broadcasting Channel Press Magazine Daily Weekly Review Monitor Insider
        Reuters"""
    )
)
_LAW_CUES = frozenset(
    _words(
        """Treaty Treaties Convention Conventions Act Agreement Agreements Accord Accords Protocol
        Charter Pact Directive Constitution Declaration Amendment Resolution Statute"""
    )
)

# Country/place names that are also first names: "Jordan Peterson", "Chad Smith".
_NAME_LIKE_PLACES = frozenset(
    _words(
        """Chad Jordan Georgia India Israel Kenya Paris Sydney Victoria Florence Austin Madison
        Chelsea Carolina Lincoln Houston Dallas Denver Camden"""
    )
)

_ROLE_NOUNS = (
    r"minister|president|secretary|chancellor|premier|spokesman|spokeswoman|spokesperson|"
    r"chief|head|director|chairman|chairwoman|chair|leader|commander|general|ambassador|envoy|"
    r"official|officer|adviser|advisor|analyst|expert|professor|researcher|economist|governor|"
    r"mayor|senator|lawmaker|MP|deputy|king|queen|prince|CEO|executive|founder|editor|"
    r"correspondent|reporter|journalist|lawyer|attorney|judge|prosecutor|representative|"
    r"negotiator|diplomat|candidate|activist|author|scientist|manager|captain|chief of staff|"
    r"speaker|member|fellow|historian|strategist|consultant|owner|partner|colonel|lieutenant|"
    r"admiral|spokesperson|secretary-general|secretary general|head of state|prime minister|"
    r"coach|boss|singer|actor|actress|star|striker|player|goalkeeper|midfielder|defender|"
    r"runner|athlete|champion|producer|writer|novelist|artist|musician|presenter|host|"
    r"comedian|entrepreneur|investor|banker|doctor|surgeon|soldier|pilot|chef|sergeant"
)
_ROLE_LAST_WORDS = frozenset(
    w.rsplit(None, 1)[-1].split("-")[-1].lower() for w in _ROLE_NOUNS.split("|")
)
ROLE_NOUN_RE = regex.compile(rf"\b(?:{_ROLE_NOUNS})s?\b")
# ", the defense chief of Finland," / ", Lithuania's minister of national defense, told"
_APPOSITIVE_AFTER_RE = regex.compile(
    r"\A,\s+((?:the|a|an|former|then|acting|[\p{Lu}][\p{L}\p{M}.-]*(?:['’]s)?)\s[^,;:.()“”\"]{1,90}?)"
    r"(?=\s+and\s+(?:a|an|the)\b|\s+who\b|\s+which\b|,|;|:|\.(?:\s|\Z)|\Z)"
)
# "Estonia's defense minister, " right before a name.
_APPOSITIVE_BEFORE_RE = regex.compile(
    rf"(?:\A|[,;:(“\"]\s*|\b(?:and|but|that|while)\s+)((?:[^,;:()“”\"]{{0,70}}?)\b(?:{_ROLE_NOUNS})s?),\s*\Z"
)
# "defense minister Hanno Pevkur": a lowercase role phrase right before the name.
_ROLE_BEFORE_RE = regex.compile(
    rf"((?:(?:the|a|an|former|[\p{{Lu}}][\p{{L}}\p{{M}}]*['’]s|[\p{{Lu}}][\p{{L}}\p{{M}}]*|[a-z-]+)\s+){{0,4}}"
    rf"(?:{_ROLE_NOUNS}))\s+\Z"
)
_REPORTING_AFTER_RE = regex.compile(
    r"\A,?\s+(?:also\s+|has\s+|had\s+|later\s+|previously\s+)?(?:said|says|told|tells|added|adds|"
    r"wrote|writes|noted|argued|argues|warned|warns|insisted|insists|explained|stated|claimed|"
    r"announced|asked|replied|responded|tweeted|posted|stressed|emphasi[sz]ed|clarified|"
    r"confirmed|denied|denies|admitted|acknowledged|urged|vowed|predicted)\b"
)
_REPORTING_BEFORE_RE = regex.compile(r"\b(?:said|says|according\s+to|added|wrote)\s+\Z")
_INITIAL_RE = regex.compile(r"[\s\"“‘'(\[—–-]*")
_POSSESSIVE_BEFORE_RE = regex.compile(r"(\p{Lu}[\p{L}\p{M}.]*)['’]s\s+\Z")


# Words that Title Case headlines leave in lowercase.
_HEADLINE_SMALL = frozenset(
    _words(
        """a an the and or but nor for of on in at to by from with into onto over amid as vs vs.
        via per up out off than upon after before about against"""
    )
)


def _is_headline(sentence: str) -> bool:
    """Title Case Headlines capitalise every word, so capitalisation says nothing there."""
    words = sentence.split()
    if len(words) < 4:
        return False
    caps = 0
    for w in words:
        if w[:1].isupper():
            caps += 1
        elif w[:1].islower() and w not in _HEADLINE_SMALL:
            return False  # most sentences leave here within a few words
    return caps >= 4 and caps / len(words) > 0.6


class _Tok:
    __slots__ = ("end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end


def _lookup(
    gaz: dict[str, _Entry], toks: list[_Tok], i: int, j: int, max_len: int
) -> tuple[_Entry, int] | None:
    """Longest gazetteer match starting at token i (ending before j): (entry, end index)."""
    best = None
    key = ""
    for k in range(i, min(j, i + max_len)):
        key = toks[k].text if k == i else f"{key} {toks[k].text}"
        entry = gaz.get(key)
        if entry is None and k == i and len(key) > 3 and key.isupper():
            entry = gaz.get(key.title())  # "WASHINGTON —" datelines
        if entry is not None and toks[k].text not in _CONNECTORS:
            best = (entry, k + 1)
    return best


class _Finder:
    """State for one sentence; methods fill self.out."""

    def __init__(self, sentence: str, known_people: Mapping[str, str] | None) -> None:
        self.s = sentence
        self.known = known_people or {}
        self.gaz, _, self.max_len = _gazetteer()
        self.out: list[Actor] = []
        self.first = _INITIAL_RE.match(sentence).end()

    def is_initial(self, pos: int) -> bool:
        if pos <= self.first:
            return True
        k = pos - 1
        while k >= 0 and self.s[k] in " \t\u00a0":
            k -= 1
        return k >= 0 and self.s[k] in '“"‘(:'

    def emit(self, toks: list[_Tok], i: int, j: int, kind: str, name: str, **kw: object) -> None:
        start, end = toks[i].start, toks[j - 1].end
        self.out.append(Actor(self.s[start:end], start, end, kind, name, **kw))  # type: ignore[arg-type]

    # -- the per-range rules --

    def process(self, toks: list[_Tok], i: int, j: int, headline: bool) -> None:
        while i < j and toks[i].text in _CONNECTORS:
            i += 1
        while j > i and toks[j - 1].text in _CONNECTORS:
            j -= 1
        if i >= j:
            return
        hit = _lookup(self.gaz, toks, i, j, self.max_len)
        if hit is not None and hit[1] == j:
            self.emit_entry(toks, i, j, hit[0])
            return
        first = toks[i].text
        if first in _NUMBERS and not self.is_initial(toks[i].start):
            pass  # "the Six Nations", "Group of Seven": a number inside a name
        elif first in _STOP or first in _CALENDAR or first.endswith(("'", "’")):
            self.process(toks, i + 1, j, headline)
            return
        if headline:
            self.segment(toks, i, j, headline=True)
            return
        if self.title_rule(toks, i, j) or self.cue_rule(toks, i, j):
            return
        self.segment(toks, i, j, headline=False)

    def emit_entry(self, toks: list[_Tok], i: int, j: int, e: _Entry) -> None:
        start, end = toks[i].start, toks[j - 1].end
        kind, name, via = e.kind, e.name, e.via_demonym
        if e.group_suffix and j == len(toks):
            m = _GROUP_SUFFIX_RE.match(self.s, end)
            if m:  # "Baltic states", "NATO members"
                end, kind, name, via = m.end(), "group", e.group_suffix, False
        self.out.append(
            Actor(self.s[start:end], start, end, kind, name, e.members, None, e.country, via)
        )

    def title_rule(self, toks: list[_Tok], i: int, j: int) -> bool:
        """[role words] TITLE Name Name -> person (role or title from the title phrase)."""
        h = next((k for k in range(i, j - 1) if toks[k].text in _TITLE_HEADS), -1)
        if h < 0:
            return False
        while h + 2 < j and toks[h + 1].text in _TITLE_HEADS:
            h += 1  # "Secretary General", "Chief Executive"
        # "Prime Minister of Poland Donald Tusk": the role runs on through "of <place>".
        n = h + 1
        if n < j and toks[n].text == "of":
            hit = _lookup(self.gaz, toks, n + 1, j, self.max_len)
            if hit is None or hit[1] >= j:
                return False
            n = hit[1]
        e = n
        while e < j and self._name_token(toks[e].text, e > n):
            e += 1
        if e == n or (e < j and toks[e].text not in _CONNECTORS):
            return False
        title_text = self.s[toks[i].start : toks[n - 1].end]
        role: str | None = title_text
        title: str | None = None
        if toks[h].text in _HONORIFICS and h == i:
            role, title = None, toks[h].text
        self.emit_person(toks, n, e, role, title)
        if e < j:
            self.process(toks, e, j, False)
        return True

    def _name_token(self, text: str, inner: bool) -> bool:
        if inner and text in _PARTICLES:
            return True
        return not (
            text in _CONNECTORS
            or text in _STOP
            or text in _CALENDAR
            or text in _TITLE_HEADS
            or text in _ORG_CUES
            or text in _LAW_CUES
            or (text in self.gaz and self.gaz[text].kind != "person" and text not in self.known)
        )

    def cue_rule(self, toks: list[_Tok], i: int, j: int) -> bool:
        """An organisation or law word makes the span around it one name."""
        c = -1
        kind = ""
        for k in range(i, j):
            t = toks[k].text
            if t in _ORG_CUES:
                c, kind = k, "organisation"
                break
            if t in _LAW_CUES:
                c, kind = k, "law"
                break
        if c < 0:
            return False
        # The name starts after the last plain "and" before the cue ("Poland and X Ministry").
        s = i
        for k in range(i, c):
            if toks[k].text in ("and", "&") and k + 1 < c and toks[k + 1].text == "the":
                s = k + 2
        # ...and runs on through further cue words and "of/for/on ..." continuations.
        e = c + 1
        in_tail = False
        while e < j:
            t = toks[e].text
            if t in ("of", "for", "on", "the", "de"):
                in_tail = True
            elif (t in ("and", "&") and not in_tail) or (
                t == "and" and e + 1 < j and toks[e + 1].text == "the"
            ):
                break
            e += 1
        while e > c + 1 and toks[e - 1].text in _CONNECTORS:
            e -= 1
        if e - s < 2 and toks[s].text not in self.gaz:
            # A lone "Convention" or "Ministry" is no name.
            self.process(toks, s + 1, j, False) if s + 1 < j and s > i else None
            if s > i:
                self.segment(toks, i, s, headline=False)
            return True
        if s > i:
            self.process(toks, i, s, False)
        country = None
        for k in range(s, e):
            hit = _lookup(self.gaz, toks, k, e, self.max_len)
            if hit and hit[0].kind == "country":
                country = hit[0].name
                break
        if country is None and kind == "organisation":
            m = _POSSESSIVE_BEFORE_RE.search(self.s, 0, toks[s].start)
            if m and m.end() == toks[s].start:
                entry = self.gaz.get(m.group(1))
                if entry is not None and entry.kind == "country":
                    country = entry.name
        name = self.s[toks[s].start : toks[e - 1].end]
        known = self.gaz.get(name)
        if known is not None:
            name, country = known.name, known.country or country
        self.emit(toks, s, e, kind, " ".join(name.split()), country=country)
        if e < j:
            self.process(toks, e, j, False)
        return True

    def segment(self, toks: list[_Tok], i: int, j: int, headline: bool) -> None:
        """Gazetteer longest match; what is left over is typed from context."""
        run_start = -1
        k = i
        while k < j:
            t = toks[k].text
            hit = _lookup(self.gaz, toks, k, j, self.max_len)
            if (
                hit is not None
                and t in _NAME_LIKE_PLACES
                and hit[1] < j
                and hit[1] == k + 1
                and self._name_token(toks[k + 1].text, False)
                and not headline
            ):
                hit = None  # "Jordan Peterson"
            if hit is not None:
                if run_start >= 0:
                    self.leftover(toks, run_start, k, headline)
                    run_start = -1
                self.emit_entry(toks, k, hit[1], hit[0])
                k = hit[1]
                continue
            if (
                (t in _CONNECTORS and t not in _PARTICLES)
                or (t in _STOP and not (t in _NUMBERS and not self.is_initial(toks[k].start)))
                or t in _CALENDAR
            ):
                if run_start >= 0 and not (t in _CALENDAR and k > run_start):
                    self.leftover(toks, run_start, k, headline)
                    run_start = -1
                elif run_start >= 0:
                    pass  # "Theresa May": a month name inside a name is part of it
                k += 1
                continue
            if run_start < 0:
                run_start = k
            k += 1
        if run_start >= 0:
            self.leftover(toks, run_start, j, headline)

    def leftover(self, toks: list[_Tok], i: int, j: int, headline: bool) -> None:
        while j > i and toks[j - 1].text in _CONNECTORS:
            j -= 1
        if i >= j or headline:
            return
        start, end = toks[i].start, toks[j - 1].end
        text = self.s[start:end]
        words = [t.text for t in toks[i:j]]
        if all(w.isupper() and len(w) >= 2 and not _ROMAN.match(w) for w in words):
            self.emit(toks, i, j, "organisation", text)
            return
        full = self.known.get(text)
        if full is not None:
            self.emit_person(toks, i, j, None, None, name=full)
            return
        if j - i == 1 and self.is_initial(start):
            # Any sentence starts with a capital: a lone first word is only kept when a
            # reporting verb follows ("Bejda told ...").
            if _REPORTING_AFTER_RE.match(self.s[end : end + 40]) and self._name_token(
                toks[i].text, False
            ):
                self.emit_person(toks, i, j, None, None)
            return
        self.person_or_unknown(toks, i, j)

    def person_or_unknown(self, toks: list[_Tok], i: int, j: int) -> None:
        start, end = toks[i].start, toks[j - 1].end
        after = self.s[end : end + 160]
        before = self.s[max(0, start - 120) : start]
        role = None
        m = _APPOSITIVE_AFTER_RE.match(after)
        if m and ROLE_NOUN_RE.search(m.group(1)):
            role = m.group(1).strip()
        tail = before.rstrip()
        comma = tail.endswith(",")
        last = tail.rstrip(",").rsplit(None, 1)[-1:]
        # The backward regexes are costly: only try them when a role noun ends the text.
        if role is None and last and last[0].lower().rstrip("s") in _ROLE_LAST_WORDS:
            if comma:
                mb = _APPOSITIVE_BEFORE_RE.search(before)
                if mb:
                    role = mb.group(1).strip()
            else:
                mb = _ROLE_BEFORE_RE.search(before)
                if mb and (mb.group(1)[:1].islower() or " " in mb.group(1)):
                    role = mb.group(1).strip()
        name_like = j - i <= 4 and all(self._name_token(t.text, True) for t in toks[i:j])
        if name_like and (
            role is not None
            or _REPORTING_AFTER_RE.match(after)
            or _REPORTING_BEFORE_RE.search(before)
        ):
            self.emit_person(toks, i, j, role, None)
            return
        self.emit(toks, i, j, "unknown", " ".join(self.s[start:end].split()))

    def emit_person(
        self,
        toks: list[_Tok],
        i: int,
        j: int,
        role: str | None,
        title: str | None,
        name: str | None = None,
    ) -> None:
        start, end = toks[i].start, toks[j - 1].end
        text = self.s[start:end]
        if name is None:
            name = self.known.get(text, " ".join(text.split()))
        if role is None and title is not None:
            m = _APPOSITIVE_AFTER_RE.match(self.s[end : end + 160])
            if m and ROLE_NOUN_RE.search(m.group(1)):
                role = m.group(1).strip()
        country = _country_in(role) if role else None
        self.out.append(Actor(text, start, end, "person", name, (), role, country, False, title))


def _country_in(text: str) -> str | None:
    """The first country named in a role ("Lithuania's minister" -> Lithuania)."""
    gaz, _, max_len = _gazetteer()
    for m in _CHUNK_RE.finditer(text):
        toks = [_Tok(t.group(), t.start(), t.end()) for t in _TOKEN_RE.finditer(text, *m.span())]
        for k in range(len(toks)):
            hit = _lookup(gaz, toks, k, len(toks), max_len)
            if hit is not None and hit[0].country and hit[0].kind in ("country", "place"):
                return hit[0].country
    return None


def find_actors(
    sentence: str,
    known_people: Mapping[str, str] | None = None,
    *,
    headline: bool | None = None,
) -> list[Actor]:
    """Actors named in one sentence, in text order, non-overlapping.

    known_people maps a surname (or any short form) to a full name seen earlier in the same
    article, so "Bejda told..." resolves to "Pawel Bejda" (see people_index()).
    headline: True treats the text as Title Case (only known names are trusted); None guesses.
    """
    f = _Finder(sentence, known_people)
    if headline is None:
        headline = _is_headline(sentence)
    for m in _CHUNK_RE.finditer(sentence):
        toks = [
            _Tok(t.group(), t.start(), t.end()) for t in _TOKEN_RE.finditer(sentence, *m.span())
        ]
        f.process(toks, 0, len(toks), headline)
    f.out.sort(key=lambda a: a.start)
    return f.out


def people_index(actors: Iterable[Actor]) -> dict[str, str]:
    """Surname -> full name for people named in full; a surname shared by two people is dropped.

    Full names map to themselves too, so a later "Pawel Bejda" keeps its name.
    """
    index: dict[str, str] = {}
    clash: set[str] = set()
    for a in actors:
        if a.kind != "person":
            continue
        parts = a.name.split()
        if len(parts) < 2:
            continue
        index[a.name] = a.name
        surname = parts[-1]
        if surname in index and index[surname] != a.name:
            clash.add(surname)
        index[surname] = a.name
    for surname in clash:
        del index[surname]
    return index


def resolve_people(actors_by_sentence: list[list[Actor]]) -> list[list[Actor]]:
    """Article-level second look: a name typed "unknown" in one sentence becomes a person when
    the same article shows it is one elsewhere ("James McIlroy ..." then "..., said McIlroy").

    A surname seen as a person upgrades unknown 1-3 word names ending in it; a lone surname
    that belongs to exactly one full name gets that full name.
    """
    surnames: set[str] = set()
    full: dict[str, set[str]] = {}
    for actors in actors_by_sentence:
        for a in actors:
            if a.kind == "person":
                surnames.add(a.name.split()[-1])
    for actors in actors_by_sentence:
        for a in actors:
            parts = a.name.split()
            if a.kind in ("person", "unknown") and 2 <= len(parts) <= 3 and parts[-1] in surnames:
                full.setdefault(parts[-1], set()).add(a.name)
    result = []
    for actors in actors_by_sentence:
        out = []
        for a in actors:
            parts = a.name.split()
            if a.kind in ("person", "unknown") and parts and parts[-1] in surnames:
                names = full.get(parts[-1], set())
                name = next(iter(names)) if len(parts) == 1 and len(names) == 1 else a.name
                if len(parts) <= 3 and (a.kind == "unknown" or name != a.name):
                    a = replace(a, kind="person", name=name)
            out.append(a)
        result.append(out)
    return result


def find_actors_in_sentences(sentences: Iterable[str]) -> list[list[Actor]]:
    """find_actors over the sentences of one article, resolving mentions by surname: forwards
    through known_people, then backwards with resolve_people()."""
    known: dict[str, str] = {}
    result = []
    for sentence in sentences:
        actors = find_actors(sentence, known)
        result.append(actors)
        known.update(people_index(actors))
    return resolve_people(result)
