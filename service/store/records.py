"""Compact per-claim records: the columns a Claim is made of, packed with `marshal`, in a file beside the
vector index base and read by row without SQL or JSON.

A check relates hundreds of stored claims; reading one from the database costs a row lookup, the JSON
decoding of its parsed fields and the Claim's construction (about 35 µs on this machine), and in a base
larger than the claim cache nearly every candidate is read that way on every check. A record is the
same columns (`COLUMNS`, the ones `Repository.get_many` selects) as one marshalled tuple, read with
`pread` (about 10 µs with the decoding). `claim_of` is the one function that makes a Claim of them, for a
record and for a database row alike, so a record gives exactly the claim the database gives.

Stored claims are never edited (added or deleted only) and ids are never reused, so a record stays right
for as long as its claim exists; deleted claims are left out by the index's mask of dead rows.
"""
from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

from service.nlp.model import Citation, Claim

from .models import ClaimRow

# What a record holds, in order (the citation's columns and the parsed fields as stored).
COLUMNS = (ClaimRow.id, ClaimRow.document_id, ClaimRow.publisher, ClaimRow.title, ClaimRow.url,
           ClaimRow.published, ClaimRow.text, ClaimRow.start, ClaimRow.end, ClaimRow.data)
# marshal's format version: fixed, so a file written by one process is read by any other of this Python.
_VERSION = 4


def claim_of(claim_id: str, document_id, publisher, title, url, published: Optional[str], text: str,
             start: int, end: int, data: dict) -> Claim:
    """The stored claim these columns make (`published` as an ISO date or None)."""
    claim = Claim.from_dict(data)
    claim.id = claim_id
    claim.citation = Citation(document_id=document_id, publisher=publisher, title=title, url=url,
                              published=published, quote=text, start=start, end=end)
    return _shared(claim)


def _shared(claim: Claim) -> Claim:
    """The claim with its repeated strings shared: the quote is its text when they are equal, and the words
    many claims repeat (sources, publishers, titles, dates, counted things, places, a wire sentence printed
    by many papers) are interned. Values are unchanged; a cached claim takes about a third less memory
    (3.0 -> 2.0 KB measured on the bench's 1M base)."""
    citation = claim.citation
    if citation.quote == claim.text:
        citation.quote = claim.text
    for part, names in ((claim, _CLAIM_WORDS), (citation, _CITATION_WORDS), (claim.attributor, _ATTRIBUTOR_WORDS),
                        (claim.quantity, _QUANTITY_WORDS), (claim.time, _TIME_WORDS)):
        if part is not None:
            for name in names:
                value = getattr(part, name)
                if type(value) is str:
                    setattr(part, name, sys.intern(value))
    extra = claim.extra
    for key, value in extra.items():
        if type(value) is str:
            extra[key] = sys.intern(value)
    return claim


_CLAIM_WORDS = ("text", "language", "subject", "subject_key", "location", "location_key")
_CITATION_WORDS = ("document_id", "publisher", "title", "published")
_ATTRIBUTOR_WORDS = ("text", "canonical")
_QUANTITY_WORDS = ("text", "qualifier", "unit")
_TIME_WORDS = ("start", "end")


def pack(row) -> bytes:
    """A database row of COLUMNS as a record."""
    return marshal.dumps((row.id, row.document_id, row.publisher, row.title, row.url,
                          row.published.isoformat() if row.published else None, row.text, row.start, row.end,
                          row.data), _VERSION)


def unpack(record: bytes) -> Claim:
    return claim_of(*marshal.loads(record))


class Records:
    """The records of a base generation: `.rec` (the records one after another, read with pread: the pages
    stay in the page cache, shared by every process and mapped by none) and `.recoff.npy` (int64, row i's
    record is bytes offsets[i]:offsets[i + 1]; memory-mapped)."""

    def __init__(self, blob: Path, offsets: Path):
        self.offsets = np.load(offsets, mmap_mode="r")
        self._fd = os.open(blob, os.O_RDONLY)      # pread does not move a file position: safe across fork

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def raw(self, rows: Sequence[int]) -> list[bytes]:
        rows = np.asarray(rows, dtype=np.int64)
        if not len(rows):
            return []
        starts = np.asarray(self.offsets[rows], dtype=np.int64).tolist()
        ends = np.asarray(self.offsets[rows + 1], dtype=np.int64).tolist()
        return [os.pread(self._fd, end - start, start) for start, end in zip(starts, ends)]

    def claims(self, rows: Sequence[int]) -> list[Claim]:
        return [unpack(record) for record in self.raw(rows)]

    def __del__(self):
        try:
            os.close(self._fd)
        except (AttributeError, OSError):
            pass


def write(blob: Path, offsets: Path, chunks: Iterable[list[bytes]]) -> int:
    """Write records given in row order (in chunks); the number written."""
    ends, position = [0], 0
    with open(blob, "wb") as out:
        for chunk in chunks:
            for record in chunk:
                out.write(record)
                position += len(record)
                ends.append(position)
    np.save(offsets, np.asarray(ends, dtype=np.int64))
    return len(ends) - 1
