"""A derived cache of what the word lists are built into, so that a process starts without rebuilding them.

The term finders' regexes (tens of thousands of terms factored into one trie pattern), the bilingual
dictionary and the event lexicon by lemma take about two seconds to build and a few hundred milliseconds to
read back. Each is written to its own file, named by a hash of everything it is built from: its inputs (the
terms, the data file's bytes), the source and word lists of `service/nlp`, the versions of the tagger it is read with and
of Python (a regex is stored as the compiled code `_sre` runs, which only that Python reads). A changed
input or code is another name, so a stale file is never read, only left to be pruned. A file holds its key
and a SHA-256 of its content: a truncated or corrupt file is rebuilt. The cache is never required: without a
directory it can write to (`CLAIMCHECK_NLP_CACHE`, "off" to disable; by default `var/claimcheck-nlp-cache`
under the virtualenv) every structure is built as before.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import re
import sys
import tempfile
import time
from array import array
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional, TypeVar

import _sre

T = TypeVar("T")

FORMAT = b"claimcheck-nlp-cache 1"
_MAGIC = b"CCNLPC01"
_NLP = Path(__file__).parent
# Packages whose behaviour a cached structure depends on (the event lexicon is read by the HanTa tagger).
_PACKAGES = ("HanTa",)
# Files nobody has written or read for this long are removed when a new one is written (a file read is
# touched): each change of the code under development leaves a set of about 120 MB behind.
_PRUNE_AFTER_S = 2 * 86400


def directory() -> Optional[Path]:
    configured = os.environ.get("CLAIMCHECK_NLP_CACHE")
    if configured is not None:
        if configured.strip().lower() in ("", "0", "off", "no", "false"):
            return None
        return Path(configured)
    return Path(sys.prefix) / "var" / "claimcheck-nlp-cache"


@lru_cache(maxsize=1)
def code_version() -> bytes:
    """What every cached structure is built by: this package's source, the tagger's version, Python's."""
    from importlib import metadata

    digest = hashlib.sha256(FORMAT)
    digest.update(f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}".encode())
    for package in _PACKAGES:
        try:
            digest.update(f"|{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"|{package}=none".encode())
    # the word lists too: what the tagger reads a phrase as may depend on them
    for path in sorted([*_NLP.glob("*.py"), *(_NLP / "data").glob("*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def key_of(name: str, inputs: object, code: bool = True) -> str:
    """The file key of a structure: its name, its inputs (bytes, or values marshal can write) and, with
    `code`, the code of service/nlp (without: only this module's format and Python's version)."""
    if not isinstance(inputs, bytes):
        # version 0 writes no back-references and no interning marks: the same values give the same bytes
        inputs = marshal.dumps(inputs, 0)
    digest = hashlib.sha256(code_version() if code else FORMAT + sys.version.encode())
    digest.update(name.encode() + b"\0")
    digest.update(inputs)
    return f"{name}-{digest.hexdigest()[:40]}"


def cached(name: str, inputs: object, build: Callable[[], T], *, objects: bool = False, code: bool = True) -> T:
    """build()'s value, read from the cache file of (name, inputs, code) when a sound one is there, else built
    and written there. The value must be made of what `marshal` writes (str, numbers, tuples, lists, dicts,
    sets, bytes); it is read back equal, with the same types and order. With `objects`, it is written with
    pickle instead (objects of classes, arrays): slower to read, and as trusted as the code, since
    reading a pickle runs what it names; the cache directory must be as safe from others as the virtualenv.
    Without `code`, the key leaves out the source of service/nlp: for what does not depend on it (the
    encoder, the number recognizer), whose inputs must then name everything that makes it."""
    folder = directory()
    if folder is None:
        return build()
    try:
        key = key_of(name, inputs, code)
    except ValueError:   # inputs marshal cannot write: not cacheable
        return build()
    path = folder / f"{key}.bin"
    codec = pickle if objects else marshal
    found = _read(path, key, codec)
    if found is not None:
        try:
            os.utime(path)   # in use: not pruned
        except OSError:
            pass
        return found[0]
    value = build()
    _write(path, key, value, codec)
    return value


def _read(path: Path, key: str, codec) -> Optional[tuple]:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) < len(_MAGIC) + 32 or not data.startswith(_MAGIC):
        return None
    payload = memoryview(data)[len(_MAGIC) + 32:]   # not copied: the encoder's file is 80 MB
    if hashlib.sha256(payload).digest() != data[len(_MAGIC):len(_MAGIC) + 32]:
        return None
    try:
        stored_key, value = codec.loads(payload)
    except Exception:   # whatever a damaged file makes the reader raise: it is rebuilt
        return None
    if stored_key != key:
        return None
    return (value,)


def _write(path: Path, key: str, value: object, codec) -> None:
    """Written to a temporary file and renamed into place: a reader sees the whole file or none."""
    try:
        payload = codec.dumps((key, value), protocol=5) if codec is pickle else codec.dumps((key, value))
    except (ValueError, TypeError, pickle.PicklingError, AttributeError):   # not writable: stays uncached
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".bin")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(path.parent)
    except OSError:   # a read-only or full disk: the structure is simply not cached
        pass


def _prune(folder: Path) -> None:
    limit = time.time() - _PRUNE_AFTER_S
    for old in folder.glob("*.bin"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass


# --- compiled regular expressions -------------------------------------------------------------------------
# re.compile parses a pattern and generates its code in Python: for a trie of 60,000 place names that is
# most of a second. The generated code is a list of integers that `_sre.compile` turns into the Pattern; it
# is stored, and the Pattern made from it again is the same Pattern (equal pattern, flags and code).

def regex_spec(pattern: str, flags: int = 0) -> tuple:
    """What `re.compile(pattern, flags)` hands `_sre.compile`, in a form marshal writes."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for group, index in groupindex.items():
        indexgroup[index] = group
    return (pattern, int(flags | parsed.state.flags), array("I", code).tobytes(), parsed.state.groups - 1,
            groupindex, tuple(indexgroup))


def regex(spec: tuple) -> re.Pattern:
    pattern, flags, code, groups, groupindex, indexgroup = spec
    return _sre.compile(pattern, flags, array("I", code).tolist(), groups, groupindex, indexgroup)


# --- the number recognizer's models --------------------------------------------------------------------------
# ms_recognizers builds a culture's number model on first use by compiling a few hundred patterns with the
# `regex` module (about 0.2 s for German and English). Its compiled patterns pickle as their compiled code,
# so the built models are kept here and put into the library's own model cache before anything asks for them.

NUMBER_CULTURES = ("de-de", "en-us")      # the cultures service/nlp/numbers.py asks for


def warm_number_models(cultures: tuple = NUMBER_CULTURES) -> None:
    """The recognizer's number models for `cultures`, read back from the cache once built, in its cache."""
    from importlib import metadata

    try:
        from ms_recognizers_number.number.number_recognizer import NumberRecognizer
        from ms_recognizers_text.model import ModelFactory
    except ImportError:
        return
    store = ModelFactory._ModelFactory__cache

    def build():
        for culture in cultures:
            NumberRecognizer(culture).get_number_model(culture)
        return {key: model for key, model in store.items()
                if key.model_type == "NumberModel" and key.culture in cultures}

    versions = [metadata.version(name) for name in ("ms-recognizers-text", "ms-recognizers-text-number", "regex")]
    inputs = pickle.dumps(("number-models 1", versions, list(cultures)), protocol=5)
    models = cached("number-models", inputs, build, objects=True, code=False)
    for key, model in models.items():
        store.setdefault(key, model)
