"""`framework-bot check`, the knowledge part: counts of each kind, the facet table, and facts
without sources (must be 0; the schema forbids them, this double-checks)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, TextIO

from bot.records import FACETS, Argument, Fact, Knowledge, Named

FACET_LABELS = {
    "summary": "sum",
    "features": "fea",
    "strengths": "str",
    "drawbacks": "drw",
    "built_on": "bui",
    "databases": "dbs",
    "templating": "tpl",
    "history": "his",
    "users": "usr",
    "performance": "prf",
    "related": "rel",
}


def statements(kb: Knowledge) -> Iterator[tuple[str, Fact | Named | Argument]]:
    """Every Fact, Named (user) and Argument anywhere in the knowledge, with a label."""

    def walk(obj: Any, label: str) -> Iterator[tuple[str, Fact | Named | Argument]]:
        if isinstance(obj, Fact | Named | Argument):
            yield label, obj
        if dataclasses.is_dataclass(obj):
            for item in dataclasses.fields(obj):
                yield from walk(getattr(obj, item.name), f"{label}.{item.name}")
        elif isinstance(obj, list):
            for index, item in enumerate(obj):
                yield from walk(item, f"{label}[{index}]")

    for fw in kb.frameworks.values():
        yield from walk(fw, fw.id)
    for cat in kb.categories.values():
        yield from walk(cat, cat.id)
    for term in kb.terms.values():
        yield from walk(term, term.id)
    for arg in kb.tradeoffs:
        yield from walk(arg, f"tradeoffs.{arg.id}")


def unsourced(kb: Knowledge) -> list[str]:
    """Labels of facts whose sources list is empty (the schema forbids it; this double-checks)."""
    return [label for label, item in statements(kb) if not item.sources]


def knowledge_counts(kb: Knowledge) -> dict[str, int]:
    return {
        "sources": len(kb.sources),
        "frameworks": len(kb.frameworks),
        "categories": len(kb.categories),
        "terms": len(kb.terms),
        "tradeoffs": len(kb.tradeoffs),
        "tags": len(kb.tags),
        "facts": sum(1 for _ in statements(kb)),
        "users": sum(len(fw.users) for fw in kb.frameworks.values()),
    }


def _marks(out: TextIO) -> tuple[str, str]:
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        "✓·".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "x", "."
    return "✓", "·"


def print_knowledge_summary(kb: Knowledge, out: TextIO) -> list[str]:
    """Counts, the facet table and unsourced facts; returns the unsourced labels."""
    counts = knowledge_counts(kb)
    width = max(len(k) for k in counts)
    for kind, n in counts.items():
        print(f"  {kind:<{width}}  {n:>5}", file=out)

    yes, no = _marks(out)
    id_width = max([len(fw_id) for fw_id in kb.frameworks] + [9])
    print("facets filled per framework:", file=out)
    header = " ".join(FACET_LABELS[f] for f in FACETS)
    print(f"  {'framework':<{id_width}}  {header}  filled", file=out)
    for fw in kb.frameworks.values():
        filled = set(fw.filled_facets())
        cells = " ".join(f" {yes if f in filled else no} " for f in FACETS)
        print(f"  {fw.id:<{id_width}}  {cells}  {len(filled):>2}/{len(FACETS)}", file=out)
    legend = ", ".join(f"{short}={name}" for name, short in FACET_LABELS.items())
    print(f"  ({legend}; {no} = the documents say nothing)", file=out)

    missing = unsourced(kb)
    print(f"facts without sources: {len(missing)}", file=out)
    for label in missing:
        print(f"  {label}", file=out)
    return missing
