"""Derive service/nlp/data/de_en.tsv.gz from Debian's trans-de-en (the Ding dictionary, GPL-2+).

Keeps single-word German headwords (and their plural forms) with up to thirty English translations of at
most three words each, in the dictionary's own order (its first sense first), and adds the modifiers that
begin compounds but no entry of their own ("agrar": agricultural, read from "agrarexport" and the like). The derived file is under
the dictionary's licence, GPL-2.0-or-later; see the README's data table.

    python3 tools/build_dictionary.py [/usr/share/trans/de-en]
"""
from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

SOURCE = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/trans/de-en")
TARGET = Path(__file__).resolve().parents[1] / "service" / "nlp" / "data" / "de_en.tsv.gz"
_NOISE = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|/[^/]*/|<[^>]*>")
_WORD = re.compile(r"^[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß-]*$")
_KIND = re.compile(r"\{(m|f|n|pl|vt|vi|vr|adj|v)\}")


# Enough for the common senses of words with many ("Zug": lineament, stroke, pull, platoon, … train)
MAX_MEANINGS = 30

_PLACEHOLDER = {"jdn.", "jdm.", "jds.", "etw.", "sich", "sb.", "sth.", "sb's", "oneself", "yourself", "one's"}


def _clean(text: str) -> str:
    return " ".join(w for w in _NOISE.sub(" ", text).split() if w not in _PLACEHOLDER)


def _synonyms(segment: str) -> list[str]:
    return [_clean(part) for part in _NOISE.sub(" ", segment).split(";")]


def _english(segment: str) -> list[str]:
    out = []
    for word in _synonyms(segment):
        word = word[3:] if word.startswith("to ") else word
        if word and len(word.split()) <= 3 and not re.search(r"[^\w '’-]", word):
            out.append(word.lower())
    return out


# A modifier no entry has on its own ("Agrar-") is read from the compounds it begins: "agrarexport" is
# "agricultural export" and "export" is "Export", so "agrar" means "agricultural".
MIN_MODIFIER, MIN_COMPOUNDS, MIN_SHARE = 4, 3, 0.6
_LINKS = ("", "s", "es", "n", "en", "e")


def _bound_modifiers(table: dict[str, list[str]]) -> dict[str, list[str]]:
    votes: dict[str, dict[str, int]] = {}
    for word, meanings in table.items():
        for i in range(MIN_MODIFIER, len(word) - 3):
            modifier, head = word[:i], word[i:]
            if head not in table or any(modifier[:len(modifier) - len(link)] in table
                                        for link in _LINKS if modifier.endswith(link)):
                continue
            heads = set(table[head])
            for meaning in meanings:
                words = meaning.split()
                if len(words) == 2 and words[1] in heads:
                    counts = votes.setdefault(modifier, {})
                    counts[words[0]] = counts.get(words[0], 0) + 1
                    break
    found = {}
    for modifier, counts in votes.items():
        total = sum(counts.values())
        best = max(counts, key=counts.get)
        if total >= MIN_COMPOUNDS and counts[best] >= MIN_SHARE * total:
            found[modifier] = [best]
    return found


# A sense's rank for a form: the entry's headword first, then the entry's other forms, then senses a technical
# subject label or a note marks as special or rare ("Verband {m} [constr.]": wall bond), so that the first few
# meanings are the common ones. Labels of the fields news is about ([adm.], [pol.], [econ.], [med.], [mil.],
# [aviat.], [sport] …) keep their rank: "Amt {n} [adm.]" is the office.
_SPECIAL = {"[constr.]", "[math.]", "[techn.]", "[bot.]", "[zool.]", "[biol.]", "[chem.]", "[phys.]", "[mus.]",
            "[textil.]", "[electr.]", "[mach.]", "[geol.]", "[astron.]", "[print]", "[comp.]", "[relig.]", "[hist.]",
            "[ling.]", "[anat.]", "[ornith.]", "[ent.]", "[min.]", "[telco.]", "[photo.]", "[art]", "[arch.]",
            "[selten]", "[veraltet]", "[veraltend]", "[obs.]", "[rare]", "[poet.]", "[slang]", "[vulg.]", "[ugs.]",
            "[übtr.]", "[fig.]", "[geh.]", "[humor.]", "[pej.]", "[mach.]", "[statist.]", "[cook.]"}


def _ranks(segment: str) -> list[int]:
    ranks = []
    for k, raw in enumerate(segment.split(";")):
        special = bool(set(re.findall(r"\[[^\]]*\]", raw)) & _SPECIAL)
        ranks.append(2 if special else 0 if k == 0 else 1)
    return ranks


def main() -> None:
    table: dict[str, list[str]] = {}
    ranked: dict[str, list[tuple[int, int, str]]] = {}
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or " :: " not in line:
            continue
        german, english = line.split(" :: ", 1)
        de_parts, en_parts = german.split(" | "), english.split(" | ")
        if not _KIND.search(de_parts[0]) or "{pl}" in de_parts[0] and len(de_parts) == 1:
            continue
        meanings = _english(en_parts[0])
        if not meanings:
            continue
        forms = _synonyms(de_parts[0])
        ranks = _ranks(de_parts[0])
        if len(de_parts) > 1 and "{pl}" in de_parts[1]:
            plural = _english(en_parts[1]) if len(en_parts) > 1 else []
            forms += _synonyms(de_parts[1])
            ranks += _ranks(de_parts[1])
            meanings = meanings + [p for p in plural if p not in meanings]
        for form, rank in zip(forms, ranks):
            if not _WORD.match(form):
                continue
            senses = ranked.setdefault(form.lower(), [])
            for meaning in meanings:
                senses.append((rank, len(senses), meaning))
    for form, senses in ranked.items():
        known = table.setdefault(form, [])
        for _, _, meaning in sorted(senses):
            if meaning not in known and len(known) < MAX_MEANINGS:
                known.append(meaning)
    table.update(_bound_modifiers(table))
    with gzip.open(TARGET, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# derived from Debian trans-de-en (Ding, Frank Richter, GPL-2.0-or-later) by tools/build_dictionary.py\n")
        for form in sorted(table):
            out.write(form + "\t" + "|".join(table[form]) + "\n")
    print(f"{len(table)} German words -> {TARGET} ({TARGET.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
