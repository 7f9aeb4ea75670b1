"""The --explain view: why the bot answered what it answered."""

from __future__ import annotations

from bot.engine import Result


def explain_lines(result: Result) -> list[str]:
    parse = result.parse
    lines = ["--- explain ---", f"intent: {parse.intent} (confidence {parse.confidence:.2f})"]
    if parse.reason:
        lines.append(f"why: {parse.reason}")
    if parse.rule:
        lines.append(f"rule: {parse.rule}")
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


# each reading of a question, in a user's words ({subject}: what it is about)
READ_AS = {
    "greet": "a hello",
    "help": "what I can do",
    "thanks": "a thank-you",
    "describe_framework": "what {subject} is",
    "features": "what {subject} offers",
    "category_of": "what kind of framework {subject} is",
    "list_frameworks": "which frameworks there are",
    "define_term": "what {subject} means",
    "compare": "how {subject} compare",
    "recommend": "which framework to pick",
    "who_uses": "who uses {subject}",
    "history": "where {subject} came from",
    "built_on": "what {subject} is built on",
    "databases": "which databases {subject} works with",
    "drawbacks": "the drawbacks of {subject}",
    "performance": "how fast {subject} is",
    "sources": "where my information comes from",
}
SURE, UNSURE = 0.75, 0.55
_DECLINED = {
    "names something outside the sources": "it names something my sources don't cover",
    "asks about a topic the sources never cover": "my sources never cover that topic",
    "asks how to do something": "it asks for steps, and my sources are no how-to guide",
    "asks for a task or a version": "it asks for a task or a version my sources don't give",
}


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def why_lines(result: Result) -> list[str]:
    """What `/framework why` tells a user: how the question was read, what was assumed and
    which documents the answer comes from, in plain words (no matcher internals)."""
    parse, answer = result.parse, result.answer
    lines: list[str] = []
    if answer.is_fallback:
        reason = _DECLINED.get(parse.reason, "I couldn't match it to anything my sources answer")
        lines.append(f"I didn't answer because {reason}.")
    else:
        names = list(dict.fromkeys(m.display for m in parse.mentions)) or ["it"]
        reading = READ_AS.get(answer.intent, "a question").format(subject=_and(names))
        sure = "I'm fairly sure" if parse.confidence >= SURE else "I think"
        if parse.confidence < UNSURE:
            sure = "My best guess is that"
        lines.append(f"{sure} you asked {reading}.")
    for m in parse.mentions:
        if not m.exact:
            lines.append(f"I took “{m.surface}” to mean {m.display}.")
    if parse.used_context:
        lines.append("I read it as following on from earlier in the conversation.")
    if answer.sources:
        lines.append("The answer comes from: " + "; ".join(s.title for s in answer.sources) + ".")
    return lines
