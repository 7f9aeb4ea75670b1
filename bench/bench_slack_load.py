"""Load test of the Slack app in HTTP mode, on loopback: `framework-bot serve --http` (gunicorn)
in a subprocess, a local Web API stand-in in another process, and an asyncio load generator
sending signed Events API requests from N concurrent senders over keep-alive connections.

    python bench/bench_slack_load.py                 # 20,000 events at 300 events/s
    python bench/bench_slack_load.py --quick         # 2,000 events
    python bench/bench_slack_load.py --rate 0        # as fast as it goes (closed loop)
    python bench/bench_slack_load.py --faults        # 429 / 5xx / dropped connections
    python bench/bench_slack_load.py --store redis   # shared state in a local redis-server

Every question is a distinct app_mention; a share of the events (--dupes, default 10%) are
duplicates Slack sends in real life: re-deliveries with X-Slack-Retry-Num, and the
message.channels twin of a mention. Prints acknowledgement latency (p50/p90/p99/max, measured
from the moment each request was due to be sent, so a slow server cannot hide its queue),
events/s, replies posted against questions sent (none lost, none doubled), and peak memory
(the sum of the server processes' peak RSS).

With --faults the stand-in fails a deterministic share of the first (and sometimes second)
chat.postMessage attempts per question: 429 with Retry-After: 1, 500, 503, a closed connection,
a reset. Every question must still get exactly one reply.

Goal (issue 5), on 2 cores: p99 acknowledgement <= 50 ms at >= 300 events/s.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import multiprocessing as mp
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-1111-2222-benchtoken"
QUESTIONS = [
    "what is flask?",
    "who uses django?",
    "compare flask and django",
    "what is fastapi built on?",
    "which framework fits a small api?",
    "what are the drawbacks of django?",
    "what is a microframework?",
    "is tornado asynchronous?",
    "who created bottle?",
    "what databases does web2py support?",
    "how fast is sanic?",
    "what is pyramid?",  # falls back
    "thanks!",
    "what kind of framework is cherrypy?",
    "compare sanic and tornado",
    "what is wsgi?",
]


# -- the Web API stand-in, in its own process -------------------------------------------------


def stop_server(server: subprocess.Popen, log) -> None:
    """SIGTERM the server (SIGKILL after 30 s) and close its log."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def fault_plan(key: str) -> list[str]:
    """Which attempts of one question's chat.postMessage fail, and how (about 22% of them)."""
    h = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % 1000
    if h < 80:
        return ["429"]
    if h < 130:
        return ["500"]
    if h < 170:
        return ["drop"]
    if h < 200:
        return ["reset"]
    if h < 220:
        return ["503", "drop"]
    return []


def run_standin(conn, faults: bool, check: bool) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from slack_standin import WebAPIStandIn

    replies: Counter = Counter()
    attempts: Counter = Counter()
    failed: Counter = Counter()
    lock = threading.Lock()

    class CountingStandIn(WebAPIStandIn):
        def _record(self, call) -> None:
            super()._record(call)
            if call.method == "chat.postMessage" and call.ok:
                key = f"{call.args.get('channel')}/{call.args.get('thread_ts')}"
                with lock:
                    replies[key] += 1
            elif call.result.get("fault"):
                with lock:
                    failed[call.result["fault"]] += 1

    standin = CountingStandIn(check=check)
    standin.keep_calls = False

    def hook(method: str, args: dict) -> str | None:
        if method != "chat.postMessage":
            return None
        key = f"{args.get('channel')}/{args.get('thread_ts')}"
        with lock:
            attempt = attempts[key]
            attempts[key] += 1
        plan = fault_plan(key)
        return plan[attempt] if attempt < len(plan) else None

    if faults:
        standin.fault_hook = hook
    conn.send(standin.api_url)
    while True:
        command = conn.recv()
        if command == "stats":
            with lock:
                per_key = dict(replies)
            conn.send(
                {
                    "replies": per_key,
                    "counts": dict(standin.counts),
                    "faults": dict(failed),
                    "problems": standin.problems[:20],
                }
            )
        elif command == "stop":
            standin.close()
            conn.send("bye")
            return


# -- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(tmp: Path) -> tuple[subprocess.Popen, str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("--store redis needs redis-server (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    raise SystemExit("redis-server did not start")


def redis_stats(url: str) -> dict[str, int]:
    """redis-server's own counters (INFO stats): commands processed and socket reads, which
    is about one per round trip (a pipeline or a script arrives in one read)."""
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(b"INFO stats\r\n")
        data = b""
        while not data.endswith(b"\r\n\r\n") and len(data) < 1 << 20:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    stats = {}
    for line in data.decode(errors="replace").splitlines():
        name, _, value = line.partition(":")
        if name in ("total_commands_processed", "total_reads_processed") and value.isdigit():
            stats[name] = int(value)
    return stats


def start_server(args, api_url: str, tmp: Path, redis_url: str | None) -> tuple:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "REDIS_URL"))}
    env |= {
        "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
        "FRAMEWORK_BOT_PIDFILE": str(tmp / "serve.pid"),
        "FRAMEWORK_BOT_LOG_LEVEL": "WARNING",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    elif args.store == "memory":
        env["FRAMEWORK_BOT_DB"] = ":memory:"
    else:
        env["FRAMEWORK_BOT_DB"] = str(tmp / "state.sqlite3")
    log = open(tmp / "server.log", "w")  # noqa: SIM115 (closed when the server stops)
    command = [sys.executable, "-m", "bot.cli", "serve", "--http", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(args.workers), "--threads", str(args.threads)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited:\n" + (tmp / "server.log").read_text())
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    time.sleep(1.0)  # let every worker finish booting
    return process, port, log


def server_pids(master: int) -> list[int]:
    pids = [master]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(entry.name))
    return pids


def stolen_seconds() -> float:
    """CPU time the hypervisor gave to other guests (all CPUs), from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def memory_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler(threading.Thread):
    """The largest sum of the server processes' RSS seen, sampled every 0.25 s."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master = master
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.25):
            total = sum(memory_kib(pid, "VmRSS") for pid in server_pids(self.master))
            self.peak = max(self.peak, total)


# -- the load ----------------------------------------------------------------------------------


def sign(timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()


def build_events(count: int, dupes: float, seed: str) -> tuple[list[tuple[bytes, int | None]], int]:
    """(body, retry number or None) for `count` events; returns them and the question count."""
    events: list[tuple[bytes, int | None]] = []
    questions = 0
    originals: list[tuple[dict, dict, str]] = []
    step = round(1 / dupes) if dupes > 0 else 0
    for n in range(count):
        if step and n % step == step - 1 and originals:
            event, wrapper, event_id = originals[(n * 7919) % len(originals)]
            if n % 2:  # Slack's re-delivery: same event id, X-Slack-Retry-Num
                events.append((json.dumps(wrapper).encode(), 1 + n % 3))
            else:  # the message.channels twin of a mention: another event id, same ts
                twin = {**event, "type": "message", "channel_type": "channel"}
                body = {**wrapper, "event": twin, "event_id": f"{event_id}t{n}"}
                events.append((json.dumps(body).encode(), None))
            continue
        questions += 1
        ts = f"{1_700_000_000 + n}.{n % 1_000_000:06d}"
        channel = f"C{seed}{n % 997:04d}"
        event = {
            "type": "app_mention",
            "channel": channel,
            "user": f"U{n % 311:06d}",
            "text": f"<@UBOT> {QUESTIONS[n % len(QUESTIONS)]}",
            "ts": ts,
            "event_ts": ts,
            "team": "T1",
        }
        event_id = f"Ev{seed}{n:07d}"
        wrapper = {
            "token": "legacy",
            "team_id": "T1",
            "api_app_id": "A1",
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
        }
        originals.append((event, wrapper, event_id))
        events.append((json.dumps(wrapper).encode(), None))
    return events, questions


async def send_all(port: int, events, senders: int, rate: float, keepalive: bool):
    latencies: list[float] = []
    timeline: list[tuple[float, float]] = []
    lags: list[float] = []  # how late the generator sent (its own share of the latency)
    statuses: Counter = Counter()
    next_index = 0
    start = time.perf_counter() + 0.05

    async def connect():
        return await asyncio.open_connection("127.0.0.1", port)

    async def sender() -> None:
        nonlocal next_index
        reader = writer = None
        while next_index < len(events):
            index = next_index
            next_index += 1
            body, retry = events[index]
            due = start + index / rate if rate > 0 else time.perf_counter()
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if writer is None:
                reader, writer = await connect()
            timestamp = str(int(time.time()))
            head = (
                "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n"
                f"X-Slack-Request-Timestamp: {timestamp}\r\n"
                f"X-Slack-Signature: {sign(timestamp, body)}\r\n"
            )
            if retry:
                head += f"X-Slack-Retry-Num: {retry}\r\nX-Slack-Retry-Reason: http_timeout\r\n"
            if not keepalive:
                head += "Connection: close\r\n"
            sent = time.perf_counter()
            writer.write(head.encode() + b"\r\n" + body)
            await writer.drain()
            status_line = await reader.readline()
            length, close = 0, not keepalive
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
                elif name.lower() == "connection" and value.strip().lower() == "close":
                    close = True
            if length:
                await reader.readexactly(length)
            done = time.perf_counter()
            latencies.append((done - (due if rate > 0 else sent)) * 1000)
            lags.append(max(0.0, sent - due) * 1000 if rate > 0 else 0.0)
            timeline.append((done - start, latencies[-1]))
            statuses[status_line.split(b" ")[1].decode() if status_line else "none"] += 1
            if close:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(senders)))
    return latencies, statuses, time.perf_counter() - began, timeline, lags


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


# -- main --------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="2,000 events")
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--rate", type=float, default=300.0, help="events/s; 0 = closed loop")
    parser.add_argument("--dupes", type=float, default=0.10, help="share of duplicate events")
    parser.add_argument("--faults", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--store", choices=["sqlite", "redis", "memory"], default="sqlite")
    parser.add_argument("--no-keepalive", action="store_true", help="a connection per event")
    parser.add_argument("--check", action="store_true", help="Block Kit checks in the stand-in")
    parser.add_argument("--timeline", action="store_true", help="latency per tenth of the run")
    parser.add_argument(
        "--drain", type=float, default=120.0, help="max seconds to wait for replies"
    )
    args = parser.parse_args()
    if args.quick:
        args.events = 2_000
    if args.store == "memory" and args.workers > 1:
        parser.error("--store memory keeps dedupe keys per process: use one worker")

    tmp = Path(tempfile.mkdtemp(prefix="bench-slack-"))
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    standin = ctx.Process(target=run_standin, args=(child, args.faults, args.check), daemon=True)
    standin.start()
    api_url = parent.recv()
    redis = None
    redis_url = None
    if args.store == "redis":
        redis, redis_url = start_redis(tmp)
    server, port, log = start_server(args, api_url, tmp, redis_url)
    sampler = MemorySampler(server.pid)
    sampler.start()
    try:
        events, questions = build_events(args.events, args.dupes, seed=str(os.getpid() % 1000))
        keys = []
        for body, _ in events:
            event = json.loads(body)["event"]
            if event["type"] == "app_mention":
                keys.append(f"{event['channel']}/{event['ts']}")
        keys = list(dict.fromkeys(keys))
        print(
            f"{len(events)} events ({questions} questions, {len(events) - questions} duplicates), "
            f"{args.senders} senders, rate {args.rate or 'unlimited'}/s, "
            f"{args.workers} worker(s) x {args.threads} threads, store {args.store}"
            + (", faults on" if args.faults else "")
            + f", {os.cpu_count()} CPUs",
            flush=True,
        )
        cpu_before = cpu_seconds(server_pids(server.pid))
        others_before = cpu_seconds([standin.pid, os.getpid()])
        stolen_before = stolen_seconds()
        redis_before = redis_stats(redis_url) if redis_url else {}
        latencies, statuses, elapsed, timeline, lags = asyncio.run(
            send_all(port, events, args.senders, args.rate, not args.no_keepalive)
        )
        sent_at = time.monotonic()
        total = 0
        while time.monotonic() - sent_at < args.drain:
            parent.send("stats")
            total = sum(parent.recv()["replies"].values())
            if total >= questions:
                break
            time.sleep(0.25)
        drained = time.monotonic() - sent_at
        server_cpu = cpu_seconds(server_pids(server.pid)) - cpu_before
        per_process = {pid: cpu_seconds([pid]) for pid in server_pids(server.pid)}
        others_cpu = cpu_seconds([standin.pid, os.getpid()]) - others_before
        stolen = stolen_seconds() - stolen_before
        redis_after = redis_stats(redis_url) if redis_url else {}
        time.sleep(2.0)  # anything doubled would show up now
        parent.send("stats")
        stats = parent.recv()
        peaks = sum(memory_kib(pid, "VmHWM") for pid in server_pids(server.pid))
    finally:
        sampler.stop.set()
        stop_server(server, log)
        if redis is not None:
            redis.terminate()
        parent.send("stop")
        parent.recv()

    replies = stats["replies"]
    missing = [key for key in keys if key not in replies]
    if missing:
        print("unanswered:", *missing[:10], sep="\n  ")
    once = sum(1 for n in replies.values() if n == 1)
    doubled = sum(1 for n in replies.values() if n > 1)
    lost = questions - len(replies)
    faults = stats["faults"]
    print(f"events/s            {len(events) / elapsed:8.1f}   ({len(events)} in {elapsed:.1f} s)")
    print(
        f"ack latency ms      p50 {percentile(latencies, 50):.1f}   p90 "
        f"{percentile(latencies, 90):.1f}   p99 {percentile(latencies, 99):.1f}   max "
        f"{max(latencies):.1f}   mean {statistics.fmean(latencies):.1f}"
    )
    if args.rate > 0:
        print(
            f"  of which the load generator sent late by p50 {percentile(lags, 50):.1f}, "
            f"p99 {percentile(lags, 99):.1f} ms"
        )
    print(f"HTTP statuses       {dict(statuses)}")
    if args.timeline:
        window = max(1.0, elapsed / 10)
        buckets: dict[int, list[float]] = {}
        for at, latency in timeline:
            buckets.setdefault(int(at // window), []).append(latency)
        for n, values in sorted(buckets.items()):
            print(
                f"  {n * window:5.0f}-{(n + 1) * window:<5.0f}s  n {len(values):5d}  p50 "
                f"{percentile(values, 50):7.1f}  p99 {percentile(values, 99):7.1f}  max "
                f"{max(values):7.1f}"
            )
    print(
        f"replies             {sum(replies.values())} posted for {questions} questions: "
        f"{once} once, {doubled} doubled, {lost} lost "
        f"(last reply {drained:.1f} s after the last event)"
    )
    if faults:
        print(
            f"failed API calls    {sum(faults.values())} chat.postMessage attempts failed "
            f"({', '.join(f'{k}: {v}' for k, v in sorted(faults.items()))}), all retried"
        )
    print(
        f"server CPU          {server_cpu:.1f} s = {server_cpu * 1000 / len(events):.2f} ms per "
        f"event ({server_cpu / (elapsed + drained):.2f} cores while busy); load generator and "
        f"Web API stand-in {others_cpu / (elapsed + drained):.2f} cores; stolen by the "
        f"hypervisor {stolen / (elapsed + drained):.2f} cores"
    )
    if redis_after:
        reads = redis_after["total_reads_processed"] - redis_before["total_reads_processed"]
        commands = (
            redis_after["total_commands_processed"] - redis_before["total_commands_processed"]
        )
        print(
            f"redis               {reads / len(events):.2f} round trips (socket reads) and "
            f"{commands / len(events):.2f} commands per event"
        )
    shares = sorted(per_process.values(), reverse=True)
    print(f"CPU per process     {', '.join(f'{v:.1f} s' for v in shares)} (workers and master)")
    print(
        f"peak memory         {sampler.peak / 1024:.0f} MiB RSS for the server processes "
        f"(sum of peaks {peaks / 1024:.0f} MiB)"
    )
    if stats["problems"]:
        print("stand-in problems:", *stats["problems"], sep="\n  ")
    ok = (
        once == questions
        and not doubled
        and set(statuses) == {"200"}
        and not stats["problems"]
        and (not args.faults or sum(faults.values()) > 0)
    )
    errors = [
        line
        for line in (tmp / "server.log").read_text(errors="replace").splitlines()
        if " ERROR " in line or "Traceback" in line
    ]
    if errors:
        print(f"server errors       {len(errors)}, e.g.:", *errors[:5], sep="\n  ")
    print("result              " + ("OK" if ok else "FAILED"))
    if ok:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print(f"(server log kept in {tmp / 'server.log'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
