"""Same event: the import's fast gate gives the figures of the plain cosine."""

import pytest

from factcheck.pipeline.comparison import events


def vector(title, body, rare=()):
    weights = {word: (3.0 if word in rare else 1.0) for word in events.event_words(title, body)}
    return events.event_vector(events.event_words(title, body), weights.__getitem__)


def test_the_event_space_gives_the_cosine_of_every_pair():
    one = vector(
        "Brenmark parliament approves wind farm bill", "Lawmakers voted 61-40.", {"brenmark"}
    )
    others = [
        vector("Wind farm bill clears Brenmark parliament", "The bill passed by 61 votes to 40."),
        vector("Storm closes Brenmark ports", "Ferries stayed in port on Monday."),
        vector("Football results", "United won 2-0 at home."),
    ]
    space = events.EventSpace()
    encoded = [space.encode(other) for other in others]
    scores = space.similarities(space.encode(one), encoded)
    assert scores == pytest.approx([events.event_similarity(one, other) for other in others])
    assert scores[0] > scores[1] > scores[2] == 0.0
