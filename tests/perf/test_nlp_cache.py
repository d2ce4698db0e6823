"""The derived cache of built word lists (service/nlp/cache.py): the same structures with and without it,
the same compiled regexes, and a corrupt, stale or unwritable cache rebuilt or bypassed, never trusted."""
import re

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from service.nlp import bilingual, cache, subjects
from service.nlp.lexicon import TermFinder, _trie_pattern, fold, load
from service.nlp.places import Gazetteer

TEXTS = [
    "Laut Polizei demonstrierten rund 3.000 Menschen am Montag in Berlin und in Frankfurt am Main.",
    "Police in New York said 12 people were evacuated from Kursk in western Russia on Tuesday.",
    "Das Bundesamt für Statistik (Destatis) meldete 4,2 Prozent mehr Grippefälle in Nordrhein-Westfalen.",
    "The Ukrainian army and North Korean troops: 10,000 soldiers, the Pentagon said; São Paulo, Zürich, Straße.",
]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "nlp-cache"
    monkeypatch.setenv("CLAIMCHECK_NLP_CACHE", str(folder))
    return folder


def _gazetteer():
    return Gazetteer(load("places"), load("cities").get("cities", []))


def _finders(gazetteer):
    return [gazetteer.names._curated, gazetteer.names._cities, gazetteer.demonyms, gazetteer.directions]


def _same_finder(a: TermFinder, b: TermFinder):
    assert a._values == b._values
    assert list(a._values) == list(b._values)
    assert a._pattern == b._pattern          # Pattern equality: the same pattern, flags and compiled code
    for text in TEXTS:
        assert list(a.finditer(text)) == list(b.finditer(text))


def test_gazetteer_the_same_built_written_and_read_back(cache_dir, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_NLP_CACHE", "off")
    built = _gazetteer()
    assert not cache_dir.exists()
    monkeypatch.setenv("CLAIMCHECK_NLP_CACHE", str(cache_dir))
    written = _gazetteer()                  # a miss: built and written
    files = sorted(cache_dir.glob("terms-*.bin"))
    assert len(files) >= 2                  # the curated names and the cities at least
    read = _gazetteer()                     # a hit: read back
    assert sorted(cache_dir.glob("terms-*.bin")) == files
    for finders in (_finders(written), _finders(read)):
        for a, b in zip(_finders(built), finders):
            _same_finder(a, b)
    assert built.names.search(TEXTS[1]) == read.names.search(TEXTS[1]) is not None


def test_a_finder_read_back_finds_what_the_pattern_compiled_by_re_finds(cache_dir):
    entries = [(c["names"][0], c["id"]) for c in load("cities")["cities"][:3000]]
    TermFinder(entries)
    finder = TermFinder(entries)            # read back
    spellings = {s for term, _ in entries for s in (term.strip(), fold(term.strip())) if s}
    compiled = re.compile(rf"(?<![\w])(?:{_trie_pattern(sorted(spellings))})(?![\w])", re.IGNORECASE)
    assert finder._pattern == compiled


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="abßSsKkİi ÄäéÉ-.'\u00a0\u212a", min_size=1, max_size=8), min_size=1, max_size=12),
       st.sampled_from([0, re.IGNORECASE]))
def test_regex_from_its_stored_code_is_the_pattern_re_compiles(terms, flags):
    pattern = _trie_pattern(sorted({t for t in terms if t.strip()} or {"x"}))
    assert cache.regex(cache.regex_spec(pattern, flags)) == re.compile(pattern, flags)


def test_dictionary_and_event_lemmas_the_same_with_and_without(cache_dir, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_NLP_CACHE", "off")
    bilingual._dictionary.cache_clear()
    subjects._event_lemmas.cache_clear()
    try:
        built = bilingual._dictionary(), subjects._event_lemmas()
        monkeypatch.setenv("CLAIMCHECK_NLP_CACHE", str(cache_dir))
        for _ in ("miss", "hit"):
            bilingual._dictionary.cache_clear()
            subjects._event_lemmas.cache_clear()
            again = bilingual._dictionary(), subjects._event_lemmas()
            assert again == built
            assert list(again[0].items())[:1000] == list(built[0].items())[:1000]
            assert again[1][1] == built[1][1]       # the phrases in the same order
        assert {p.name.split("-")[0] for p in cache_dir.glob("*.bin")} >= {"bilingual", "event"}
    finally:
        bilingual._dictionary.cache_clear()
        subjects._event_lemmas.cache_clear()


def test_a_corrupt_or_truncated_file_is_rebuilt(cache_dir):
    calls = []

    def build():
        calls.append(1)
        return {"value": (1, 2, 3)}

    assert cache.cached("probe", b"inputs", build) == {"value": (1, 2, 3)}
    (path,) = cache_dir.glob("probe-*.bin")
    good = path.read_bytes()
    for damaged in (good[: len(good) // 2], good[:-1] + bytes([good[-1] ^ 1]), b"", b"garbage" * 10):
        path.write_bytes(damaged)
        assert cache.cached("probe", b"inputs", build) == {"value": (1, 2, 3)}
        assert path.read_bytes() == good     # rewritten whole
    assert len(calls) == 5
    assert cache.cached("probe", b"inputs", build) == {"value": (1, 2, 3)} and len(calls) == 5


def test_a_stale_file_is_not_read(cache_dir):
    assert cache.cached("probe", b"old inputs", lambda: "old") == "old"
    (old,) = cache_dir.glob("probe-*.bin")
    # other inputs (a changed word list, changed code) are another key: the old file is not read
    assert cache.cached("probe", b"new inputs", lambda: "new") == "new"
    assert cache.cached("probe", b"new inputs", lambda: "rebuilt") == "new"
    # a sound file under a name it was not written for (copied, or a hash prefix shared) is not read either
    (new,) = set(cache_dir.glob("probe-*.bin")) - {old}
    new.write_bytes(old.read_bytes())
    assert cache.cached("probe", b"new inputs", lambda: "rebuilt") == "rebuilt"


def test_changed_code_is_another_key(cache_dir, monkeypatch):
    first = cache.key_of("probe", b"x")
    monkeypatch.setattr(cache, "code_version", lambda: b"other code")
    assert cache.key_of("probe", b"x") != first


def test_without_a_writable_directory_everything_is_built(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("CLAIMCHECK_NLP_CACHE", str(blocked / "cache"))
    assert cache.cached("probe", b"x", lambda: [1]) == [1]
    monkeypatch.setenv("CLAIMCHECK_NLP_CACHE", "off")
    assert cache.directory() is None
    assert cache.cached("probe", b"x", lambda: [2]) == [2]


def test_values_marshal_cannot_write_are_built_every_time(cache_dir):
    value = cache.cached("probe", b"x", lambda: object)
    assert value is object
    assert not list(cache_dir.glob("probe-*.bin"))


def test_encoder_the_same_vectors_with_and_without(cache_dir, monkeypatch):
    from service import encoder

    texts = ["Rund 3.000 Menschen demonstrierten am Montag in Berlin.", "Police said 12 people died.",
             "Nordkorea hat 12.000 Soldaten nach Russland geschickt " * 20]
    saved = encoder._model
    try:
        monkeypatch.setenv("CLAIMCHECK_NLP_CACHE", "off")
        encoder._model = None
        built = encoder.embed(texts)
        monkeypatch.setenv("CLAIMCHECK_NLP_CACHE", str(cache_dir))
        for _ in ("miss", "hit"):
            encoder._model = None
            assert np.array_equal(encoder.embed(texts), built)
        assert list(cache_dir.glob("encoder-*.bin"))
    finally:
        encoder._model = saved


def test_number_models_read_back_recognize_the_same(cache_dir, monkeypatch):
    from ms_recognizers_number import recognize_number
    from ms_recognizers_text.model import ModelFactory

    store = ModelFactory._ModelFactory__cache
    texts = {"de-de": ["rund dreitausend Menschen, zwölf Verletzte und 1,5 Millionen Euro", "ein Drittel, anderthalb"],
             "en-us": ["about three thousand people, twelve injured and 1.5 million dollars", "a quarter of a million"]}

    def recognized():
        return {culture: [[(r.start, r.end, r.text, str(r.resolution)) for r in recognize_number(text, culture)]
                          for text in items] for culture, items in texts.items()}

    def forget():
        for key in [k for k in store if k.model_type == "NumberModel" and k.culture in texts]:
            del store[key]

    saved = dict(store)
    try:
        forget()
        built = recognized()
        assert any(built["de-de"]) and any(built["en-us"])
        for _ in ("miss", "hit"):
            forget()
            cache.warm_number_models(tuple(texts))
            assert {k.culture for k in store if k.model_type == "NumberModel"} >= set(texts)
            assert recognized() == built
        assert list(cache_dir.glob("number-models-*.bin"))
    finally:
        store.clear()
        store.update(saved)


def test_a_file_read_is_kept_and_old_ones_pruned(cache_dir):
    import os
    import time

    cache.cached("probe", b"in use", lambda: 1)
    cache.cached("probe", b"unused", lambda: 2)
    old = time.time() - 3 * 86400
    for path in cache_dir.glob("probe-*.bin"):
        os.utime(path, (old, old))
    assert cache.cached("probe", b"in use", lambda: 0) == 1      # a hit: touched
    cache.cached("probe", b"new", lambda: 3)                      # a write prunes
    assert cache.cached("probe", b"in use", lambda: 0) == 1
    assert cache.cached("probe", b"unused", lambda: 0) == 0       # pruned, rebuilt


def test_keys_without_the_code_do_not_change_with_it(monkeypatch):
    without, with_code = cache.key_of("probe", b"x", code=False), cache.key_of("probe", b"x")
    monkeypatch.setattr(cache, "code_version", lambda: b"other code")
    assert cache.key_of("probe", b"x", code=False) == without
    assert cache.key_of("probe", b"x") != with_code


def test_the_default_directory_is_under_the_virtualenv(monkeypatch):
    import sys
    from pathlib import Path

    monkeypatch.delenv("CLAIMCHECK_NLP_CACHE", raising=False)
    assert cache.directory() == Path(sys.prefix) / "var" / "claimcheck-nlp-cache"
    for off in ("off", "0", "", "no"):
        monkeypatch.setenv("CLAIMCHECK_NLP_CACHE", off)
        assert cache.directory() is None
