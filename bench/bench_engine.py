"""Engine benchmarks: per-question latency in-process, whole-process `ask`, memory, and latency
with a synthetic knowledge base 50 times larger.

    python bench/bench_engine.py            # prints the figures
    python bench/bench_engine.py --quick    # fewer repetitions

Goals (issue 3): p50 <= 0.5 ms and p99 <= 3 ms in-process; `framework-bot ask` median
<= 0.35 s; p50 <= 2 ms with the 50x knowledge base.
"""

from __future__ import annotations

import argparse
import gc
import glob
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.evaluate import load_items  # noqa: E402


def questions() -> list[tuple[str, list[str]]]:
    items = load_items(sorted(glob.glob(str(ROOT / "tests" / "data" / "eval_*.yaml"))))
    return [(item.q, item.context) for _, item in items]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def latency(engine: Engine, qs: list[tuple[str, list[str]]], rounds: int) -> list[float]:
    samples = []
    for r in range(rounds):
        for i, (q, context) in enumerate(qs):
            thread = f"b{r}:{i}"
            for earlier in context:
                engine.ask(earlier, thread)
            start = time.perf_counter()
            engine.ask(q, thread)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(name: str, samples: list[float]) -> None:
    print(
        f"{name}: n={len(samples)} p50={statistics.median(samples):.3f} ms "
        f"p90={percentile(samples, 90):.3f} ms p99={percentile(samples, 99):.3f} ms "
        f"max={max(samples):.3f} ms"
    )


def whole_process(runs: int) -> list[float]:
    exe = shutil.which("framework-bot")
    cmd = [exe] if exe else [sys.executable, "-m", "bot.cli"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*cmd, "ask", "who uses flask?"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def synthetic_knowledge(factor: int, target: Path) -> None:
    """Copy the shipped knowledge and add (factor - 1) renamed copies of every framework."""
    source = ROOT / "knowledge"
    shutil.copytree(source, target)
    originals = sorted((source / "frameworks").glob("*.yaml"))
    for copy in range(1, factor):
        for path in originals:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            suffix = f"x{copy}"
            data["id"] = f"{data['id']}_{suffix}"
            data["name"] = f"{data['name']} {suffix.upper()}"
            data["aliases"] = [f"{a} {suffix}" for a in data.get("aliases", [])]
            data["related"] = []
            data.pop("everyday_word", None)
            (target / "frameworks" / f"{data['id']}.yaml").write_text(
                yaml.safe_dump(data, sort_keys=False), encoding="utf-8"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds = 2 if args.quick else 5
    qs = questions()

    start = time.perf_counter()
    engine = Engine.load()
    load_ms = (time.perf_counter() - start) * 1000
    # what a long-running bot does after loading: keep the loaded data out of GC passes
    gc.freeze()
    latency(engine, qs[:50], 1)  # warm-up
    samples = latency(engine, qs, rounds)
    # memory in a separate pass: tracing allocations slows every call down
    tracemalloc.start()
    latency(Engine.load(), qs, 1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"engine load: {load_ms:.0f} ms; questions: {len(qs)} x {rounds} rounds")
    report("in-process latency", samples)
    print(
        f"peak traced memory: {peak / 2**20:.1f} MiB; max RSS: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB"
    )

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "knowledge"
        synthetic_knowledge(50, big)
        start = time.perf_counter()
        big_engine = Engine.load(str(big))
        big_load = (time.perf_counter() - start) * 1000
        print(
            f"50x knowledge: {len(big_engine.knowledge.frameworks)} frameworks, "
            f"load {big_load:.0f} ms"
        )
        latency(big_engine, qs[:50], 1)
        report("50x knowledge latency", latency(big_engine, qs, max(1, rounds // 2)))

    times = whole_process(7 if args.quick else 15)
    print(
        f"framework-bot ask (whole process): median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s over {len(times)} runs"
    )
    print(f"python: {sys.version.split()[0]}, cpus: {os.cpu_count()}")


if __name__ == "__main__":
    main()
