"""The numpy forward pass of all-MiniLM-L6-v2: unit vectors whose dot product means something."""

import numpy as np

from factcheck.pipeline import embedding


def test_the_model_wheel_is_installed():
    # make install puts it there (requirements-model.txt); the matcher is weaker without it.
    assert embedding.available()


def test_vectors_are_unit_length_and_in_input_order():
    texts = ["A much longer sentence about the treaty and the vote in parliament.", "Short."]
    vectors = embedding.encode(texts)
    assert vectors.shape == (2, embedding.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[1], embedding.encode(["Short."])[0], atol=1e-5)


def test_a_paraphrase_is_closer_than_a_different_claim():
    same, paraphrase, other = embedding.encode(
        [
            "The senate voted 61-40 to approve the bill.",
            "The bill was approved by 61 votes to 40 in the senate.",
            "A monkey is playing drums at the zoo.",
        ]
    )
    assert same @ paraphrase > 0.8
    assert same @ other < 0.2
