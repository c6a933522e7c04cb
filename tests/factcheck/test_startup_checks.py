"""A bad edit to the word lists stops the app at start-up, not an import midway."""

import json

import pytest
from django.apps import apps

from factcheck.pipeline import lexicon


def test_a_word_in_two_classes_stops_the_app_from_starting(tmp_path, monkeypatch):
    broken = tmp_path / "predicate_classes.json"
    broken.write_text(
        json.dumps({"classes": {"withdraw": {"verbs": ["leave"]}, "join": {"verbs": ["leave"]}}})
    )
    monkeypatch.setattr(lexicon, "PREDICATE_CLASSES_PATH", broken)
    lexicon.predicate_classes.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match=r"'leave'.*'withdraw' and 'join'"):
            apps.get_app_config("factcheck").ready()
    finally:
        lexicon.predicate_classes.cache_clear()
