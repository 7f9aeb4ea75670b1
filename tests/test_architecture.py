"""The house rules a newcomer relies on: small modules, no import cycles, arrows only downward.

The data flows one way (text tools → knowledge → understanding → answers → engine → renderers
→ surfaces); a module that imports from a layer above it, or two modules that import each
other, make a change in one room break another. Read off the source with `ast`, so the rules
hold for imports inside functions too.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
MAX_LINES = 450

# lowest first; a module may import its own package and any package on a lower layer (the
# surfaces, on top, may also use each other)
LAYERS: list[tuple[str, ...]] = [
    ("bot.paths", "bot.yamlsrc", "bot.cache"),
    ("bot.text",),
    ("bot.records", "bot.state"),
    ("bot.knowledge",),
    ("bot.nlu",),
    ("bot.answers",),
    ("bot.team", "bot.curation"),
    ("bot.engine",),
    ("bot.render",),
    (
        "bot.slack",
        "bot.cli",
        "bot.chat",
        "bot.evaluate",
        "bot.sweep",
        "bot.checks",
        "bot.curation_cli",
        "bot.team_cli",
        "bot",
    ),
]
# renderers draw the answer model (and the plain records it names), nothing else of the engine
RENDER_MAY_IMPORT = ("bot.render", "bot.answers.model", "bot.records", "bot.text")


def module_name(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(BOT.rglob("*.py"))}


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The bot modules a file imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("bot"):
                continue
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "bot")
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, known) - {name} for name, path in known.items()}


def package(name: str) -> str:
    return ".".join(name.split(".")[:2])


def layer(name: str) -> int:
    for level, members in enumerate(LAYERS):
        if package(name) in members:
            return level
    raise AssertionError(f"{name} is on no layer: add its package to LAYERS")


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in edges:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def upward_arrows(edges: dict[str, set[str]]) -> list[str]:
    wrong = []
    for source, targets in sorted(edges.items()):
        for target in sorted(targets):
            if package(source) == package(target) or source == "bot":
                continue
            if package(source) == "bot.render" and not target.startswith(RENDER_MAY_IMPORT):
                wrong.append(f"{source} -> {target} (renderers import only the answer model)")
            elif layer(target) > layer(source) or (
                layer(target) == layer(source) < len(LAYERS) - 1
            ):
                wrong.append(f"{source} -> {target}")
    return wrong


PACKAGES = sorted({package(name) for name in modules()})


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_is_a_room_that_does_everything(name: str) -> None:
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines (at most {MAX_LINES})"


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


@pytest.mark.parametrize("pkg", PACKAGES)
def test_arrows_only_run_downward(pkg: str) -> None:
    edges = {k: v for k, v in graph().items() if package(k) == pkg}
    assert upward_arrows(edges) == []


def test_the_checker_sees_a_cycle_and_an_upward_arrow() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    edges["bot.nlu.a"] = {"bot.nlu.b"}
    edges["bot.nlu.b"] = {"bot.nlu.a", "bot.engine"}
    edges["bot.render.x"] = {"bot.engine"}
    edges["bot.engine"] = set()
    assert cycles(edges) == [["bot.nlu.a", "bot.nlu.b"]]
    assert upward_arrows(edges) == [
        "bot.nlu.b -> bot.engine",
        "bot.render.x -> bot.engine (renderers import only the answer model)",
    ]
