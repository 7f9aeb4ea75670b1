"""`framework-bot check`, the intents part (the project's `rasa data validate`):

- examples that read the same in two intents once entity names are masked (error);
- intents with fewer than MIN_EXAMPLES examples (error) or more than MAX_EXAMPLES (warning);
- examples the matcher itself gets wrong when the example is left out of its own training data
  (warning: a sign the example is ambiguous or its intent is too thin).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bot.records import IntentData, IntentSpec, Knowledge
from bot.yamlsrc import SourceError, load_yaml

MIN_EXAMPLES = 15
MAX_EXAMPLES = 40


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
            spec = IntentSpec(**item)
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

    from bot.nlu.pipeline import Understanding

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
