"""State-store faults under load: the load bench (bench_slack_load.py: `serve --http`, 2 workers
x 8 threads, signed events at a fixed rate, 10% duplicates, a Web API stand-in) with the store
broken for a while in the middle of the run.

    python bench/bench_store_faults.py --fault redis-kill     # SIGKILL Redis, restart it empty
    python bench/bench_store_faults.py --fault redis-hang     # SIGSTOP Redis, then SIGCONT
    python bench/bench_store_faults.py --fault sqlite-full    # the state file's disk full

The fault starts `--at` seconds into the run and lasts `--down` seconds (default 5 and 10).
A restarted Redis has no persistence, so it comes back without the dedupe keys. sqlite-full
puts the state file on a small tmpfs of its own (mount needs root) and fills it with a file,
removed when the fault ends. Prints HTTP
statuses, acknowledgement latency, replies once / doubled / lost, and the server's peak RSS.
Goal (issue 14): 0 HTTP 5xx, 0 lost, 0 doubled within one instance.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing as mp
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_slack_load as load


def restart_redis(old: subprocess.Popen, url: str, tmp: Path) -> subprocess.Popen:
    port = url.rsplit(":", 1)[1].split("/")[0]
    binary = shutil.which("redis-server")
    assert binary
    return subprocess.Popen(
        [binary, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp,
    )


def fill(path: Path) -> None:
    """Write zeros until the file system is full."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for size in (1 << 20, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fault", choices=["redis-kill", "redis-hang", "sqlite-full"])
    parser.add_argument("--events", type=int, default=7_500)
    parser.add_argument("--rate", type=float, default=300.0)
    parser.add_argument("--at", type=float, default=5.0, help="seconds into the run")
    parser.add_argument("--down", type=float, default=10.0, help="seconds the fault lasts")
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    args.store = "redis" if args.fault.startswith("redis") else "sqlite"
    args.faults = args.check = False

    tmp = Path(tempfile.mkdtemp(prefix="bench-store-faults-"))
    disk = tmp / "disk"
    if args.fault == "sqlite-full":
        disk.mkdir()
        mount = ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)]
        if subprocess.run(mount, capture_output=True).returncode != 0:
            raise SystemExit("sqlite-full needs to mount a small tmpfs (run as root)")
        (tmp / "state.sqlite3").symlink_to(disk / "state.sqlite3")  # where the server keeps it
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    standin = ctx.Process(target=load.run_standin, args=(child, False, False), daemon=True)
    standin.start()
    api_url = parent.recv()
    redis = redis_url = None
    if args.store == "redis":
        redis, redis_url = load.start_redis(tmp)
    server, port, log = load.start_server(args, api_url, tmp, redis_url)
    sampler = load.MemorySampler(server.pid)
    sampler.start()
    state = {"redis": redis}

    def fault() -> None:
        time.sleep(args.at)
        if args.fault == "redis-kill":
            state["redis"].kill()
            state["redis"].wait()
        elif args.fault == "redis-hang":
            state["redis"].send_signal(signal.SIGSTOP)
        else:
            fill(disk / "filler")
        time.sleep(args.down)
        if args.fault == "redis-kill":
            state["redis"] = restart_redis(state["redis"], redis_url, tmp)
        elif args.fault == "redis-hang":
            state["redis"].send_signal(signal.SIGCONT)
        else:
            (disk / "filler").unlink()

    try:
        events, questions = load.build_events(args.events, 0.10, seed=str(os.getpid() % 1000))
        print(
            f"{len(events)} events ({questions} questions), rate {args.rate}/s, "
            f"{args.workers} worker(s) x {args.threads} threads, {args.fault} at {args.at} s "
            f"for {args.down} s",
            flush=True,
        )
        injector = threading.Thread(target=fault, daemon=True)
        injector.start()
        latencies, statuses, _elapsed, timeline, _lags = asyncio.run(
            load.send_all(port, events, args.senders, args.rate, True)
        )
        injector.join()
        sent_at = time.monotonic()
        while time.monotonic() - sent_at < 60:
            parent.send("stats")
            if sum(parent.recv()["replies"].values()) >= questions:
                break
            time.sleep(0.25)
        time.sleep(2.0)
        parent.send("stats")
        stats = parent.recv()
    finally:
        sampler.stop.set()
        load.stop_server(server, log)
        if state["redis"] is not None:
            state["redis"].send_signal(signal.SIGCONT)
            state["redis"].terminate()
        parent.send("stop")
        parent.recv()
        if disk.is_dir():
            subprocess.run(["umount", str(disk)], check=False)

    replies = stats["replies"]
    once = sum(1 for n in replies.values() if n == 1)
    doubled = sum(1 for n in replies.values() if n > 1)
    lost = questions - len(replies)
    fault_window = [lat for at, lat in timeline if args.at <= at <= args.at + args.down + 1]
    print(f"HTTP statuses       {dict(statuses)}")
    print(
        f"ack latency ms      p50 {load.percentile(latencies, 50):.1f}   p99 "
        f"{load.percentile(latencies, 99):.1f}   max {max(latencies):.1f}; during the fault "
        f"p99 {load.percentile(fault_window or [0.0], 99):.1f}   max {max(fault_window or [0]):.1f}"
    )
    print(
        f"replies             {sum(replies.values())} for {questions} questions: {once} once, "
        f"{doubled} doubled, {lost} lost"
    )
    print(f"peak memory         {sampler.peak / 1024:.0f} MiB RSS for the server processes")
    server_log = (tmp / "server.log").read_text(errors="replace").splitlines()
    notes = [line for line in server_log if "framework_bot.state" in line]
    print(f"store log lines     {len(notes)}", *notes[:6], sep="\n  ")
    ok = once == questions and not doubled and not any(s.startswith("5") for s in statuses)
    print("result              " + ("OK" if ok else "FAILED"))
    print(f"(server log in {tmp / 'server.log'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
