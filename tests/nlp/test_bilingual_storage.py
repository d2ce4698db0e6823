"""The bilingual dictionary packed (service/nlp/packed.py) answers exactly what the dict it replaced answered:
for every entry of the real data, for the words its vocabularies are made of, and for random strings."""
import pytest
from hypothesis import given, settings, strategies as st

from service.nlp import bilingual
from service.nlp.packed import PackedSet, PackedTable


@pytest.fixture(scope="module")
def reference():
    """The dictionary as it was kept before it was packed: a dict of tuples, and the two frozensets."""
    table = bilingual._read_dictionary(bilingual._DATA.read_bytes())
    english_words = frozenset(w for meanings in table.values() for meaning in meanings for w in meaning.split())
    vocabulary = frozenset(set(table) | english_words)
    return table, vocabulary, english_words


@pytest.fixture(scope="module")
def packed():
    return bilingual._tables()


def test_every_entry_of_the_real_data_is_read_back_equal_and_in_order(reference, packed):
    table, _, _ = reference
    assert len(table) > 200_000
    assert len(packed[0]) == len(table)
    assert list(packed[0].items()) == list(table.items())
    for german, meanings in table.items():
        assert packed[0].get(german) == meanings
        assert packed[0][german] == meanings
        assert german in packed[0]


def test_the_vocabularies_hold_exactly_the_words_they_held(reference, packed):
    _, vocabulary, english_words = reference
    assert set(packed[1]) == vocabulary and len(packed[1]) == len(vocabulary)
    assert set(packed[2]) == english_words and len(packed[2]) == len(english_words)
    assert all(word in packed[1] for word in vocabulary)
    assert all(word in packed[2] for word in english_words)


_KNOWN = sorted(bilingual._read_dictionary(bilingual._DATA.read_bytes()))[::97]


def _words():
    """Random strings, real words and real words changed by a character, NULs and surrogates among them."""
    alphabet = st.characters(blacklist_categories=("Cn",)) | st.sampled_from("aeßsnü \0|\t-'\ud800")
    real = st.sampled_from(_KNOWN)
    changed = st.tuples(real, st.text(alphabet, max_size=2), st.booleans()).map(
        lambda t: t[1] + t[0] if t[2] else t[0] + t[1])
    return st.text(alphabet, max_size=24) | real | changed | real.map(lambda w: w[:-1]) | real.map(str.upper)


@settings(max_examples=3000, deadline=None)
@given(_words())
def test_random_strings_are_answered_as_the_dict_answered(reference, packed, word):
    table, vocabulary, english_words = reference
    assert packed[0].get(word) == table.get(word)
    assert (word in packed[0]) == (word in table)
    assert (word in packed[1]) == (word in vocabulary)
    assert (word in packed[2]) == (word in english_words)


def _answers(words: list[str]) -> list:
    """What the public functions answer for the words (their own caches emptied first)."""
    bilingual.compound_split.cache_clear()
    bilingual._compound_head.cache_clear()
    out = []
    for word in words:
        for language in ("de", "en"):
            out.append((bilingual.english(word, language), bilingual.english(word, language, heads=False),
                        bilingual.translates(word, language, "house", "en"),
                        bilingual.translates(word, "de", words[0], language, heads=False)))
        out.append((bilingual.in_dictionary(word), bilingual.english_word(word), bilingual.compound_split(word),
                     bilingual.known_share([word, "haus"])))
    return out


@settings(max_examples=600, deadline=None)
@given(st.lists(_words(), min_size=1, max_size=4))
def test_the_public_functions_answer_as_with_the_dict(reference, monkeypatch_module, words):
    packed_answers = _answers(words)
    with monkeypatch_module.context() as patch:     # the storage it replaced: the dict and two frozensets
        patch.setattr(bilingual, "_tables", lambda: reference)
        dict_answers = _answers(words)
    bilingual.compound_split.cache_clear()
    bilingual._compound_head.cache_clear()
    assert packed_answers == dict_answers


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_compound_heads_and_splits_as_with_the_dict(reference, monkeypatch_module):
    words = ["Fernzug", "Kreiskrankenhaus", "Schifffahrtsamt", "Kanalstraßen", "Brakenfeld", "Wasserstraße",
             "Landesgesundheitsamt", "Hochwasserschutzanlage", "Bundesverkehrsministerium"]
    packed_answers = _answers(words)
    with monkeypatch_module.context() as patch:
        patch.setattr(bilingual, "_tables", lambda: reference)
        assert _answers(words) == packed_answers
    bilingual.compound_split.cache_clear()
    bilingual._compound_head.cache_clear()
    assert bilingual.compound_split("Schifffahrtsamt") == ("schifffahrt", "amt")


@given(st.lists(st.tuples(st.text(st.characters(blacklist_characters="\0", blacklist_categories=("Cs",))),
                          st.text(st.characters(blacklist_characters="\0|", blacklist_categories=("Cs",))))))
def test_a_packed_table_is_the_dict_of_its_items_first_key_winning(items):
    packed = PackedTable.build(items)
    expected = {}
    for key, value in items:
        expected.setdefault(key, value)
    assert dict(packed.items()) == expected and len(packed) == len(expected)
    again = PackedTable(*packed.state())
    assert again == packed
    for key, value in expected.items():
        assert again.get(key) == value
    assert PackedSet(*PackedSet.build(list(expected)).state()) == PackedSet.build(list(expected))
    assert set(PackedSet.build(list(expected))) == set(expected)


def test_a_nul_in_an_entry_is_refused_and_never_found():
    with pytest.raises(ValueError):
        PackedTable.build([("a\0b", "c")])
    table = PackedTable.build([("a", "b"), ("c", "")])
    assert table.get("a\0b") is None and "a\0" not in table
    assert table.get("c") == "" and table.get("") is None
    assert PackedTable.build([]).get("x") is None and len(PackedTable.build([])) == 0
