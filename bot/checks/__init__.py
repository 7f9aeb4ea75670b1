"""framework-bot check: validate the knowledge base, the intents and the lexicon, and print a
summary.

Knowledge: every file is loaded and cross-checked (bot.knowledge); the summary counts each kind,
shows which facets each framework fills, and counts facts without sources (must be 0)
(bot/checks/knowledge.py). Intents: the project's `rasa data validate` (bot/checks/intents.py).
Lexicon: every intents/lexicon/*.yaml entry is validated (bot/checks/lexicon.py).

Errors print as ``file:line [key.path]: message``; the exit status is 1 if there is any error.
"""

from __future__ import annotations

import time
from typing import TextIO

from bot.checks.intents import lint_intents
from bot.checks.knowledge import print_knowledge_summary, statements
from bot.checks.lexicon import check_lexicon
from bot.knowledge import load_knowledge, resolve_knowledge_dir
from bot.nlu.intent_data import load_intents, resolve_intents_dir
from bot.paths import resolve_team_dir
from bot.records import Knowledge, statement_text
from bot.text.tokens import fold, tokens
from bot.yamlsrc import SourceError, SourceErrors

MAX_LISTED = 40  # misclassified examples printed in full; the rest are counted


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

        for problem in needs_errors(kb):
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

    errors.extend(check_lexicon(out))

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
