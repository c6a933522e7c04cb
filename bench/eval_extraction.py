"""Accuracy of claim extraction, measured sentence by sentence on real and written news pages.

    .venv/bin/python bench/eval_extraction.py sample --out DIR        # sentences to label
    .venv/bin/python bench/eval_extraction.py adopt --sample DIR --labels FILE [FILE ...]
    .venv/bin/python bench/eval_extraction.py score [--labels FILE] [--verbose] [--save FILE]

Three kinds of article: AllSides roundup openings (val and test splits) and BBC News articles,
read in place from ``../shared/data`` and never copied into the repository, and the news pages
in ``bench/pages/`` (HTML written for this benchmark, with the boilerplate real pages carry).

``sample`` draws articles with a fixed seed and splits each one's *raw* text with the product's
splitter (``factcheck.pipeline.sentences.split_sentences``), so that boilerplate the cleaning
removes is labelled too. The raw text is the data set's text for AllSides and BBC, and for a
page the text the HTML reader hands to cleaning (``sources.readers.read_file``: trafilatura's
extraction), which is what ``import_articles`` stores and cleans. Sentences go, with their
texts, to ``--out`` (outside the repository) for the people labelling them.

``adopt`` turns the labellers' decisions (``id<TAB>label[<TAB>note]`` lines) into
``bench/labels/extraction.jsonl``, which refers to each sentence by data set, article id,
offsets into the raw text and ``sha`` (the first 12 hex digits of the SHA-1 of the sentence
with whitespace collapsed), never by its text.

``score`` imports the labelled articles into a fresh SQLite database through the real import
path (``sources.services.import_documents``, and ``read_file`` for pages, as ``import_articles``
does), maps every extracted ``Claim`` back to raw-text offsets by searching its text, and
matches it to the labelled sentences it overlaps. Per kind and overall it reports precision
(share of extracted claims labelled ``claim``), recall (share of ``claim`` sentences extracted
whole), and the boilerplate, not-checkworthy and fragment rates among extracted claims. A
claim whose span is not one labelled sentence (it covers two, or only part of one) counts as a
fragment whatever the sentence's label.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from research import (
    BBC,
    ROOT,
    ROUNDUPS,
    outlet_name,
    read_jsonl,
    scratch_database,
    sentence_hash,
)

PAGES = ROOT / "bench" / "pages"
LABELS = ROOT / "bench" / "labels" / "extraction.jsonl"

KINDS = ("allsides", "bbc", "pages")
LABELS_ORDER = ("claim", "not-checkworthy", "boilerplate", "fragment")
# Reading a page needs no settings; the import limit only matters for huge files.
_PAGE_MAX_BYTES = 10 * 1_048_576

# A claim is "one labelled sentence" when it covers this share of the sentence's characters,
# and covers no more than this many characters of any other sentence.
WHOLE_SHARE = 0.7
OTHER_CHARS = 12


@dataclass(slots=True)
class Article:
    dataset: str  # "allsides" | "bbc" | "pages"
    doc: str  # "1234-0" (roundup-position), "bbc-business/001.txt", "page-file.html"
    title: str
    text: str  # the raw text: offsets of labels and claims refer to it
    document: object = None  # sources.readers.Document, for pages (as read from the file)

    @property
    def key(self) -> tuple[str, str]:
        return (self.dataset, self.doc)


# ------------------------------------------------------------------------------ the articles


def roundup_article(row: dict) -> Article:
    return Article("allsides", f"{row['roundup']}-{row['position']}", row["title"], row["text"])


def bbc_article(row: dict) -> Article:
    return Article("bbc", f"bbc-{row['id']}", row["title"], row["text"])


def page_articles(names: set[str] | None = None) -> list[Article]:
    from sources.readers import Document, read_file

    out = []
    for path in sorted(PAGES.glob("*.html")):
        if names is not None and path.name not in names:
            continue
        results = read_file(path, max_bytes=_PAGE_MAX_BYTES)
        for result in results:
            if not isinstance(result, Document):
                print(f"warning: {result}", file=sys.stderr)
                continue
            out.append(Article("pages", path.name, result.title or "", result.text, result))
    return out


def draw_articles(seed: int, roundups: int, bbc: int) -> list[Article]:
    """The sample: roundup openings of the held-out splits, BBC articles, every page."""
    rng = random.Random(seed)
    rows = sorted(
        (row for row in read_jsonl(ROUNDUPS) if row["split"] in ("val", "test")),
        key=lambda row: (row["roundup"], row["position"]),
    )
    chosen = rng.sample(rows, min(roundups, len(rows)))
    bbc_rows = rng.sample(read_jsonl(BBC), bbc) if bbc and BBC.exists() else []
    return (
        [roundup_article(row) for row in chosen]
        + [bbc_article(row) for row in bbc_rows]
        + page_articles()
    )


def labelled_articles(keys: set[tuple[str, str]]) -> list[Article]:
    """The articles the labels refer to, read again from their data sets."""
    docs = collections.defaultdict(set)
    for dataset, doc in keys:
        docs[dataset].add(doc)
    out: list[Article] = []
    if docs["allsides"]:
        out += [
            article
            for article in map(roundup_article, read_jsonl(ROUNDUPS))
            if article.doc in docs["allsides"]
        ]
    if docs["bbc"]:
        out += [
            article for article in map(bbc_article, read_jsonl(BBC)) if article.doc in docs["bbc"]
        ]
    if docs["pages"]:
        out += page_articles(docs["pages"])
    missing = keys - {article.key for article in out}
    if missing:
        print(f"warning: {len(missing)} labelled articles not found: {sorted(missing)[:5]}")
    return out


# ------------------------------------------------------------------------------ sampling


def sample(args: argparse.Namespace) -> None:
    """Every sentence of the drawn articles, with ids and texts, in ``--out``."""
    from factcheck.pipeline.sentences import split_sentences

    articles = draw_articles(args.seed, args.roundups, args.bbc)
    args.out.mkdir(parents=True, exist_ok=True)
    counts: collections.Counter[str] = collections.Counter()
    with (
        (args.out / "sentences.jsonl").open("w", encoding="utf-8") as rows,
        (args.out / "articles.md").open("w", encoding="utf-8") as reading,
    ):
        for article in articles:
            reading.write(f"\n## {article.dataset}/{article.doc}  {article.title}\n")
            paragraph = -1
            for n, sentence in enumerate(split_sentences(article.text)):
                sid = f"{article.dataset}/{article.doc}#{n}"
                if sentence.paragraph != paragraph:
                    reading.write("\n")
                    paragraph = sentence.paragraph
                reading.write(f"[{sid}] {sentence.text}\n")
                item = {
                    "id": sid,
                    "dataset": article.dataset,
                    "doc": article.doc,
                    "n": n,
                    "start": sentence.start,
                    "end": sentence.end,
                    "sha": sentence_hash(sentence.text),
                    "text": sentence.text,
                }
                rows.write(json.dumps(item, ensure_ascii=False) + "\n")
                counts[article.dataset] += 1
    print(f"{len(articles)} articles, {sum(counts.values())} sentences in {args.out}")
    print(dict(counts))


def adopt(args: argparse.Namespace) -> None:
    """Add labellers' decisions to the labelled set, keeping only references to the text."""
    drawn = {}
    with (args.sample / "sentences.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            drawn[item["id"]] = item
    existing = {(i["dataset"], i["doc"], i["start"]): i for i in read_jsonl(args.into)}
    for path in args.labels:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            sid, label, *rest = line.split("\t")
            if label not in LABELS_ORDER:
                sys.exit(f"{path}:{number}: unknown label {label!r}")
            if sid not in drawn:
                sys.exit(f"{path}:{number}: no sentence {sid!r} in the sample")
            item = drawn[sid]
            existing[(item["dataset"], item["doc"], item["start"])] = {
                "dataset": item["dataset"],
                "doc": item["doc"],
                "start": item["start"],
                "end": item["end"],
                "sha": item["sha"],
                "label": label,
                "note": rest[0].strip() if rest else "",
            }
    args.into.parent.mkdir(parents=True, exist_ok=True)
    with args.into.open("w", encoding="utf-8") as handle:
        for _, item in sorted(existing.items()):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    counts = collections.Counter((i["dataset"], i["label"]) for i in existing.values())
    print(f"{len(existing)} labelled sentences in {args.into}")
    for kind in KINDS:
        print(f"  {kind:9}", {label: counts[kind, label] for label in LABELS_ORDER})


# ------------------------------------------------------------------------------ the system


@dataclass(slots=True)
class SystemClaim:
    id: int
    article: Article
    text: str
    start: int  # offsets into the article's raw text (-1: the text was not found there)
    end: int


def run_system(articles: list[Article]) -> tuple[list[SystemClaim], float]:
    """Import every article into a fresh SQLite database, as ``import_articles`` would."""
    scratch_database("factdesk-eval-extraction-")
    from factcheck.models import Claim
    from sources.readers import Document
    from sources.services import import_documents

    by_origin: dict[str, Article] = {}
    documents = []
    for article in articles:
        if article.document is not None:  # a page: the document read_file made of it
            document = article.document
        else:
            document = Document(
                origin=f"{article.dataset}/{article.doc}",
                format="text",
                raw_text=article.text,
                text=article.text,
                title=article.title or None,
                outlet=outlet_name(article.dataset, article.doc),
            )
        by_origin[document.origin] = article
        documents.append(document)
    started = time.perf_counter()
    tally = import_documents(documents)
    elapsed = time.perf_counter() - started
    if tally.failed:
        print(f"warning: {tally.failed} documents failed: {tally.errors[:3]}", file=sys.stderr)
    claims = []
    for claim in Claim.objects.select_related("source").order_by("id"):
        article = by_origin[claim.source.origin]
        start, end = locate(claim.text, article.text, claim.start)
        claims.append(SystemClaim(claim.pk, article, claim.text, start, end))
    return claims, elapsed


def locate(text: str, raw: str, near: int) -> tuple[int, int]:
    """The claim's span in the raw text: the occurrence nearest its offset in the cleaned body,
    allowing any run of whitespace where the claim has one (cleaning collapses some)."""
    pattern = r"\s+".join(re.escape(word) for word in text.split())
    spans = [(m.start(), m.end()) for m in re.finditer(pattern, raw)] if pattern else []
    if not spans:
        return -1, -1
    return min(spans, key=lambda span: abs(span[0] - near))


# ------------------------------------------------------------------------------ scoring


@dataclass(slots=True)
class Judged:
    claim: SystemClaim
    label: str  # what the claim counts as: a LABELLING.md label, or "not found"
    sentence: dict | None  # the labelled sentence it overlaps most
    why: str = ""


@dataclass(slots=True)
class Tally:
    extracted: int = 0
    not_found: int = 0
    as_label: collections.Counter = field(default_factory=collections.Counter)
    gold: collections.Counter = field(default_factory=collections.Counter)
    recalled: int = 0
    touched: int = 0  # claim sentences some extracted claim overlaps (whole or not)

    def report(self) -> dict:
        found = self.extracted - self.not_found

        def share(n: int, of: int) -> float | None:
            return round(n / of, 3) if of else None

        return {
            "sentences": sum(self.gold.values()),
            "gold": {label: self.gold[label] for label in LABELS_ORDER},
            "extracted": self.extracted,
            "not_found": self.not_found,
            "as_label": {label: self.as_label[label] for label in LABELS_ORDER},
            "precision": share(self.as_label["claim"], found),
            "recall": share(self.recalled, self.gold["claim"]),
            "recall_any_overlap": share(self.touched, self.gold["claim"]),
            "boilerplate_rate": share(self.as_label["boilerplate"], found),
            "not_checkworthy_rate": share(self.as_label["not-checkworthy"], found),
            "fragment_rate": share(self.as_label["fragment"], found),
        }


def judge(claim: SystemClaim, sentences: list[dict]) -> Judged:
    if claim.start < 0:
        return Judged(claim, "not found", None, "claim text not in the raw text")
    overlaps = []
    for sentence in sentences:
        shared = min(claim.end, sentence["end"]) - max(claim.start, sentence["start"])
        if shared > 0:
            overlaps.append((shared, sentence))
    if not overlaps:
        return Judged(claim, "not found", None, "no labelled sentence at its offsets")
    overlaps.sort(key=lambda item: -item[0])
    shared, main = overlaps[0]
    others = [s for n, s in overlaps[1:] if n > OTHER_CHARS]
    if others:
        return Judged(claim, "fragment", main, f"covers {1 + len(others)} labelled sentences")
    length = main["end"] - main["start"]
    if shared < WHOLE_SHARE * length:
        return Judged(claim, "fragment", main, f"covers {shared}/{length} chars of a sentence")
    return Judged(claim, main["label"], main)


def score_labelled(claims: list[SystemClaim], labels: list[dict]) -> tuple[dict, list[Judged]]:
    by_article = collections.defaultdict(list)
    for item in labels:
        by_article[item["dataset"], item["doc"]].append(item)
    tallies = {kind: Tally() for kind in (*KINDS, "overall")}
    judged = [judge(claim, by_article[claim.article.key]) for claim in claims]
    whole: set[tuple[str, str, int]] = set()
    touched: set[tuple[str, str, int]] = set()
    for item in judged:
        for kind in (item.claim.article.dataset, "overall"):
            tally = tallies[kind]
            tally.extracted += 1
            if item.label == "not found":
                tally.not_found += 1
            else:
                tally.as_label[item.label] += 1
        if item.sentence is None:
            continue
        ref = (item.sentence["dataset"], item.sentence["doc"], item.sentence["start"])
        if item.label != "fragment":
            whole.add(ref)
        for sentence in by_article[item.claim.article.key]:
            if min(item.claim.end, sentence["end"]) > max(item.claim.start, sentence["start"]):
                touched.add((sentence["dataset"], sentence["doc"], sentence["start"]))
    for item in labels:
        ref = (item["dataset"], item["doc"], item["start"])
        for kind in (item["dataset"], "overall"):
            tallies[kind].gold[item["label"]] += 1
            if item["label"] == "claim":
                tallies[kind].recalled += ref in whole
                tallies[kind].touched += ref in touched
    return {kind: tally.report() for kind, tally in tallies.items()}, judged


def check_labels(labels: list[dict], articles: list[Article]) -> int:
    """Labels whose sentence is no longer at its offsets (the data or the splitter changed)."""
    texts = {article.key: article.text for article in articles}
    stale = 0
    for item in labels:
        text = texts.get((item["dataset"], item["doc"]))
        if text is None or sentence_hash(text[item["start"] : item["end"]]) != item["sha"]:
            stale += 1
    return stale


def print_report(report: dict, elapsed: float, stale: int) -> None:
    print(f"import + extract: {elapsed:.1f} s" + (f"; {stale} stale labels" if stale else ""))
    print(
        f"  {'kind':9} {'sent.':>5} {'claim':>5} {'extr.':>5} {'n/f':>4} {'prec.':>6} "
        f"{'recall':>6} {'(any)':>6} {'boiler':>6} {'n-chk':>6} {'frag':>6}"
    )

    def fmt(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    for kind, row in report.items():
        print(
            f"  {kind:9} {row['sentences']:>5} {row['gold']['claim']:>5} {row['extracted']:>5} "
            f"{row['not_found']:>4} {fmt(row['precision']):>6} {fmt(row['recall']):>6} "
            f"{fmt(row['recall_any_overlap']):>6} {fmt(row['boilerplate_rate']):>6} "
            f"{fmt(row['not_checkworthy_rate']):>6} {fmt(row['fragment_rate']):>6}"
        )


def errors(judged: list[Judged], labels: list[dict], articles: list[Article]) -> list[dict]:
    """Extracted claims that are not whole claim sentences, and claim sentences missed."""
    texts = {article.key: article.text for article in articles}
    out = []
    whole = set()
    for item in judged:
        if item.label != "fragment" and item.sentence is not None:
            whole.add((item.sentence["dataset"], item.sentence["doc"], item.sentence["start"]))
        if item.label == "claim":
            continue
        claim = item.claim
        out.append(
            {
                "error": "extracted",
                "label": item.label,
                "sentence_label": item.sentence["label"] if item.sentence else None,
                "why": item.why,
                "dataset": claim.article.dataset,
                "doc": claim.article.doc,
                "start": claim.start,
                "end": claim.end,
                "sha": sentence_hash(claim.text),
                "text": claim.text,
            }
        )
    for item in labels:
        if item["label"] == "claim" and (item["dataset"], item["doc"], item["start"]) not in whole:
            text = texts.get((item["dataset"], item["doc"]), "")
            out.append(
                {
                    "error": "missed",
                    "label": "claim",
                    **{key: item[key] for key in ("dataset", "doc", "start", "end", "sha")},
                    "text": text[item["start"] : item["end"]],
                }
            )
    return out


def score(args: argparse.Namespace) -> None:
    labels = read_jsonl(args.labels)
    if not labels:
        sys.exit(f"{args.labels}: no labels")
    articles = labelled_articles({(item["dataset"], item["doc"]) for item in labels})
    stale = check_labels(labels, articles)
    claims, elapsed = run_system(articles)
    report, judged = score_labelled(claims, labels)
    print_report(report, elapsed, stale)
    found = errors(judged, labels, articles)
    if args.verbose:
        for item in found:
            where = f"{item['dataset']}/{item['doc']}@{item['start']}"
            why = f" ({item['why']}; sentence: {item['sentence_label']})" if item.get("why") else ""
            print(f"{item['error']:9} {item['label']:15} {where}{why}\n          {item['text']}")
    if args.save:
        # References only: the saved figures may be kept where research text must not go.
        kept = [{key: v for key, v in item.items() if key != "text"} for item in found]
        args.save.write_text(
            json.dumps(
                {"report": report, "seconds": elapsed, "stale": stale, "errors": kept}, indent=1
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("score", help="run the system and measure it")
    run.add_argument("--labels", type=Path, default=LABELS)
    run.add_argument("--save", type=Path, help="write the figures as JSON here")
    run.add_argument("--verbose", action="store_true", help="list every error with its label")
    run.set_defaults(func=score)
    draw = commands.add_parser("sample", help="draw sentences to label (texts go to --out)")
    draw.add_argument("--out", type=Path, required=True)
    draw.add_argument("--seed", type=int, default=2027)
    draw.add_argument("--roundups", type=int, default=170, help="roundup articles to draw")
    draw.add_argument("--bbc", type=int, default=18, help="BBC articles to draw")
    draw.set_defaults(func=sample)
    take = commands.add_parser("adopt", help="add labels to the labelled set (references only)")
    take.add_argument("--sample", type=Path, required=True, help="the directory sample wrote")
    take.add_argument("--labels", type=Path, nargs="+", required=True)
    take.add_argument("--into", type=Path, default=LABELS)
    take.set_defaults(func=adopt)
    args = parser.parse_args()
    if not ROUNDUPS.exists():
        sys.exit(f"{ROUNDUPS}: not found (the reference data lives in ../shared/data/)")
    args.func(args)


if __name__ == "__main__":
    main()
