"""What the evaluators share: where the research data is, how labels refer to sentences, and
a scratch database to run the real import in.

Research data is read in place from ``../shared/data`` (or ``FACTDESK_RESEARCH_DATA``, from a
worktree) and never copied into the repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("FACTDESK_RESEARCH_DATA") or ROOT.parent / "shared" / "data")
ROUNDUPS = DATA / "allsides-roundups" / "roundups.jsonl"
BBC = DATA / "bbc-news" / "bbc_news.jsonl"
# The evaluators import the project's own modules.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def sentence_hash(text: str) -> str:
    """How a label names its sentence without storing it: whitespace-normalised, hashed."""
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:12]


def read_jsonl(path: Path) -> list[dict]:
    """Every record of a JSON Lines file; none when the file does not exist yet."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def outlet_name(dataset: str, doc: str) -> str:
    """The outlet an article is imported under (the data sets do not name them)."""
    if dataset == "allsides":
        return f"AllSides outlet {doc.rsplit('-', 1)[1]}"
    if dataset == "bbc":
        return "BBC News"
    return f"Seed {doc[:3]}"


def scratch_database(prefix: str) -> None:
    """Point Django at a fresh SQLite database, set it up and migrate it."""
    scratch = tempfile.mkdtemp(prefix=prefix)
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/eval.sqlite3"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
