"""Separate reporting from web boilerplate in imported news text.

Imported articles (plain text pasted from a page, or text extracted from HTML) carry photo
credits, share counters, related-story links, repeated headlines and sign-offs. Later stages
extract claims from the cleaned body, so anything that is not reporting must be kept out of it;
the raw text is stored elsewhere, and every dropped block is reported in ``removed`` so a human
can audit the decision.

Every rule is deliberately conservative: a block is only dropped when its *form* (not its topic)
marks it as boilerplate. Dropping a reporting paragraph silently loses claims, while keeping a
stray credit line merely adds noise, so ties go to keeping.

The body keeps paragraphs joined by exactly ``"\\n\\n"`` with internal whitespace collapsed,
because later stages store character offsets into it.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = [
    "CleanedArticle",
    "RemovedBlock",
    "boilerplate_reason",
    "clean_article",
    "normalise_text",
]


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    title: str
    body: str
    byline: str | None
    outlet: str | None
    dateline: str | None
    removed: tuple[RemovedBlock, ...]


# --------------------------------------------------------------------------- normalisation

_TRANSLATE: dict[int, str | None] = {}
for _cp in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000, 0x09):
    _TRANSLATE[_cp] = " "
for _cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
    _TRANSLATE[_cp] = None
for _cp in (*range(0x00, 0x09), 0x0E, *range(0x0F, 0x20), *range(0x7F, 0xA0)):
    _TRANSLATE[_cp] = None
# Vertical tab / form feed / Unicode separators are line breaks in pasted text.
_TRANSLATE.update({0x0B: "\n", 0x0C: "\n", 0x2028: "\n", 0x2029: "\n\n"})
_ASCII_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# str.translate walks every character through a dict lookup; finding the rare offenders with a
# regex first is several times faster on ordinary text.
_TRANSLATE_RE = re.compile("[" + re.escape("".join(map(chr, _TRANSLATE))) + "]")


def normalise_text(text: str) -> str:
    """Canonical form used before hashing and cleaning.

    Unicode NFC, CRLF/CR -> LF, no-break and other exotic spaces -> space, zero-width characters
    and soft hyphens removed, other control characters (except newline) removed, tab -> space.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        # Fast path: nothing but control characters can need attention.
        if _ASCII_CONTROL_RE.search(text) or "\t" in text:
            text = _TRANSLATE_RE.sub(lambda m: _TRANSLATE[ord(m.group())] or "", text)
        return text
    if _TRANSLATE_RE.search(text):
        text = _TRANSLATE_RE.sub(lambda m: _TRANSLATE[ord(m.group())] or "", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


# --------------------------------------------------------------------------- shared patterns

_TERMINAL = ".!?"
_CLOSERS = "\"'”’)]»"
_BULLET_RE = re.compile(r"^(?:[•·▪●◦‣∙■□➢➤►▸○]\s*|[-*–]\s+)")
_KEY_RE = re.compile(r"[\W_]+")
_ELLIPSIS_RE = re.compile(r"\s*(?:\.{3,}|…|\[(?:\.{3}|…)\])\s*$")

_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|"
    "sep|sept|september|oct|october|nov|november|dec|december"
)
_WEEKDAYS = (
    "mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|"
    "sat|saturday|sun|sunday"
)
_MONTH_SET = frozenset(_MONTHS.split("|"))
_WEEKDAY_SET = frozenset(_WEEKDAYS.split("|"))

# Personal-name building blocks for bylines and sign-offs.
_NAME_TOKEN = r"[A-Z][\w'’-]*\.?"
_PARTICLE = r"(?:de|da|del|della|der|den|di|van|von|le|la|du|dos|das|bin|ibn|al|el|ben|y)"
_NOT_DATE_WORD = rf"(?!(?:{_MONTHS}|{_WEEKDAYS})\b)"
_PNAME = (
    rf"{_NOT_DATE_WORD}{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_NOT_DATE_WORD}{_NAME_TOKEN}){{0,3}}"
)
# Sign-offs stand alone at the end, so demand a full (two-token) name to avoid slogans.
_PNAME2 = rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_TOKEN}){{1,3}}"
_NAMES = rf"{_PNAME}(?:\s*,\s*{_PNAME})*\s+(?:and|&)\s+{_PNAME}|{_PNAME}"
_NAMES2 = rf"{_PNAME2}(?:\s*,\s*{_PNAME2})*\s+(?:and|&)\s+{_PNAME2}|{_PNAME2}"
_ORG = (
    r"(?:[Tt]he\s+)?[A-Z0-9][\w&'’.-]*"
    r"(?:\s+(?:of\s+|the\s+|and\s+|&\s+|for\s+)?[A-Z0-9][\w&'’.-]*){0,5}"
)

_ROLE_RE = re.compile(
    r"\b(?:correspondent|reporter|editor|writer|staff|contributor|journalist|analyst|columnist|"
    r"producer|desk|team|bureau|chief|senior|political|economics|business|science|health)\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------- credits & captions

_AGENCY = (
    r"(?:Getty Images|Getty|AFP|AP|Reuters|REUTERS|EPA(?:-EFE)?|EFE|Anadolu(?: Agency)?|"
    r"Shutterstock|Alamy|Bloomberg|PA(?: Media| Wire| Images)?|Xinhua|TASS|Sputnik|NurPhoto|"
    r"SOPA Images|LightRocket|Sipa(?: USA)?|ZUMA(?: Press| Wire)?|WireImage|Corbis|"
    r"iStock(?:photo)?|DPA|dpa|ANSA|Kyodo|Yonhap|UPI|Imago|Pool|Handout|Unsplash|Pexels)"
)
_CAPS_SEQ = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|del)){0,4}"
# Credit forms at the very end of a block. Only tried when the block does not end like a
# sentence, so "... told Reuters." or "... the US/Mexico border." can never match.
_CREDIT_TAIL_RE = re.compile(
    r"(?:"
    rf"\bvia\s+{_AGENCY}"  # "Jane Doe/AFP via Getty Images"
    rf"|\b{_AGENCY}\s*/\s*{_CAPS_SEQ}(?:\s*/\s*{_CAPS_SEQ})*"  # "REUTERS/Jane Doe/File Photo"
    rf"|\b{_CAPS_SEQ}\s*/\s*{_AGENCY}"  # "Jane Doe/AP"
    # "Jane Doe/Agency" after a full sentence; alone, "Stockport/Swansea" is just a fixture.
    r"|(?<=[a-z0-9][.!?] )[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*/\s*"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"|\((?:[^()]*?\b(?:Photo|Photograph|Picture|Image|Credit)s?\b|\s*"
    rf"{_AGENCY}\b|[^()]*/\s*{_AGENCY}\b)[^()]*\)"
    r"|\bPhoto(?:graph)?s?\s+(?:by|courtesy(?:\s+of)?)\s+[A-Z][^.!?]{1,80}"
    r"|©\s*[^.!?]{1,80}"
    rf"|[|–—-]\s*{_AGENCY}"
    r")\s*$"
)
_CREDIT_ONLY_RE = re.compile(
    rf"^(?:{_AGENCY}(?:\s*/\s*{_CAPS_SEQ})?|{_CAPS_SEQ}\s*/\s*{_AGENCY})"
    rf"(?:\s*(?:/|via|,|and|for)\s*{_AGENCY})*$"
)
_CREDIT_PREFIX_RE = re.compile(
    r"^(?:(?:Photo|Photograph|Picture|Image|Video|Illustration|Graphic)\s*"
    r"(?:credits?|source|caption)|Credits?|Photos?|Photographs?|Pictures?|Images?|Illustration)"
    r"\s*[:,]\s*\S",
    re.IGNORECASE,
)
_COPYRIGHT_RE = re.compile(
    # "© Jane Doe" alone is a photo credit; a year or "Copyright" makes it a site notice.
    r"^(?:©|\(c\)|Copyright\b)\s*(?:©\s*)?\d{4}|^Copyright\b|\bAll rights reserved\b|"
    r"\bmay not be (?:published|reproduced|redistributed)",
    re.IGNORECASE,
)

# Picture descriptions (alt text). Strong cues almost never occur in reporting; weak cues are
# ordinary verbs, so two of them are needed.
_ALT_STRONG_RE = re.compile(
    r"\b(?:pictured|is seen|are seen|seen here|in the background|in the foreground|aerial view|"
    r"close-up|photographed|file photo|left to right|right to left)\b|"
    r"\((?:left|right|centre|center)\)",
    re.IGNORECASE,
)
_ALT_WEAK_RE = re.compile(
    r"\b(?:kneel(?:s|ing)?|stand(?:s|ing)|sit(?:s|ting)|hold(?:s|ing)|wear(?:s|ing)|"
    r"smil(?:e|es|ing)|pos(?:e|es|ing)|walk(?:s|ing)|look(?:s|ing) (?:at|on)|gestur(?:e|es|ing)|"
    r"wav(?:e|es|ing)|there (?:is|are) (?:a|an|two|three|several|many)|"
    r"an? (?:view|photo|picture|image|line|row|group) of|sky|goes off|"
    r"(?:^|\. )(?:a|an|two|three|four|several|a group of) (?:man|men|woman|women|person|people|"
    r"child|children|soldiers?|boys?|girls?|officers?|protesters?))\b",
    re.IGNORECASE,
)
_ALT_SUBJECT_RE = re.compile(
    r"(?:An?|Two|Three|Four|Five|Several|Many|Some|A group of|A crowd of|People|Men|Women|"
    r"Children|Soldiers|Protesters|Police officers|Firefighters|Rescuers|Workers)\s",
)
_REPORTING_RE = re.compile(
    r"\b(?:said|says|told|according|announced|reported|will|would|percent)\b|[\"“”%]|\d"
)

# --------------------------------------------------------------------------- links, promos, nav

_RELATED_PREFIX_RE = re.compile(
    r"^(?:RELATED|Related(?: (?:story|stories|article|articles|coverage|content|reading|video))?|"
    r"READ MORE|Read [Mm]ore|READ ALSO|Read [Aa]lso|ALSO READ|Also [Rr]ead|SEE ALSO|See [Aa]lso|"
    r"MORE|More|WATCH|Watch|LISTEN|Listen|VIDEO|Video|PODCAST|Podcast|Recommended|RECOMMENDED|"
    r"DON'T MISS|Don't miss|TRENDING|Trending|MORE ON THIS|More on this(?: story)?)"
    r"\s*[:|›»>]\s*\S"
)
_INLINE_RELATED_RE = re.compile(
    r"(?:(?<=[.!?][\"”’)])|(?<=[.!?]))\s+"
    r"((?:RELATED|Related(?: (?:story|stories|coverage|article))?|READ MORE|Read [Mm]ore|"
    r"READ ALSO|Read [Aa]lso|ALSO READ|Also [Rr]ead|SEE ALSO|See [Aa]lso)"
    r"\s*[:|›»]\s*[^.!?]*?(?:[.!?](?=\s|$)|$))"
)
_PROMO_PREFIX_RE = re.compile(
    r"^(?:Sign up (?:for|to)|Click here|Subscribe (?:to|now|for|here)|Follow (?:us|@)|"
    r"Download (?:the|our)|Get the latest|Don't miss|Join (?:our|us on)|Support (?:our|us)|"
    r"Become a (?:member|subscriber)|Listen to (?:the|our) (?:podcast|episode))\b",
    re.IGNORECASE,
)
# Calls to action that need the outlet itself in them ("our", "us"): "Be sure to check out our
# price guide", "Don't forget to follow us", "For the latest news, follow us on X". Without it
# the same words are advice in a story ("Make sure you read the fine print, the agency said").
_CALL_TO_ACTION_RE = re.compile(
    r"^(?:(?:Be|Make) sure (?:to|you)|(?:Don't|Do not) forget to|Check out|"
    r"For (?:the latest|more)(?: news| updates| stories| coverage| videos)?\b[^.]*?,?)"
    r"\s*(?:check out |read |subscribe to |follow |sign up (?:for|to) |listen to |watch |"
    r"visit |download |bookmark |share |like )?(?:us|our)\b",
    re.IGNORECASE,
)
# An embedded post's signature line, "— Name (@handle) November 1, 2019" (Twitter/X, Threads),
# possibly after the post's text on the same line; Instagram's "A post shared by Name (@handle)
# on ..."; or a bare picture link. The dash is what tells a signature from reporting that
# names someone's handle ("first shared by X (@handle) on January 5").
_SOCIAL_POST_RE = re.compile(
    r"(?:^|\s)[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s*(?:on\s+)?"
    rf"(?:(?i:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?i:{_MONTHS})\.?\s+\d{{4}})"
    r"(?:\s+at\s+\d{1,2}:\d{2}\s*[ap]m(?:\s+[A-Z]{2,4})?)?\.?$"
    r"|^A post shared by\b.*\(@\w{1,30}\)"
    r"|^(?:pic\.twitter\.com|https?://(?:t\.co|x\.com|twitter\.com))/\S+$",
)
# A company's "About" paragraph ("About Acme: Acme is a leading provider of ..."), or the
# heading above one; what a press release appends to every story it is in. The paragraph
# names the company its heading names.
_ABOUT_HEADING_RE = re.compile(
    r"^About(?: the| us)?(?P<name>(?: [A-Z0-9][\w&.,'’-]*| of| and| for| &){1,8})$"
    r"|^About (?:us|the author)$"
)
_ABOUT_INLINE_RE = re.compile(
    r"^About (?:the )?(?P<name>[A-Z][\w&.'’-]*)[\w&.,'’ -]{0,60}\s*[:—–]\s+(?:The )?(?P=name)\b"
)
_ABOUT_CUES_RE = re.compile(
    r"\b(?:is|are) (?:a|an|the) (?:\w+ ){0,3}(?:leading|global|world's|premier|provider|"
    r"company|firm|nonprofit|non-profit|organi[sz]ation|manufacturer|developer|network|"
    r"platform|leader)\b|\bheadquartered in\b|\bfounded in \d{4}\b|\bFor more information\b|"
    r"\bvisit (?:www\.|https?://)|\b(?:NYSE|NASDAQ|Nasdaq|LSE|TSX)\b|@[\w-]+\.\w+",
)
_CONTACT_RE = re.compile(r"^(?:Media |Press |Investor )?[Cc]ontacts?\s*:")
# The legal notice press releases end with (US securities law's "safe harbor" wording).
_DISCLAIMER_RE = re.compile(
    r"^Safe Harbor Statement\b|\bforward-looking statements?\b.*\b(?:within the meaning of|"
    r"as defined in|Private Securities Litigation Reform Act|undue reliance|speak only as of)",
    re.IGNORECASE,
)
_END_MARKERS = frozenset(
    {
        "read entire article",
        "read full article",
        "read the full article",
        "read full story",
        "read the full story",
        "continue reading",
        "read more",
        "more stories",
        "more from",
        "recommended",
        "recommended stories",
        "recommended for you",
        "related",
        "related articles",
        "related stories",
        "related content",
        "related topics",
        "related news",
        "related coverage",
        "you may also like",
        "you might also like",
        "most read",
        "most popular",
        "most viewed",
        "top stories",
        "trending",
        "trending now",
        "latest news",
        "latest stories",
        "editors picks",
        "editor s picks",
        "more on this story",
        "around the web",
        "from our partners",
        "also read",
        "see also",
        "more news",
        "popular stories",
    }
)
_NAV_EXACT = frozenset(
    {
        "advertisement",
        "sponsored",
        "sponsored content",
        "skip to content",
        "skip to main content",
        "skip to navigation",
        "jump to content",
        "back to top",
        "scroll to top",
        "story continues below advertisement",
        "article continues below advertisement",
        "article continues below",
        "continue reading below",
        "loading",
        "menu",
        "search",
        "close",
        "toggle navigation",
        "open menu",
        "log in",
        "sign in",
        "subscribe",
        "home",
        "accept",
        "accept all",
        "reject all",
        "manage cookies",
        "cookie settings",
        "ad",
        "ads",
    }
)
_SOCIAL_WORDS = frozenset(
    {
        "share",
        "shares",
        "shared",
        "tweet",
        "email",
        "e",
        "mail",
        "print",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "pinterest",
        "reddit",
        "telegram",
        "messenger",
        "copy",
        "link",
        "copied",
        "comments",
        "comment",
        "save",
        "saved",
        "this",
        "article",
        "story",
        "page",
        "on",
        "via",
        "bookmark",
        "leave",
        "a",
        "view",
        "gift",
    }
)
_SOCIAL_CORE = frozenset(
    {"share", "shares", "tweet", "email", "print", "facebook", "twitter", "whatsapp", "linkedin"}
    | {"pinterest", "reddit", "telegram", "comments", "comment", "bookmark"}
)
_COOKIE_RE = re.compile(
    r"\bcookies?\b.*\b(?:use|accept|consent|policy|settings)\b|"
    r"\b(?:use|accept|consent to)\b.*\bcookies?\b",
    re.IGNORECASE,
)
_COUNTER_RE = re.compile(
    # A bare "29,603" is more likely a figure (an attendance) than a widget counter, which shows
    # small numbers or abbreviates ("1.2K").
    r"^(?:\d{1,3}|\d{1,3}(?:[.,]\d+)?\s*[KkMm]|\d[\d,.]*\s+(?:comments?|shares?|likes?|views?|"
    r"reactions?|replies))$|^(?:"
    r"(?:comments?|shares?|likes?|views?)\s*[:(]?\s*\d[\d,.]*[KkMm]?\)?)$",
    re.IGNORECASE,
)
_READING_TIME_RE = re.compile(r"^\d+\s*(?:min(?:ute)?s?)\.?\s+read$", re.IGNORECASE)
_BREADCRUMB_RE = re.compile(r"^[^>»›.!?\d]{1,40}(?:\s[>»›]\s[^>»›.!?\d]{1,40}){2,}$")

# --------------------------------------------------------------------------- timestamps

_TS_TOKEN_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?"
    r"|\d{1,4}(?:st|nd|rd|th|h|m|d|w|s|hr|hrs|min|mins)?\b"
    r"|[A-Za-z]+\.?"
    r"|[^\sA-Za-z\d]"
)
_TS_WORDS = (
    _MONTH_SET
    | _WEEKDAY_SET
    | frozenset(
        (
            "gmt",
            "utc",
            "bst",
            "cet",
            "cest",
            "eet",
            "eest",
            "est",
            "edt",
            "cst",
            "cdt",
            "mst",
            "mdt",
            "pst",
            "pdt",
            "et",
            "pt",
            "ct",
            "ist",
            "jst",
            "aest",
            "aedt",
            "msk",
            "z",
            "am",
            "pm",
            "a.m",
            "p.m",
            "ago",
            "just",
            "now",
            "yesterday",
            "today",
            "hour",
            "hours",
            "hr",
            "hrs",
            "h",
            "minute",
            "minutes",
            "min",
            "mins",
            "m",
            "second",
            "seconds",
            "sec",
            "secs",
            "s",
            "day",
            "days",
            "d",
            "week",
            "weeks",
            "w",
            "month",
            "months",
            "year",
            "years",
            "a",
            "an",
            "at",
            "on",
            "of",
            "the",
            "updated",
            "published",
            "posted",
            "last",
            "first",
            "modified",
            "edited",
            "created",
            "date",
            "time",
            "noon",
            "midnight",
        )
    )
)
_TS_LABELS = frozenset(("published", "updated", "last updated", "posted", "first published"))
_TS_PUNCT = frozenset(",-–—|/.:·•()@")
_TS_LABEL_RE = re.compile(
    r"^(?:(?:last|first)\s+)?(?:updated|published|posted|modified|edited|created|date)"
    r"(?:\s+on)?\s*:?\s*",
    re.IGNORECASE,
)
_TS_AGO_RE = re.compile(r"^(.*?\bago)\b", re.IGNORECASE)
_TIME_TOKEN_RE = re.compile(r"^\d{1,2}[:.]\d{2}|^\d{4}-\d{2}-\d{2}|^\d{1,4}[/.-]\d{1,2}[/.-]\d")

# --------------------------------------------------------------------------- bylines, sign-offs

_BY_RE = re.compile(
    rf"^(?:By|BY|Words by|Written by|Story by)\s*:?\s+(?P<names>{_NAMES})"
    rf"(?:\s*(?:,|\||–|—|-|\bfor\b|\bin\b)\s*(?P<tail>[^.!?]{{1,80}}))?$"
)
_FOR_SIGNOFF_RE = re.compile(rf"^(?P<names>{_NAMES2})\s+for\s+(?P<outlet>{_ORG})\.?$")
_DASH_SIGNOFF_RE = re.compile(
    rf"^(?:—|–|--?)\s*(?P<names>{_NAMES2})(?:\s*[,|]\s*(?P<outlet>{_ORG}))?\.?$"
)
# "Reporting by Jane Doe in Kyiv; Editing by John Roe": every "by" must be followed by names
# only, or "Research by handset maker Nokia shows ..." would read as credits.
_CAPWORDS = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|del|al|bin))*"
_CREDIT_SEGMENT = (
    r"(?:[Aa]dditional\s+)?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Rr]esearch|[Cc]ompiled|"
    r"[Pp]roduced|[Gg]raphics|[Ff]act-checking)\s+by\s+"
    rf"{_CAPWORDS}(?:\s*(?:,|and|&|in|from|at)\s+{_CAPWORDS})*"
)
_CREDITS_SIGNOFF_RE = re.compile(
    rf"^\(?\s*{_CREDIT_SEGMENT}(?:\s*[;,]\s*(?:and\s+)?{_CREDIT_SEGMENT})*\s*\)?\.?$"
)
_TRAILING_CREDITS_RE = re.compile(
    rf"\s*\(\s*{_CREDIT_SEGMENT}(?:\s*[;,]\s*(?:and\s+)?{_CREDIT_SEGMENT})*\s*\)\.?$"
)
_BIO_RE = re.compile(
    rf"^(?P<name>{_PNAME2})\s+is\s+(?:a|an|the)\s+[^.]{{0,80}}?\b(?:reporter|correspondent|"
    rf"writer|journalist|editor|contributor|columnist|producer)\b"
    rf"(?:\s+(?:at|for|with)\s+(?P<outlet>{_ORG}))?[^.]{{0,80}}\.?$"
)
_IN_PLACE_RE = re.compile(r"\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")

# Title-case test: these stay lower case in most headline styles.
_SMALL_WORDS = frozenset(
    (
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "nor",
        "for",
        "so",
        "yet",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "with",
        "from",
        "as",
        "vs",
        "via",
        "into",
        "onto",
        "over",
        "up",
        "out",
        "off",
        "per",
        "than",
        "amid",
        "after",
        "about",
    )
)
_WORD_STRIP = "\"'“”‘’()[]{},.;:!?…*"
_ABBREV = frozenset(
    (
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "prof",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "sgt",
        "capt",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "mt",
        "ft",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    )
)
_SENT_END_RE = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


# --------------------------------------------------------------------------- units


class _Unit:
    """One candidate paragraph (a line, or joined wrapped lines)."""

    __slots__ = ("block", "bullet", "cut", "reason", "text", "words")

    def __init__(self, block: int, text: str) -> None:
        self.block = block
        self.text = text
        self.words = text.count(" ") + 1
        self.bullet = bool(_BULLET_RE.match(text))
        self.reason: str | None = None
        self.cut: list[str] = []  # other stories' links cut out of this paragraph

    def cut_inline_related(self) -> None:
        """ "... said Tuesday. RELATED: Other story headline. The mayor ...": a link to another
        story inside a paragraph, cut out up to its end (a full stop, or the paragraph's end)."""
        text = self.text
        for match in reversed(list(_INLINE_RELATED_RE.finditer(text))):
            self.cut.insert(0, match.group(1))
            text = (text[: match.start()] + " " + text[match.end() :]).strip()
        if self.cut:
            self.text = " ".join(text.split())
            self.words = self.text.count(" ") + 1


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _TERMINAL or text.endswith(("…", ":", ";"))


def _split_units(text: str) -> list[_Unit]:
    entries: list[tuple[int, str]] = []
    block = 0
    blank = True
    for line in text.split("\n"):
        s = " ".join(line.split())
        if not s:
            if not blank:
                block += 1
            blank = True
            continue
        blank = False
        entries.append((block, s))
    if not entries:
        return []

    # Hard-wrapped plain text (e-mail, wire copy) must be re-joined; web text has one paragraph
    # per line. Wrapped text has a narrow fixed width and many lines ending mid-sentence.
    lengths = sorted(len(s) for _, s in entries)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    pairs = continued = 0
    for (b1, s1), (b2, s2) in itertools.pairwise(entries):
        if b1 == b2:
            pairs += 1
            if not _ends_sentence(s1) and s2[0].islower():
                continued += 1
    wrapped = len(entries) >= 4 and width <= 110 and continued >= max(2, 0.2 * pairs)

    units: list[_Unit] = []
    prev_block = -1
    for b, s in entries:
        if units and b == prev_block:
            last = units[-1].text
            if wrapped:
                join = len(last) >= 0.6 * width and not _BULLET_RE.match(s)
            else:
                # A lowercase continuation, or a dateline ("WASHINGTON —") put on its own line.
                join = (len(last) >= 40 and not _ends_sentence(last) and s[0].islower()) or (
                    last.endswith(("—", "–", " -")) and len(last) <= 40
                )
            if join:
                units[-1] = _Unit(b, f"{last} {s}")
                continue
        units.append(_Unit(b, s))
        prev_block = b
    return units


def _key(text: str) -> str:
    """Comparison key: lower-case words only, so punctuation and quote styles do not matter."""
    return _KEY_RE.sub(" ", text.lower()).strip()


def _strip_ellipsis(text: str) -> str:
    # endswith first: a $-anchored search scans the whole paragraph.
    if text.endswith(("...", "…", "]")):
        return _ELLIPSIS_RE.sub("", text)
    return text


def _content(unit: _Unit) -> str:
    return _BULLET_RE.sub("", unit.text, count=1) if unit.bullet else unit.text


# --------------------------------------------------------------------------- classifiers


def _timestamp(text: str) -> tuple[str, bool] | None:
    """Date/time part of a line made only of date/time material, and whether it is a stamp.

    A stamp has a time, a year, a relative "ago" or an "Updated"-style label; a bare
    "Tuesday, 1 March" is only a stamp at the top, elsewhere it heads a fixture list or diary.
    """
    if len(text) > 80:
        return None
    tokens = _TS_TOKEN_RE.findall(text)
    anchor = strong = has_digit = False
    for tok in tokens:
        low = tok.lower().rstrip(".")
        if tok[0].isdigit():
            has_digit = True
            if _TIME_TOKEN_RE.match(tok):
                anchor = strong = True
            elif len(tok) == 4 and tok[:2] in ("19", "20"):
                strong = True
        elif tok[0].isalpha():
            if low not in _TS_WORDS and tok.lower() not in _TS_WORDS:
                return None
            if low in _MONTH_SET or low in ("yesterday", "today"):
                anchor = True
            elif low == "ago" or (low == "now" and "just" in text.lower()):
                anchor = strong = has_digit = True
        elif tok not in _TS_PUNCT:
            return None
    if not (anchor and (has_digit or "yesterday" in text.lower() or "today" in text.lower())):
        return None
    strong = strong or bool(_TS_LABEL_RE.match(text))
    stamp = _TS_LABEL_RE.sub("", text, count=1)
    ago = _TS_AGO_RE.match(stamp)
    if ago:
        stamp = ago.group(1)  # what follows "ago" is a share/comment counter
    stamp = stamp.strip(" ,-–—|·•")
    return (stamp, strong) if stamp else None


def _is_title_case(text: str) -> bool:
    words = [w.strip(_WORD_STRIP) for w in text.split()]
    alpha = [w for w in words if w and w[0].isalpha()]
    big = [w for w in alpha if w.lower() not in _SMALL_WORDS]
    if len(alpha) < 4 or not big:
        return False
    return sum(1 for w in big if w[0].isupper()) >= 0.9 * len(big)


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 10 or text.count(" ") < 2:
        return False
    return sum(1 for c in letters if c.isupper()) >= 0.9 * len(letters)


def _credit_reason(text: str, words: int) -> str | None:
    if _CREDIT_PREFIX_RE.match(text):
        if "caption" in text[:20].lower():
            return "caption"
        return "photo_credit" if words <= 20 else "caption"
    if words <= 6 and _CREDIT_ONLY_RE.match(text):
        return "photo_credit"
    if words > 90 or text.rstrip(")")[-1:] in '.!?"”’:;,':
        return None
    tail = text[-160:]
    m = _CREDIT_TAIL_RE.search(tail)
    if not m:
        return None
    before = tail[: m.start()] if len(text) <= 160 else text[: len(text) - 160 + m.start()]
    return "caption" if any(c.isalpha() for c in before) else "photo_credit"


def _junk_reason(unit: _Unit, index: int) -> str | None:
    """Context-free boilerplate tests, cheapest and most specific first."""
    text = unit.text
    words = unit.words
    if text.count("|") >= 2:
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        if not any(cells):
            return "empty_table"
        if (not any(ch.isdigit() for ch in text)) and all(
            c.count(" ") < 5 and not c.endswith(".") for c in cells
        ):
            return "navigation"
    if words <= 12:
        key = _key(text)
        if not key:
            return "navigation"  # separators, bullets or pipes only
        if key in _NAV_EXACT:
            return "navigation"
        if key in _END_MARKERS:
            return "related_link"
        if key in _TS_LABELS:
            return "timestamp"  # the label line above a date, e.g. "Published"
        if _COUNTER_RE.match(text):
            return "share_counter"
        kw = key.split()
        if any(w in _SOCIAL_CORE for w in kw) and all(
            w in _SOCIAL_WORDS or w.isdigit() for w in kw
        ):
            return "share_counter"
        if _READING_TIME_RE.match(text):
            return "reading_time"
        stamp = _timestamp(text)
        if stamp is not None:
            return "timestamp" if stamp[1] else "weak_timestamp"
    if words <= 12 and _BREADCRUMB_RE.match(text):
        return "navigation"
    if words <= 60 and "ookie" in text and _COOKIE_RE.search(text):
        return "cookie_notice"
    if words <= 40 and _COPYRIGHT_RE.search(text):
        return "copyright"
    credit = _credit_reason(text, words)
    if credit:
        return credit
    maybe_post = (words <= 80 and "@" in text) or text.startswith(("pic.twitter.com/", "http"))
    if maybe_post and _SOCIAL_POST_RE.search(text):
        return "social_post"
    if words <= 120 and _ABOUT_INLINE_RE.match(text) and _ABOUT_CUES_RE.search(text):
        return "about_block"
    if _DISCLAIMER_RE.search(text):
        return "disclaimer"
    if words <= 30:
        if _RELATED_PREFIX_RE.match(text):
            return "related_link"
        if _PROMO_PREFIX_RE.match(text) or _CALL_TO_ACTION_RE.match(text):
            return "promo"
        if index < 10 and words <= 16 and _BY_RE.match(text):
            return "byline"
    return None


def boilerplate_reason(line: str) -> str | None:
    """Why a single line or sentence is boilerplate (credit, promo, counter...), else None.

    The context-free rules of ``clean_article``, for callers that see text the cleaner never
    did (a sentence of a body cleaned by an older version, or text typed into a form).
    """
    text = " ".join(line.split())
    if not text:
        return "empty"
    reason = _junk_reason(_Unit(0, text), index=99)
    if reason is None and _is_all_caps(text) and text.count(" ") + 1 >= 3:
        reason = "promo_headline"
    return reason


def _looks_like_headline(text: str) -> bool:
    words = text.count(" ") + 1
    if words < 2 or words > 20 or len(text) > 150 or _strip_ellipsis(text) != text:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"):
        return False
    if _SENT_END_RE.search(text):
        return False  # two sentences: a lead paragraph, not a headline
    if not _ends_sentence(text):
        return True
    return words <= 15 and _is_title_case(text)


def _is_section_label(units: list[_Unit], i: int) -> bool:
    """ "World News" above the headline: a capitalised label of at most three words."""
    text = units[i].text
    if units[i].words > 3 or _ends_sentence(text) or units[i].bullet:
        return False
    if not all(w[0].isupper() or w in ("&", "and", "of") for w in text.split()):
        return False
    nxt = next((v for v in units[i + 1 :] if v.reason is None), None)
    return nxt is not None and nxt.words > units[i].words + 2 and _looks_like_headline(nxt.text)


def _near_same(a: str, b: str) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if not la or not lb or abs(la - lb) > 0.15 * max(la, lb):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def _title_variants(title: str) -> list[str]:
    keys = [_key(title)]
    # HTML <title> often carries " | Outlet" or " - Outlet".
    for sep in (" | ", " - ", " – ", " — "):
        if sep in title:
            keys.append(_key(title.rsplit(sep, 1)[0]))
    return [k for k in keys if k]


def _is_promo_headline(units: list[_Unit], i: int) -> bool:
    """Title-cased or all-caps line that is not a sentence: another story's headline."""
    u = units[i]
    text = u.text
    if u.bullet or u.words > 20 or _ends_sentence(text) or text.endswith(","):
        return False
    if "(" in text or text.count(",") >= 2:
        return False  # "Name (Show, Channel)" and comma lists are list items
    if (
        _FOR_SIGNOFF_RE.match(text)
        or _DASH_SIGNOFF_RE.match(text)
        or _CREDITS_SIGNOFF_RE.match(text)
    ):
        return False  # left for the sign-off pass, which also reads the byline
    caps = _is_all_caps(text)
    if not caps:
        if u.words < 5 or not _is_title_case(text):
            return False
        # "Best Film - The Aviator" / "Animation: Brush Head" are list items, i.e. reporting.
        if ":" in text or " - " in text or " – " in text or " — " in text:
            return False

    # A run of short unpunctuated lines is a list (award winners, line-ups), not a promo.
    def short_line(j: int) -> bool:
        v = units[j]
        return v.reason is None and v.words <= 20 and not _ends_sentence(v.text)

    run = 1
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(units) and short_line(j):
            run += 1
            j += step
    return run < 3


def _alt_text(unit: _Unit) -> bool:
    text = unit.text
    if unit.words > 50 or _REPORTING_RE.search(text):
        return False
    if _ALT_STRONG_RE.search(text):
        return True
    # Weak cues are ordinary verbs ("is standing for re-election"), so also demand the
    # "A man ... / Three soldiers ..." opening typical of picture descriptions.
    return bool(_ALT_SUBJECT_RE.match(text)) and len(_ALT_WEAK_RE.findall(text)) >= 2


def _first_sentence_title(body_first: str) -> str:
    text = _BULLET_RE.sub("", body_first, count=1)
    end = len(text)
    for m in _SENT_END_RE.finditer(text):
        prev = text[: m.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
        if prev in _ABBREV or (len(prev) == 1 and prev.isalpha()):
            continue
        end = m.start() + 1
        break
    sentence = text[:end].strip()
    if len(sentence) <= 120:
        return sentence[:-1] if sentence.endswith(".") else sentence
    cut = sentence[:119]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def _quote_key(text: str) -> str | None:
    best = ""
    for m in re.finditer(r"[“\"]([^”\"]{20,})[”\"]", text):
        if len(m.group(1)) > len(best):
            best = m.group(1)
    return _key(best) if best else None


def _clean_outlet(outlet: str | None) -> str | None:
    outlet = (outlet or "").strip().rstrip(".")
    return outlet or None


def _names_from_credits(text: str) -> str | None:
    for seg in text.strip("() .").split(";"):
        seg = seg.strip()
        m = re.match(r"(?:[Rr]eporting|Writing)\s+by\s+(.+)$", seg)
        if m:
            names = _IN_PLACE_RE.sub("", m.group(1)).strip(" .,")
            return names or None
    return None


class _Keys:
    """Comparison keys computed on demand: most paragraphs are never compared."""

    __slots__ = ("_cache", "_units")

    def __init__(self, units: list[_Unit]) -> None:
        self._units = units
        self._cache: list[str | None] = [None] * len(units)

    def __getitem__(self, i: int) -> str:
        k = self._cache[i]
        if k is None:
            k = self._cache[i] = _key(self._units[i].text)
        return k


def _mark_caption_neighbours(units: list[_Unit], keys: _Keys) -> None:
    """A caption printed twice (plain, then with credit) and the alt text above a caption."""
    for i in range(len(units) - 2, -1, -1):
        u, nxt = units[i], units[i + 1]
        if u.reason is None and nxt.reason in ("caption", "photo_credit", "image_description"):
            if nxt.reason != "image_description" and keys[i] and keys[i + 1].startswith(keys[i]):
                u.reason = "caption"
            elif nxt.reason != "image_description" and _alt_text(u):
                u.reason = "image_description"


_TAIL_SPLIT_RE = re.compile(r"(?<=[.!?])[\"”’)]*\s+")


def _mark_teasers(units: list[_Unit], keys: _Keys) -> None:
    """A paragraph (or the ellipsis-cut tail of a standfirst) repeated as a later one's start."""
    by_prefix: dict[str, list[int]] = {}
    for j, u in enumerate(units):
        if u.reason is None:
            by_prefix.setdefault(_key(u.text[:80])[:24], []).append(j)
    for i, u in enumerate(units):
        if u.reason is not None or u.words < 5:
            continue
        stripped = _strip_ellipsis(u.text)
        cut = stripped != u.text
        if not cut and u.words < 8:
            continue
        head = _key(stripped[:80])[:24]
        candidates = [(head, stripped)]
        if cut:
            tail = _TAIL_SPLIT_RE.split(stripped)[-1]
            if tail.count(" ") >= 3 and tail != stripped:
                candidates.append((_key(tail[:80])[:24], tail))
        for prefix, fragment in candidates:
            later = [j for j in by_prefix.get(prefix, ()) if j > i]
            if not later or len(prefix) < 24:
                continue
            cand = _key(fragment)
            if any(len(keys[j]) > len(cand) and keys[j].startswith(cand) for j in later):
                u.reason = "teaser"
                break


def _mark_about_blocks(units: list[_Unit]) -> None:
    """A heading "About Acme" and what follows it while it reads like the company's own
    boilerplate: what Acme is (naming it, with a cue such as "headquartered in"), and how to
    reach its press office. At most three paragraphs; a subheading in a story ("About the
    Deal") is followed by reporting that does not open with the name."""
    for i, u in enumerate(units):
        match = _ABOUT_HEADING_RE.match(u.text) if u.reason is None and u.words <= 8 else None
        if match is None:
            continue
        name = (match.group("name") or "").split()
        block = []
        for j in range(i + 1, len(units)):
            if units[j].reason is not None:
                continue
            text = units[j].text
            names_it = bool(name) and text.startswith(" ".join(name[:1]))
            if len(block) >= 3 or not (
                _CONTACT_RE.match(text) or (names_it and _ABOUT_CUES_RE.search(text))
            ):
                break
            block.append(j)
        if block:
            for j in (i, *block):
                units[j].reason = "about_block"


def _mark_repeats(units: list[_Unit], keys: _Keys) -> None:
    """Exact duplicate paragraphs, and pull quotes repeated inside a longer paragraph."""
    seen: set[str] = set()
    for i, u in enumerate(units):
        if u.reason is not None:
            continue
        if u.words >= 6 and u.text in seen:
            u.reason = "duplicate"
            continue
        seen.add(u.text)
        if u.words < 8 or ("“" not in u.text and '"' not in u.text):
            continue
        qk = _quote_key(u.text)
        if not qk or qk.count(" ") < 7 or qk.count(" ") + 1 < 0.6 * u.words:
            continue
        needle = f" {qk} "
        for j, v in enumerate(units):
            if j != i and v.reason is None and v.words > u.words and needle in f" {keys[j]} ":
                u.reason = "pull_quote"
                break


# --------------------------------------------------------------------------- main entry


def clean_article(text: str, *, title: str | None = None) -> CleanedArticle:
    """Split imported article text into headline, reporting body and metadata."""
    units = _split_units(normalise_text(text))
    byline: str | None = None
    outlet: str | None = None
    dateline: str | None = None

    in_header = True
    for i, u in enumerate(units):
        u.cut_inline_related()
        u.reason = _junk_reason(u, i)
        if u.reason is None and u.words >= 15:
            in_header = False
        if u.reason == "weak_timestamp":
            u.reason = "timestamp" if in_header else None
        if u.reason == "timestamp" and dateline is None:
            stamp = _timestamp(u.text)
            dateline = stamp[0] if stamp else None
        elif u.reason == "byline" and byline is None:
            m = _BY_RE.match(u.text)
            assert m is not None
            byline = m.group("names")
            tail = (m.group("tail") or "").strip()
            if (
                tail
                and not _ROLE_RE.search(tail)
                and not any(ch.isdigit() for ch in tail)
                and _timestamp(tail) is None
            ):
                outlet = tail

    # Headline: the given title, else the first surviving line when it reads like one.
    headline = " ".join(title.split()) if title else None
    head_keys = _title_variants(headline) if headline else []
    first = next((i for i, u in enumerate(units) if u.reason is None), None)
    if first is not None and headline is None and _is_section_label(units, first):
        units[first].reason = "navigation"
        first = next((i for i, u in enumerate(units) if u.reason is None), None)
    if first is not None:
        u = units[first]
        ukey = _key(u.text)
        if head_keys and any(_near_same(ukey, k) for k in head_keys):
            u.reason = "headline"
        elif (
            headline is None
            and not u.bullet
            and any(v.reason is None for v in units[first + 1 :])
            and _looks_like_headline(u.text)
        ):
            u.reason = "headline"
            headline = u.text
            head_keys = [ukey]
    if head_keys:
        longest = max(len(k) for k in head_keys)
        for u in units:
            if u.reason is None and len(u.text) <= 1.3 * longest + 10:
                ukey = _key(u.text)
                if any(_near_same(ukey, k) for k in head_keys):
                    u.reason = "repeated_headline"

    _mark_about_blocks(units)
    for i, u in enumerate(units):
        if u.reason is None and _is_promo_headline(units, i):
            u.reason = "promo_headline"

    keys = _Keys(units)
    _mark_caption_neighbours(units, keys)
    _mark_teasers(units, keys)
    _mark_repeats(units, keys)

    # After an end-of-article marker only other stories' headlines follow.
    after_marker = False
    for u in units:
        if u.reason == "related_link" and _key(u.text) in _END_MARKERS:
            after_marker = True
        elif after_marker and u.reason is None:
            if u.words > 25:
                after_marker = False  # a widget inside the article; reporting resumes
            elif not u.text.rstrip(_CLOSERS).endswith((".", ":", ";")):
                u.reason = "related_link"  # other stories' headlines, questions included

    # Sign-offs at the end.
    kept = [i for i, u in enumerate(units) if u.reason is None]
    # Wire credits are unmistakable, so they may sit above a trailing line we cannot classify.
    for i in kept[-5:]:
        if units[i].words <= 80 and _CREDITS_SIGNOFF_RE.match(units[i].text):
            units[i].reason = "sign_off"
            byline = byline or _names_from_credits(units[i].text)
    kept = [i for i in kept if units[i].reason is None]
    for pos in range(len(kept) - 1, max(len(kept) - 4, -1), -1):
        i = kept[pos]
        u = units[i]
        if u.words > 80:
            break
        m = _FOR_SIGNOFF_RE.match(u.text) or _DASH_SIGNOFF_RE.match(u.text)
        if m:
            u.reason = "sign_off"
            byline = byline or m.group("names")
            outlet = outlet or _clean_outlet(m.group("outlet"))
            continue
        if _CREDITS_SIGNOFF_RE.match(u.text):
            u.reason = "sign_off"
            byline = byline or _names_from_credits(u.text)
            continue
        m = _BIO_RE.match(u.text) if pos == len(kept) - 1 else None
        if m:
            surname = m.group("name").split()[-1]
            rest = " ".join(units[k].text for k in kept[:pos])
            if surname not in rest:
                u.reason = "author_bio"
                byline = byline or m.group("name")
                outlet = outlet or _clean_outlet(m.group("outlet"))
                continue
        break

    paragraphs: list[str] = []
    removed: list[RemovedBlock] = []
    last_kept = max((i for i, u in enumerate(units) if u.reason is None), default=-1)
    for i, u in enumerate(units):
        removed.extend(RemovedBlock(text, "related_link") for text in u.cut)
        if u.reason is not None:
            removed.append(RemovedBlock(u.text, u.reason))
            continue
        para = _content(u)
        if i == last_kept:
            # Wire copy appends "(Reporting by ...; Editing by ...)" to the last paragraph.
            m = _TRAILING_CREDITS_RE.search(para)
            if m and m.start() > 0:
                credit = para[m.start() :].strip()
                para = para[: m.start()].rstrip()
                removed.append(RemovedBlock(credit, "sign_off"))
                byline = byline or _names_from_credits(credit)
        if para:
            paragraphs.append(para)

    body = "\n\n".join(paragraphs)
    if not headline:
        headline = _first_sentence_title(paragraphs[0]) if paragraphs else ""
    return CleanedArticle(
        title=headline,
        body=body,
        byline=byline,
        outlet=outlet,
        dateline=dateline,
        removed=tuple(removed),
    )
