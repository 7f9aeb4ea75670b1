"""Knowledge files with YAML aliases (issue 16, item 7): an alias bomb or a recursive alias is
refused with file:line in bounded time and memory, and no file can flood the output with
errors. `framework-bot check` in a subprocess on a copy of the shipped knowledge."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

# Peak RSS of the check process itself (ru_maxrss is in KiB on Linux), printed last on stderr.
_MEASURED = (
    "import resource, sys\n"
    "from bot.cli import main\n"
    "rc = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "print('MAXRSS_KIB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(rc)\n"
)


def check(directory: Path) -> tuple[int, str, int]:
    """(exit status, everything printed, peak RSS in MiB) of `framework-bot check DIR`."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, "check", str(directory)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    stderr, found, rss = result.stderr.rpartition("MAXRSS_KIB ")
    if not found:  # it died before measuring (a traceback)
        return result.returncode, result.stdout + result.stderr, 0
    return result.returncode, result.stdout + stderr, int(rss.strip()) // 1024


@pytest.fixture
def knowledge(tmp_path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", copy)
    return copy


def bomb(levels: int, width: int = 9) -> str:
    """A billion-laughs file: `levels` anchors, each a list of `width` aliases of the last."""
    lines = ["id: zbomb", "name: Bomb", "l0: &l0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    lines.append(f"summary: *l{levels - 1}")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_with_file_and_line_in_bounded_memory(knowledge):
    (knowledge / "frameworks" / "zbomb.yaml").write_text(bomb(7))  # 4.8 million values
    status, output, rss_mib = check(knowledge)
    assert status == 1
    assert "zbomb.yaml:4: YAML aliases (*name) are not allowed" in output
    assert len(output) < 20_000, f"{len(output)} characters of output"
    assert rss_mib < 400, f"peak RSS {rss_mib} MiB"


def test_a_recursive_alias_is_refused_with_file_and_line_not_a_traceback(knowledge):
    (knowledge / "frameworks" / "zloop.yaml").write_text(
        "id: zloop\nname: Loop\ntags: &x [a, *x]\n"
    )
    status, output, _ = check(knowledge)
    assert status == 1
    assert "zloop.yaml:3: YAML aliases (*name) are not allowed" in output
    assert "Traceback" not in output and "RecursionError" not in output


def test_a_file_with_thousands_of_problems_prints_a_bounded_list(knowledge):
    fields = "\n".join(f"unknown_field_{i}: {'x' * 2000}" for i in range(3000))
    (knowledge / "frameworks" / "zmany.yaml").write_text(f"id: zmany\nname: Many\n{fields}\n")
    status, output, _ = check(knowledge)
    assert status == 1
    assert "more problems not shown" in output
    assert len(output.splitlines()) < 600 and len(output) < 400_000
