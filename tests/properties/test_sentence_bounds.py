"""Run-on text is cut into sentences of bounded length, losing no character (a 100k-character
"sentence" made one claim whose text the encoder took about a minute to embed)."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.nlp.sentences import MAX_SENTENCE_CHARS, split_sentences

WORDS = st.sampled_from(["wort", "Wort,", "1.500", "Menschen;", "👩‍👩‍👧", "رقم", "\u202e", "x" * 700, "und", "\n", "  "])


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(WORDS, min_size=1, max_size=600), st.sampled_from(["", "Ein Satz. ", "Die Polizei zählte 500. "]))
def test_sentences_are_bounded_and_lose_nothing(words, lead):
    text = lead + " ".join(words)
    spans = split_sentences(text)
    assert all(0 < end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(covered.split()) == "".join(text.split())
