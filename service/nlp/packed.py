"""Read-only word tables packed into two byte strings: no Python object per word.

A dict of 240,000 German words to tuples of English meanings is about 80 MB of Python objects (keys, tuples,
strings). Built in the gunicorn master before it forks, those objects are shared with the workers only
until a worker writes to their pages: a lookup increments the reference count of the value it returns, and
a worker's new objects fill the free slots between them, so each worker ends up with a private copy of
much of it. Packed, the table is one `bytes` of entries (`key NUL value NUL`, UTF-8, in insertion order) and
one `bytes` of slots (an open-addressing hash table of entry offsets, CRC-32 of the key, linear probing):
reading never writes to either, so the pages stay shared, and the two byte strings are marshalled into the
derived cache (service/nlp/cache.py) as they are.

A lookup costs about a microsecond instead of a dict's tens of nanoseconds: for tables looked up a few
hundred times a check, behind the callers' own caches.
"""
from __future__ import annotations

from array import array
from typing import Iterable, Iterator, Optional
from zlib import crc32

_NUL = b"\0"
_EMPTY = 0xFFFFFFFF


class PackedTable:
    """A read-only mapping of str to str (or to None: a set), packed; `split` makes values tuples split on it.

    `PackedTable.build(items)` packs (key, value) pairs (the first of two equal keys wins, as in building a
    dict with setdefault); `PackedTable(*table.state())` makes it again from what `state()` returns."""

    __slots__ = ("_entries", "_slots", "_mask", "_count", "_split")

    def __init__(self, entries: bytes, slots: bytes, count: int, split: Optional[str] = None):
        self._entries, self._count, self._split = entries, count, split
        self._slots = memoryview(slots).cast("I")
        self._mask = len(self._slots) - 1

    @classmethod
    def build(cls, items: Iterable[tuple[str, Optional[str]]], split: Optional[str] = None) -> "PackedTable":
        chunks, offsets, hashes, seen, at, nuls = [], [], [], set(), 0, 0
        for key, value in items:
            if key in seen:
                continue
            seen.add(key)
            name = key.encode("utf-8")
            raw = name + _NUL if value is None else name + _NUL + value.encode("utf-8") + _NUL
            nuls += 1 if value is None else 2
            offsets.append(at)
            hashes.append(crc32(name))
            chunks.append(raw)
            at += len(raw)
        entries = b"".join(chunks)
        if entries.count(_NUL) != nuls:
            raise ValueError("a NUL in a packed entry")
        if at >= _EMPTY:
            raise ValueError("a packed table holds at most 4 GB")
        size = 8
        while size < 2 * len(offsets):
            size *= 2
        slots, mask = [_EMPTY] * size, size - 1
        for offset, hashed in zip(offsets, hashes):
            slot = hashed & mask
            while slots[slot] != _EMPTY:
                slot = (slot + 1) & mask
            slots[slot] = offset
        slots = array("I", slots)
        return cls(entries, slots.tobytes(), len(offsets), split)

    def state(self) -> tuple:
        """What the table is made of, in values marshal writes."""
        return self._entries, self._slots.tobytes(), self._count, self._split

    def _find(self, key: str) -> int:
        """The offset just after the key's NUL in the entries, or -1."""
        try:
            raw = key.encode("utf-8") + _NUL
        except (UnicodeEncodeError, AttributeError):   # a lone surrogate: no key has one; not a str: none
            return -1
        if raw.count(_NUL) != 1:   # no key holds a NUL (build refuses one): it would read into a value
            return -1
        entries, slots, mask = self._entries, self._slots, self._mask
        slot = crc32(raw[:-1]) & mask
        while True:
            offset = slots[slot]
            if offset == _EMPTY:
                return -1
            if entries.startswith(raw, offset):
                return offset + len(raw)
            slot = (slot + 1) & mask

    def _value(self, at: int):
        value = self._entries[at:self._entries.index(_NUL, at)].decode("utf-8")
        return tuple(value.split(self._split)) if self._split is not None else value

    def get(self, key: str, default=None):
        at = self._find(key)
        return default if at < 0 else self._value(at)

    def __getitem__(self, key: str):
        at = self._find(key)
        if at < 0:
            raise KeyError(key)
        return self._value(at)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) >= 0

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.items())

    def keys(self) -> Iterator[str]:
        return iter(self)

    def values(self) -> Iterator:
        return (value for _, value in self.items())

    def items(self) -> Iterator[tuple]:
        """(key, value) in the order they were packed."""
        entries, at = self._entries, 0
        while at < len(entries):
            end = entries.index(_NUL, at)
            key = entries[at:end].decode("utf-8")
            at = end + 1
            end = entries.index(_NUL, at)
            value = entries[at:end].decode("utf-8")
            yield key, tuple(value.split(self._split)) if self._split is not None else value
            at = end + 1

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedTable):
            return type(self) is type(other) and self._split == other._split and self._entries == other._entries
        return NotImplemented

    __hash__ = None


class PackedSet(PackedTable):
    """A read-only set of str, packed (a PackedTable without values)."""

    __slots__ = ()

    @classmethod
    def build(cls, keys: Iterable[str], split: Optional[str] = None) -> "PackedSet":
        return super().build(((key, None) for key in keys))

    def _value(self, at: int):
        return None

    def items(self) -> Iterator[tuple]:
        entries, at = self._entries, 0
        while at < len(entries):
            end = entries.index(_NUL, at)
            yield entries[at:end].decode("utf-8"), None
            at = end + 1
