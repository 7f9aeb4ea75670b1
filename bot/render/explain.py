"""The --explain view: why the bot answered what it answered."""

from __future__ import annotations

from bot.engine import Result


def explain_lines(result: Result) -> list[str]:
    parse = result.parse
    lines = ["--- explain ---", f"intent: {parse.intent} (confidence {parse.confidence:.2f})"]
    if parse.reason:
        lines.append(f"why: {parse.reason}")
    if parse.ranking:
        lines.append(f"masked question: {parse.ranking.masked}")
        if parse.ranking.corrected:
            fixes = ", ".join(f"{a}→{b}" for a, b in parse.ranking.corrected.items())
            lines.append(f"spelling fixed: {fixes}")
        for score in parse.ranking.scores[:3]:
            lines.append(
                f"  {score.intent:<20} {score.score:.3f} (fuzzy {score.fuzzy:.2f}, cue "
                f"{score.cue:.0f}, fit {score.fit:.1f}) ~ “{score.example}”"
            )
        runner = parse.ranking.runner_up
        if runner:
            lines.append(f"runner-up: {runner.intent} ({runner.score:.2f})")
    for m in parse.mentions:
        how = "exact" if m.exact else f"fuzzy {m.score:.2f}"
        lines.append(f"entity: “{m.surface}” → {m.id} ({m.kind}, {how})")
    for surface, why in parse.rejected:
        lines.append(f"not an entity: “{surface}” ({why})")
    if parse.used_context:
        lines.append(f"from thread context: {', '.join(parse.entities)}")
    if parse.novel:
        lines.append(f"words the sources never use: {', '.join(parse.novel)}")
    if parse.unknown_names:
        lines.append(f"outside the sources: {', '.join(parse.unknown_names)}")
    if parse.unknown_topics:
        lines.append(f"topics the sources never cover: {', '.join(parse.unknown_topics)}")
    return lines
