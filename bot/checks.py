"""framework-bot check: validate the knowledge base and the intents, and print a summary.

Knowledge: every file is loaded and cross-checked (bot.knowledge); the summary counts each kind,
shows which facets each framework fills, and counts facts without sources (must be 0).

Intents (the project's `rasa data validate`):
- examples that read the same in two intents once entity names are masked (error);
- intents with fewer than MIN_EXAMPLES examples (error) or more than MAX_EXAMPLES (warning);
- examples the matcher itself gets wrong when the example is left out of its own training data
  (warning: a sign the example is ambiguous or its intent is too thin).

Errors print as ``file:line [key.path]: message``; the exit status is 1 if there is any error.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel

from bot.knowledge import (
    FACETS,
    Argument,
    Fact,
    Knowledge,
    Named,
    load_knowledge,
    resolve_knowledge_dir,
)
from bot.nlu.intent_data import IntentData, IntentSpec, load_intents, resolve_intents_dir
from bot.nlu.normalise import fold, tokens
from bot.paths import resolve_team_dir
from bot.records import statement_text
from bot.yamlsrc import SourceError, SourceErrors, load_yaml

MIN_EXAMPLES = 15
MAX_EXAMPLES = 40
MAX_LISTED = 40  # misclassified examples printed in full; the rest are counted

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


@dataclass
class Example:
    """One intent example with where it is written."""

    intent: str
    text: str
    file: str
    key: str
    line: int | None

    def error(self, message: str) -> SourceError:
        return SourceError(self.file, self.key, self.line, message)


@dataclass
class Report:
    errors: list[SourceError]
    warnings: list[str]


# -- knowledge -------------------------------------------------------------------------------


def statements(kb: Knowledge) -> Iterator[tuple[str, Fact | Named | Argument]]:
    """Every Fact, Named (user) and Argument anywhere in the knowledge, with a label."""

    def walk(obj: Any, label: str) -> Iterator[tuple[str, Fact | Named | Argument]]:
        if isinstance(obj, Fact | Named | Argument):
            yield label, obj
        if isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                yield from walk(getattr(obj, name), f"{label}.{name}")
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


# -- intents ---------------------------------------------------------------------------------


def locate_examples(data: IntentData) -> list[Example]:
    """Every example of every intent with its file and line, in the order the matcher reads them
    (intents in first-seen order, an intent's examples in file order)."""
    by_intent: dict[str, list[Example]] = defaultdict(list)
    for file in data.files:
        path = Path(file)
        parsed, lines = load_yaml(path)  # already validated by load_intents
        raw = path.read_text(encoding="utf-8").splitlines()
        for index, item in enumerate((parsed or {}).get("nlu") or []):
            if not isinstance(item, dict) or "intent" not in item:
                continue
            spec = IntentSpec.model_validate(item)
            key_path = ("nlu", index, "examples")
            start = lines.line_of(key_path) or 1
            cursor = start  # raw[cursor] is the line after the `examples:` key
            for text in spec.example_lines():
                line = None
                for probe in range(cursor, len(raw)):
                    stripped = raw[probe].strip()
                    if stripped.startswith("- "):
                        stripped = stripped[2:].strip()
                    if stripped == text:
                        line, cursor = probe + 1, probe + 1
                        break
                by_intent[spec.intent].append(
                    Example(spec.intent, text, file, f"nlu[{index}].examples", line or start)
                )
    return [ex for name in data.intents for ex in by_intent.get(name, [])]


def _readable(masked: str) -> str:
    return (
        masked.replace("xfw", "{framework}")
        .replace("xcat", "{category}")
        .replace("xterm", "{term}")
    )


@contextmanager
def _left_out(matcher: Any, index: int) -> Iterator[None]:
    """Hide one example from the matcher (its postings and its fuzzy-match text) for a moment.

    Term weights (idf) and the typo-correction vocabulary keep the example: rebuilding them
    for each of several hundred examples would cost seconds and change scores only marginally.
    """
    example = matcher.examples[index]
    saved_text = matcher.sorted_texts[index]
    saved = {s: matcher.postings[s] for s in example.stems}
    matcher.sorted_texts[index] = ""
    for s, posting in saved.items():
        matcher.postings[s] = [j for j in posting if j != index]
    try:
        yield
    finally:
        matcher.sorted_texts[index] = saved_text
        matcher.postings.update(saved)


def lint_intents(
    data: IntentData, kb: Knowledge | None, out: TextIO, max_listed: int | None
) -> Report:
    errors: list[SourceError] = []
    warnings: list[str] = []
    examples = locate_examples(data)
    per_intent = Counter(ex.intent for ex in examples)
    first_of: dict[str, Example] = {}
    for ex in examples:
        first_of.setdefault(ex.intent, ex)

    print(f"  intents   {len(data.intents):>5}", file=out)
    print(f"  examples  {len(examples):>5}", file=out)
    row = ", ".join(f"{name} {per_intent[name]}" for name in data.intents)
    print(f"  examples per intent: {row}", file=out)

    few = [name for name in data.intents if per_intent[name] < MIN_EXAMPLES]
    for name in few:
        anchor = first_of.get(name)
        message = (
            f"intent '{name}' has {per_intent[name]} examples; expected at least {MIN_EXAMPLES}"
        )
        if anchor:
            errors.append(SourceError(anchor.file, anchor.key, anchor.line, message))
        else:
            errors.append(SourceError(data.files[0] if data.files else "", "", None, message))
    for name in data.intents:
        if per_intent[name] > MAX_EXAMPLES:
            warnings.append(
                f"intent '{name}' has {per_intent[name]} examples; at most {MAX_EXAMPLES} "
                "keeps it varied rather than repetitive"
            )
    print(f"intents with fewer than {MIN_EXAMPLES} examples: {len(few)}", file=out)

    if kb is None:
        print(
            "duplicate and misclassification lint skipped: it needs a valid knowledge base "
            "to mask entity names",
            file=out,
        )
        return Report(errors, warnings)

    from bot.nlu.understand import Understanding

    matcher = Understanding(kb, data).matcher
    if len(matcher.examples) != len(examples) or any(
        m.intent != ex.intent for m, ex in zip(matcher.examples, examples, strict=False)
    ):  # pragma: no cover - both read the same data in the same order
        raise RuntimeError("intent examples and matcher examples are out of step")

    # Duplicates: the same text once entity names are masked.
    seen: dict[str, Example] = {}
    within = 0
    across = 0
    for ex, m in zip(examples, matcher.examples, strict=True):
        first = seen.setdefault(m.text, ex)
        if first is ex:
            continue
        shown = _readable(m.text)
        where = f"{first.file}:{first.line}"
        if first.intent != ex.intent:
            across += 1
            errors.append(
                ex.error(
                    f"example '{ex.text}' (intent '{ex.intent}') duplicates '{first.text}' "
                    f"of intent '{first.intent}' ({where}): both read '{shown}' once entity "
                    "names are masked; keep it in one intent only"
                )
            )
        else:
            within += 1
            warnings.append(
                str(
                    ex.error(
                        f"example '{ex.text}' repeats '{first.text}' ({where}) within intent "
                        f"'{ex.intent}' (both read '{shown}' once masked)"
                    )
                )
            )
    print(f"examples duplicated across intents: {across}", file=out)
    if within:
        print(f"examples repeated within an intent: {within} (warnings)", file=out)

    # Leave-one-out: would the matcher put each example in its own intent without it?
    misses = _misclassified(matcher, examples)
    print(
        f"examples misclassified when left out of training: {len(misses)} of {len(examples)} "
        "(warnings)",
        file=out,
    )
    if misses:
        by_intent = Counter(ex.intent for ex, _top, _s, _own in misses)
        print(
            "  by intent: " + ", ".join(f"{k} {v}" for k, v in by_intent.most_common()),
            file=out,
        )
        listed = misses if max_listed is None else misses[:max_listed]
        for ex, top, score, own in listed:
            warnings.append(
                str(
                    ex.error(
                        f"'{ex.text}' ({ex.intent}) goes to '{top}' ({score:.2f}) over "
                        f"'{ex.intent}' ({own:.2f}) without itself"
                    )
                )
            )
        if len(listed) < len(misses):
            warnings.append(f"... and {len(misses) - len(listed)} more misclassified examples")
    return Report(errors, warnings)


def _misclassified(
    matcher: Any, examples: list[Example]
) -> list[tuple[Example, str, float, float]]:
    from bot.nlu.entities import CATEGORY, FRAMEWORK, TERM
    from bot.nlu.intents import PLACEHOLDERS
    from bot.nlu.vocabulary import PRONOUNS

    kinds = {placeholder: kind for kind, placeholder in PLACEHOLDERS.items()}
    out = []
    for index, (ex, m) in enumerate(zip(examples, matcher.examples, strict=True)):
        toks = m.text.split()
        available = Counter(kinds[t] for t in toks if t in kinds)
        # The question as typed, and, for "who uses it", as it reads in a thread about a
        # framework, category or term (what the engine does with context).
        variants = [(toks, dict(available), sum(available.values()))]
        if not available and PRONOUNS.intersection(toks):
            for kind in (FRAMEWORK, CATEGORY, TERM):
                pointed = [PLACEHOLDERS[kind] if t in PRONOUNS else t for t in toks]
                variants.append((pointed, {kind: 1}, 0))
        with _left_out(matcher, index):
            rankings = [matcher.rank(list(t), a, has_any) for t, a, has_any in variants]
        if any(r.best.intent == ex.intent for r in rankings):
            continue
        ranking = rankings[0]
        own = next((s.score for s in ranking.scores if s.intent == ex.intent), 0.0)
        out.append((ex, ranking.best.intent, ranking.best.score, own))
    return out


# -- the command -----------------------------------------------------------------------------


def covered_topics(kb: Knowledge, topics: list[str]) -> list[str]:
    """Uncovered topics the knowledge does talk about: those would hide real answers."""
    words = " ".join(" ".join(tokens(fold(statement_text(item)))) for _, item in statements(kb))
    words = " " + words + " "
    for term in kb.terms.values():
        words += " ".join(tokens(fold(" ".join([term.name, *term.aliases])))) + " "
    return [t for t in topics if " " + " ".join(tokens(fold(t))) + " " in words]


def run_check(
    knowledge_dir: str | None,
    intents_dir: str | None,
    out: TextIO,
    *,
    max_listed: int | None = MAX_LISTED,
    team_dir: str | None = None,
) -> int:
    """Validate knowledge and intents (and the team directory, when given or set in
    FRAMEWORK_BOT_TEAM_DIR), print a summary to `out`; 0 if clean, 1 on any error."""
    started = time.perf_counter()
    errors: list[SourceError] = []
    warnings: list[str] = []

    kb_root = resolve_knowledge_dir(knowledge_dir)
    print(f"knowledge: {kb_root}", file=out)
    kb: Knowledge | None
    try:
        kb = load_knowledge(kb_root)
    except SourceErrors as exc:
        kb = None
        errors.extend(exc.errors)
        print(f"  {len(exc.errors)} error(s) in the knowledge files (listed below)", file=out)
    if kb is not None:
        missing = print_knowledge_summary(kb, out)
        for label in missing:
            errors.append(SourceError(str(kb_root), label, None, "fact without sources"))
        from bot.answers.needs import needs_errors
        from bot.records import from_model

        for problem in needs_errors(from_model(kb)):
            errors.append(SourceError(str(kb_root / "needs.yaml"), "needs", None, problem))

    intents_root = resolve_intents_dir(intents_dir)
    print(f"intents: {intents_root}", file=out)
    try:
        data = load_intents(intents_root)
    except SourceErrors as exc:
        errors.extend(exc.errors)
        print(f"  {len(exc.errors)} error(s) in the intent files (listed below)", file=out)
    else:
        report = lint_intents(data, kb, out, max_listed)
        errors.extend(report.errors)
        warnings.extend(report.warnings)
        if kb is not None:
            for topic in covered_topics(kb, data.lookups.get("uncovered_topics", [])):
                errors.append(
                    SourceError(
                        str(intents_root / "lookups.yaml"),
                        "uncovered_topics",
                        None,
                        f"“{topic}” is listed as uncovered but the knowledge mentions it",
                    )
                )

    team_root = resolve_team_dir(team_dir)
    if team_root is not None:
        from bot.team import load_team

        print(f"team: {team_root}", file=out)
        try:
            facts = load_team(team_root, kb.frameworks if kb is not None else None)
        except SourceErrors as exc:
            errors.extend(exc.errors)
            print(f"  {len(exc.errors)} error(s) in the team files (listed below)", file=out)
        else:
            print(f"  team facts: {len(facts)}", file=out)

    if warnings:
        print(f"warnings ({len(warnings)}):", file=out)
        for warning in warnings:
            print(f"warning: {warning}", file=out)
    if errors:
        print(f"errors ({len(errors)}):", file=out)
        for error in errors:
            print(str(error), file=out)
    elapsed = time.perf_counter() - started
    verdict = "FAILED" if errors else "ok"
    print(
        f"check {verdict}: {len(errors)} error(s), {len(warnings)} warning(s) in {elapsed:.2f} s",
        file=out,
    )
    return 1 if errors else 0
