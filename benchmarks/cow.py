"""What a worker copies of the master's memory: the master loads the app as gunicorn.conf.py's on_starting
does, forks a worker that checks the bench statements, and the worker reads /proc/self/pagemap to tell
which of the master's pages it now holds a private copy of (written since the fork: a reference count, a
garbage-collector header, an object's field), and which Python objects live on those pages.

    .venv/bin/python benchmarks/cow.py --base /tmp/bench-workdir [--rounds 3] [--top 25]

Printed: the worker's private anonymous memory split into pages copied from the master and pages allocated
after the fork; the copied pages by the type of the objects found on them, and by the structure (a root
named below) those objects belong to. The base is read in place (nothing is written to it).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import struct
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

PAGE = os.sysconf("SC_PAGE_SIZE")


def anonymous_ranges(pid: str = "self") -> list[tuple[int, int]]:
    ranges = []
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        parts = line.split(None, 5)
        name = parts[5].strip() if len(parts) > 5 else ""
        if name in ("", "[heap]") or name.startswith("[anon"):
            start, end = (int(x, 16) for x in parts[0].split("-"))
            ranges.append((start, end))
    return ranges


def private_pages(ranges: list[tuple[int, int]]) -> set[int]:
    """Page numbers in `ranges` that are present and mapped by this process alone (pagemap bit 56)."""
    found = set()
    with open("/proc/self/pagemap", "rb") as pagemap:
        for start, end in ranges:
            first, count = start // PAGE, (end - start) // PAGE
            pagemap.seek(first * 8)
            data = pagemap.read(count * 8)
            for i, (entry,) in enumerate(struct.iter_unpack("<Q", data)):
                if entry >> 63 & 1 and entry >> 56 & 1:
                    found.add(first + i)
    return found


def private_mb() -> float:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:])
    return round(sum(int(fields[f].split()[0]) for f in ("Private_Clean", "Private_Dirty")) / 1024, 1)


def malloc_figures() -> dict:
    """glibc's heap: bytes in use by malloc's callers, bytes it holds free, and what malloc_trim gives back."""
    import ctypes

    class Mallinfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                     "keepcost")]

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = Mallinfo2
    info = libc.mallinfo2()
    before = private_mb()
    libc.malloc_trim(0)
    return {"malloc_in_use_mb": round((info.uordblks + info.hblkhd) / 2**20, 1),
            "malloc_free_held_mb": round(info.fordblks / 2**20, 1), "python_blocks": sys.getallocatedblocks(),
            "private_mb": before, "private_after_malloc_trim_mb": private_mb()}


def roots() -> dict:
    """The large structures the master builds, by name (what the copied pages are attributed to)."""
    from service import encoder
    from service.nlp import bilingual, lexicon, places, reading

    named = {"bilingual dictionary": bilingual._dictionary(), "bilingual vocabulary": bilingual._vocabulary(),
             "english words": bilingual._english_words(), "gazetteer": places.gazetteer()}
    if encoder._model is not None:
        named["encoder tokenizer"] = encoder._model._sp
        named["encoder backend"] = encoder._model._backend
    for language in ("de", "en"):
        try:
            named[f"tagger {language}"] = reading._tagger(language)
        except Exception:
            pass
    from service.nlp import attributors, subjects

    for module in (lexicon, subjects, attributors, reading):
        for name in dir(module):
            value = getattr(module, name)
            if hasattr(value, "cache_info") and value.cache_info().currsize and not name.startswith("_tagger"):
                named[f"{module.__name__.rsplit('.', 1)[1]}.{name} (cached)"] = value
    modules = [m for n, m in sorted(sys.modules.items()) if n.startswith("service")]
    named["service modules (rest)"] = modules
    named["all modules (rest)"] = list(sys.modules.values())
    return named


def owner_of_objects(named: dict) -> dict[int, str]:
    """id -> the first root (in order) that reaches the object through gc.get_referents, not going through
    classes, modules and functions (else every root would reach every module); the last roots (modules)
    take what the named structures do not reach."""
    import types

    stop = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType)
    owner: dict[int, str] = {}
    for name, root in named.items():
        stack = [root]
        last = name.endswith("(rest)")
        while stack:
            obj = stack.pop()
            if id(obj) in owner:
                continue
            owner[id(obj)] = name
            if isinstance(obj, stop) and not (last or obj is root):
                continue
            stack.extend(ref for ref in gc.get_referents(obj) if id(ref) not in owner)
    return owner


def on_page(obj) -> range:
    start = id(obj)
    return range(start // PAGE, (start + max(sys.getsizeof(obj), 1) - 1) // PAGE + 1)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-malloc-settings", action="store_true", help="leave glibc's malloc as it is")
    parser.add_argument("--trace", type=int, default=0, help="tracemalloc frames in the worker (slow); 0: off")
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    os.environ["CLAIMCHECK_DATABASE_URL"] = f"sqlite:///{Path(args.base).resolve() / 'claims.db'}"
    os.environ.setdefault("CLAIMCHECK_SEED", "0")
    os.environ.setdefault("CLAIMCHECK_ALERT_WORKER", "0")
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", "/tmp/claimcheck-cow-prom")
    Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
    import runpy

    from benchmarks.synth import Generator
    from service import create_app, encoder, nlp
    from service.nlp import cache

    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    started = time.perf_counter()
    app = create_app()
    encoder.warm_up()
    cache.warm_number_models()
    nlp.warm_up()
    repo = app.extensions["claimcheck.repo"]
    repo.index.refresh()
    repo.engine.dispose()
    gc.collect(1)
    gc.freeze()
    statements = Generator(seed=7).statements(40) + ["US says 10,000 troops",
                                                     "Nordkorea hat 12.000 Soldaten nach Russland geschickt"]
    ranges = anonymous_ranges()
    print(f"master ready in {time.perf_counter() - started:.1f} s; anonymous {sum(e - s for s, e in ranges) / 2**20:.0f} MB "
          f"mapped", flush=True)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        with os.fdopen(reader) as pipe:
            text = pipe.read()
        os.waitpid(pid, 0)
        result = json.loads(text)
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2))
        return result
    # the worker
    os.close(reader)
    gc.set_threshold(*settings["GC_THRESHOLD"])
    if "release_freed_memory" in settings and not args.no_malloc_settings:
        settings["release_freed_memory"]()
    repo.engine.dispose(close=False)
    client = app.test_client()
    if args.trace:
        import tracemalloc

        tracemalloc.start(args.trace)
    for _ in range(1 + args.rounds):
        for statement in statements:
            answer = client.post("/v1/check", json={"statement": statement})
            assert answer.status_code == 200, answer.get_data()
    del answer
    traced = {}
    if args.trace:
        snapshot = tracemalloc.take_snapshot()
        tracemalloc.stop()
        for stat in snapshot.statistics("traceback")[:args.top]:
            frames = [f"{Path(f.filename).name}:{f.lineno}" for f in stat.traceback if "/service/" in f.filename]
            traced[" < ".join(frames[-3:]) or str(stat.traceback[0])] = round(stat.size / 2**20, 2)
    copied = private_pages(ranges)
    heap = malloc_figures()
    after = anonymous_ranges()
    new_pages = private_pages([r for r in after]) - copied
    pre = {p for s, e in ranges for p in range(s // PAGE, e // PAGE)}
    new_pages = {p for p in new_pages if p not in pre}
    # what lives on the copied pages: every object the collector knows and what they refer to directly
    gc.unfreeze()
    owner = owner_of_objects(roots())
    by_type, by_owner, seen_pages = Counter(), Counter(), set()
    objects = gc.get_objects()
    everything = {id(o): o for o in objects}
    for o in objects:
        for ref in gc.get_referents(o):
            everything.setdefault(id(ref), ref)
    for address, obj in everything.items():
        size = sys.getsizeof(obj)
        pages = [p for p in on_page(obj) if p in copied]
        if not pages:
            continue
        # a large object counts its copied pages; a small one its size when its page was copied
        counted = len(pages) * PAGE if size >= PAGE else size
        by_type[type(obj).__name__] += counted
        by_owner[owner.get(address, "other")] += counted
        seen_pages.update(pages)
    mb = lambda n: round(n / 2**20, 1)   # noqa: E731
    result = {**heap, "copied_mb": mb(len(copied) * PAGE), "allocated_after_fork_mb": mb(len(new_pages) * PAGE),
              "copied_pages_with_a_known_object_mb": mb(len(seen_pages) * PAGE),
              "bytes_of_objects_on_copied_pages_by_type_mb": {k: mb(v) for k, v in by_type.most_common(args.top)},
              "bytes_of_objects_on_copied_pages_by_structure_mb": {k: mb(v) for k, v in by_owner.most_common(args.top)},
              "allocated_after_fork_by_place_mb": traced}
    print(json.dumps(result, indent=2), flush=True)
    with os.fdopen(writer, "w") as pipe:
        pipe.write(json.dumps(result))
    os._exit(0)


if __name__ == "__main__":
    main()
