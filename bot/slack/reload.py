"""Knowledge reload without a restart: SIGHUP to `framework-bot serve`, or `framework-bot reload`.

- `serve` writes its pid to a pid file: ``$FRAMEWORK_BOT_PIDFILE``, else ``serve.pid`` in the
  state directory (``$XDG_DATA_HOME/framework-bot``, by default ``~/.local/share/framework-bot``).
  Give each instance on one host its own pid file.
- SIGHUP makes the server load the knowledge and intents again from the directories it was
  started with. Nothing is swapped until everything loaded: a broken file keeps the last good
  knowledge serving, and each problem is logged as ``file:line [key]: message``.
- After each attempt the server writes the result next to the pid file (``serve.reload.json``);
  `framework-bot reload` sends SIGHUP to the pid in the pid file, waits for that result and
  prints it (exit status 0 when the new knowledge is live, 1 otherwise).

Socket Mode is one process: it reloads its engine. HTTP mode runs gunicorn: the master loads and
checks the new knowledge first (and keeps it as the last good copy that workers started later
begin with), and only when it is good forwards SIGHUP to the workers, each of which reloads its
own engine. gunicorn's own SIGHUP behaviour (re-reading its configuration and replacing every
worker) is not used: the configuration comes from the command line and the environment, and a
worker that started while a file was broken would fail to boot and take the server down.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine import Engine
from bot.yamlsrc import SourceErrors

log = logging.getLogger("framework_bot.reload")

PIDFILE_ENV = "FRAMEWORK_BOT_PIDFILE"


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "framework-bot"


def pidfile_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    custom = (env.get(PIDFILE_ENV) or "").strip()
    return Path(custom).expanduser() if custom else state_dir(env) / "serve.pid"


def status_path(pidfile: Path) -> Path:
    return pidfile.with_name(pidfile.stem + ".reload.json")


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp") as tmp:
        tmp.write(text)
    os.replace(tmp.name, path)


# -- the pid file -------------------------------------------------------------------------------


class PidFile:
    """The server's pid, for `framework-bot reload`; removed on exit by the process that wrote
    it (gunicorn workers are forks of it and leave it alone)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pid = os.getpid()

    def write(self) -> None:
        other = read_pid(self.path)
        if other and other != self.pid and _alive(other):
            log.warning(
                "%s named another running process (pid %s); it now names this one. Give each "
                "instance on a host its own %s.",
                self.path,
                other,
                PIDFILE_ENV,
            )
        try:
            _write_atomically(self.path, f"{self.pid}\n")
        except OSError as exc:
            log.warning(
                "cannot write the pid file %s (%s): `framework-bot reload` will not "
                "find this server",
                self.path,
                exc.strerror or exc,
            )

    def remove(self) -> None:
        if os.getpid() != self.pid or read_pid(self.path) != self.pid:
            return
        status = status_path(self.path)
        for path in (self.path, status, *status.parent.glob(f"{status.stem}.*.json")):
            with contextlib.suppress(OSError):
                path.unlink()


def read_pid(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- reloading ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    ok: bool
    summary: str
    errors: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "summary": self.summary, "errors": self.errors}


class Reloader:
    """Reloads one engine, logging the outcome; re-entrant calls (a second SIGHUP arriving
    while the first is being handled, in the same thread) are folded into one more pass."""

    def __init__(self, engine: Engine, status: Path | None = None, label: str = "") -> None:
        self.engine = engine
        self.status = status
        self.label = f" ({label})" if label else ""
        self._busy = False
        self._again = False

    def reload(self) -> Outcome:
        if self._busy:
            self._again = True
            return Outcome(True, "a reload is already running; it will run once more", [])
        self._busy = True
        try:
            outcome = self._reload_once()
            while self._again:
                self._again = False
                outcome = self._reload_once()
            return outcome
        finally:
            self._busy = False

    def _reload_once(self) -> Outcome:
        started = time.monotonic()
        try:
            self.engine.reload()
        except SourceErrors as exc:
            errors = [str(error) for error in exc.errors]
            for error in errors:
                log.error("knowledge reload failed%s: %s", self.label, error)
            outcome = Outcome(
                False,
                f"{len(errors)} problem(s); still serving the previous knowledge",
                errors,
            )
            log.error("knowledge reload%s: %s", self.label, outcome.summary)
        except Exception as exc:  # unreadable directory, a bug: keep serving what we have
            log.exception(
                "knowledge reload failed%s; still serving the previous knowledge", self.label
            )
            outcome = Outcome(
                False,
                "unexpected error; still serving the previous knowledge",
                [f"{type(exc).__name__}: {exc}"],
            )
        else:
            kb = self.engine.knowledge
            outcome = Outcome(
                True,
                f"reloaded {len(kb.frameworks)} frameworks, {len(kb.terms)} terms and "
                f"{len(self.engine.intents.intents)} intents from {kb.directory} in "
                f"{time.monotonic() - started:.2f}s",
                [],
            )
            log.info("knowledge reload%s: %s", self.label, outcome.summary)
        self._write_status(outcome)
        return outcome

    def _write_status(self, outcome: Outcome) -> None:
        if self.status is None:
            return
        data = {"pid": os.getpid(), "time": time.time(), **outcome.as_dict()}
        try:
            _write_atomically(self.status, json.dumps(data, ensure_ascii=False))
        except OSError as exc:
            log.warning("cannot write %s (%s)", self.status, exc.strerror or exc)


def worker_status_path(status: Path, pid: int) -> Path:
    """Where a gunicorn worker reports its own reload (the master collects these)."""
    return status.with_name(f"{status.stem}.{pid}.json")


def _read_status(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def reload_workers(
    master: Reloader,
    workers: list[int],
    send_hup,
    status: Path | None,
    timeout: float = 20.0,
) -> Outcome:
    """The gunicorn master's SIGHUP: check the knowledge in the master (its engine is the last
    good copy that new workers start from); if it is good, SIGHUP every worker and wait until
    each has reloaded (or died) before reporting, so that `framework-bot reload` returning 0
    means every worker answers from the new knowledge."""
    outcome = master.reload()
    if outcome.ok and workers:
        sent = time.time()
        for pid in workers:
            send_hup(pid)
        pending = set(workers)
        deadline = time.monotonic() + timeout
        failed: list[str] = []
        while pending and time.monotonic() < deadline:
            for pid in sorted(pending):
                report = _read_status(worker_status_path(status, pid)) if status else None
                if report and float(report.get("time", 0)) >= sent:
                    pending.discard(pid)
                    if not report.get("ok"):
                        failed += [f"worker {pid}: {e}" for e in report.get("errors", [])] or [
                            f"worker {pid}: {report.get('summary', 'failed')}"
                        ]
                elif not _alive(pid):
                    pending.discard(pid)
            if pending and status is None:
                break  # nowhere to hear back from: trust the signal
            if pending:
                time.sleep(0.02)
        if failed or (pending and status is not None):
            errors = failed + [f"worker {pid}: no answer within {timeout:.0f}s" for pid in pending]
            outcome = Outcome(False, f"{outcome.summary}, but not in every worker", errors)
            log.error("knowledge reload: %s", "; ".join(errors))
        else:
            outcome = Outcome(True, f"{outcome.summary} ({len(workers)} worker(s))", [])
    if status is not None:
        data = {"pid": os.getpid(), "time": time.time(), **outcome.as_dict()}
        try:
            _write_atomically(status, json.dumps(data, ensure_ascii=False))
        except OSError as exc:
            log.warning("cannot write %s (%s)", status, exc.strerror or exc)
    return outcome


def install_sighup(reloader: Reloader) -> None:
    """SIGHUP reloads, in the main thread, between two bytecodes of whatever it was doing (a
    gunicorn worker's accept loop). Requests on other threads go on meanwhile."""
    signal.signal(signal.SIGHUP, lambda *_: reloader.reload())


# -- `framework-bot reload` ---------------------------------------------------------------------


def request_reload(pidfile: Path, timeout: float = 30.0) -> tuple[int, str]:
    """Send SIGHUP to the server named in `pidfile` and wait for its verdict.

    Returns (exit status, text to print): 0 when the new knowledge is live, 1 when the server
    kept the old knowledge or could not be reached or did not answer in time.
    """
    pid = read_pid(pidfile)
    if pid is None:
        return 1, (
            f"no running server found: no pid file at {pidfile} (start `framework-bot serve`, "
            f"or set {PIDFILE_ENV} to the path the server uses)"
        )
    if not _alive(pid):
        return 1, f"the server in {pidfile} (pid {pid}) is not running"
    status = status_path(pidfile)
    sent = time.time()
    os.kill(pid, signal.SIGHUP)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = json.loads(status.read_text())
        except (OSError, ValueError):
            data = None
        if data and data.get("pid") == pid and float(data.get("time", 0)) >= sent:
            lines = [f"framework-bot (pid {pid}): {data.get('summary', '')}"]
            lines += [f"  {error}" for error in data.get("errors", [])]
            return (0 if data.get("ok") else 1), "\n".join(lines)
        time.sleep(0.05)
    return 1, f"sent SIGHUP to pid {pid}, but it reported nothing within {timeout:.0f}s"
