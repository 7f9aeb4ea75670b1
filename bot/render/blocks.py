"""Block Kit rendering: answers, "Did you mean" choices, the guided flow, help, App Home, welcome.

Pure functions from the engine's `Answer` (and the knowledge base) to Slack message payloads; no
Slack SDK import, so the renderer is cheap to test. Every string that reaches Slack goes through
`bot.render.escape`, and every payload stays inside Block Kit's limits.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from bot.answers.model import Answer
from bot.render.escape import code_safe, escape, safe, truncate

# Block Kit limits (https://api.slack.com/reference/block-kit).
MAX_BLOCKS = 50  # per message
MAX_HOME_BLOCKS = 100  # per App Home view
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTION_ELEMENTS = 25
# Our own cap for the plain `text` that notifications and screen readers use.
MAX_FALLBACK_TEXT = 1000
MAX_SUGGESTIONS = 3

# Action ids: "<kind>:<index>" so that ids stay unique inside one actions block.
ASK = "ask"  # a suggested follow-up question
CLARIFY = "clarify"  # a "Did you mean" choice
CHOOSE = "choose"  # a step of the guided "help me choose" flow
FEEDBACK = "feedback"  # 👍 / 👎
SHARE = "share"  # "Share in channel" under an ephemeral answer
MORE = "more"  # "More details": the points kept back from the short answer
TEAM_ASK = "team_ask"  # "Ask the team" under a decline (bot/slack/team.py)
DETAILS_BLOCK = "details"  # block_id of the expanded details

SMALLTALK = frozenset({"greet", "thanks", "help"})


def action_pattern(kind: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(kind)}(?::[a-z0-9_]+)?$")


@dataclass
class Message:
    """A chat message: the plain `text` fallback and its blocks."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)

    def kwargs(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


# -- button values --------------------------------------------------------------------------


_ALWAYS = frozenset({"q", "c"})  # "" is meaningful for these: "None of these", "start the flow"


def _dumps(data: dict[str, Any]) -> str:
    # &, < and > as JSON \u escapes: even a button value never carries Slack control characters.
    value = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return value.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def encode_value(data: dict[str, Any]) -> str:
    """A compact JSON button value, shortened to fit Slack's 2,000-character limit."""
    data = {k: v for k, v in data.items() if k in _ALWAYS or v not in (None, [], "")}
    value = _dumps(data)
    for key in ("x", "o", "q", "h"):
        while len(value) > MAX_BUTTON_VALUE and isinstance(data.get(key), str) and data[key]:
            over = len(value) - MAX_BUTTON_VALUE  # an escaped character takes up to 6
            data[key] = data[key][: max(0, len(data[key]) - max(1, over // 6))]
            value = _dumps(data)
    if len(value) > MAX_BUTTON_VALUE:  # only unshortenable fields left: drop the question
        value = _dumps({k: v for k, v in data.items() if k not in ("x", "o", "q", "h")})
    return value


def decode_value(value: str | None) -> dict[str, Any]:
    """The dict behind a button value; {} for anything stale or malformed."""
    try:
        data = json.loads(value or "")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


# -- block helpers --------------------------------------------------------------------------


def mrkdwn(text: str) -> dict[str, Any]:
    # verbatim: no auto-linking of URLs, channel names or @-words that came from user text.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": plain(safe(text, MAX_HEADER_TEXT))}


def section(escaped: str) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(truncate(escaped, MAX_SECTION_TEXT))}


def context(*escaped: str) -> dict[str, Any]:
    elements = [mrkdwn(truncate(t, MAX_SECTION_TEXT)) for t in escaped if t]
    return {"type": "context", "elements": elements[:MAX_CONTEXT_ELEMENTS]}


def button(
    label: str, action_id: str, value: dict[str, Any], style: str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "button",
        "text": plain(safe(label, MAX_BUTTON_TEXT)),
        "action_id": action_id,
        "value": encode_value(value),
    }
    if style:
        out["style"] = style
    return out


def actions(buttons: list[dict[str, Any]], block_id: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "actions", "elements": buttons[:MAX_ACTION_ELEMENTS]}
    if block_id:
        out["block_id"] = block_id
    return out


def split_text(escaped: str, limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Split escaped mrkdwn into chunks of at most `limit` characters, at line breaks if
    possible."""
    chunks: list[str] = []
    current = ""
    for line in escaped.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            amp = line.rfind("&", 0, cut)
            if amp != -1 and ";" not in line[amp:cut]:
                cut = amp
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        chunks.append(current)
    return [c for c in chunks if c.strip()]


def fallback_text(*parts: str) -> str:
    """The notification text: escaped, short, never empty."""
    text = " — ".join(p.strip() for p in parts if p and p.strip()) or "framework-bot"
    text = re.sub(r"\s+", " ", text)
    return safe(text, MAX_FALLBACK_TEXT)


def fit(head: list[dict[str, Any]], tail: list[dict[str, Any]], limit: int) -> list[dict]:
    """head + tail within `limit` blocks; the head is shortened, the buttons in tail are kept."""
    if len(head) + len(tail) <= limit:
        return head + tail
    room = max(1, limit - len(tail) - 1)
    return [*head[:room], context("_… shortened to fit in one message._"), *tail][:limit]


# -- answers --------------------------------------------------------------------------------


def is_flow_question(answer: Answer) -> bool:
    """A step of the guided flow: options to pick from, nothing recommended yet. (The
    recommendation's only choice is "Start over", whose value is empty.)"""
    return bool(answer.choices) and all(c.action == "choose" and c.value for c in answer.choices)


def _split_cite(answer: Answer) -> tuple[str, str]:
    """The answer text, and its trailing '_Sources: ..._' line (shown in the context line)."""
    lines = answer.text.rstrip().split("\n")
    last = lines[-1].strip() if lines else ""
    if len(lines) > 1 and last.startswith("_Source") and last.endswith("_"):
        return "\n".join(lines[:-1]), last
    return answer.text, ""


def _assumption_line(answer: Answer) -> str:
    parts = [
        f"Taking *{escape(a.typed.replace('*', ''))}* as {escape(a.meant)}"
        for a in answer.assumptions
    ]
    return "; ".join(parts)


def _suggested_questions(answer: Answer) -> list[str]:
    questions: list[str] = []
    if not answer.clarify:
        questions += [c.question for c in answer.choices if c.action == "ask" and c.question]
    questions += [s for s in answer.suggestions if s]
    return list(dict.fromkeys(questions))[:MAX_SUGGESTIONS]


def render_answer(
    answer: Answer,
    *,
    question: str = "",
    surface: str = "channel",
    feedback: bool = True,
    share: dict[str, Any] | None = None,
    note: str = "",
    explain: list[str] | None = None,
    why: list[str] | None = None,
    ask_team: bool = False,
) -> Message:
    """One answer as a message.

    `question` is what was asked (kept in button values, never shown unescaped); `surface` is
    channel, dm or command; `share` is the value of a "Share in channel" button (ephemeral
    answers only); `note` is an extra context line (escaped here); `explain` adds the
    --explain lines as a code block (for curators); `why` adds the plain explanation that
    `/framework why` gives its asker; `ask_team` adds "Ask the team" to a decline.
    """
    head: list[dict[str, Any]] = []
    tail: list[dict[str, Any]] = []
    if answer.headline.strip():
        head.append(header(answer.headline))
    body, cite = _split_cite(answer)
    for chunk in split_text(escape(body.strip())):
        head.append(section(chunk))
    if answer.facts:
        bullets = "\n".join(f"• {escape(f)}" for f in answer.facts if f.strip())
        head += [section(chunk) for chunk in split_text(bullets)]
    for said in answer.team:
        head += team_note_blocks(said)
    if explain:
        for chunk in split_text("\n".join(code_safe(line) for line in explain), 2900):
            head.append(section(f"```{chunk}```"))
    if why:
        head.append(context(escape("Why this answer: " + " ".join(why))))

    flow_question = is_flow_question(answer)
    if answer.clarify and answer.choices:
        buttons = [
            button(
                c.label or "None of these",
                f"{CLARIFY}:{i}",
                {"q": c.question, "o": "" if c.question else question[:1000]},
            )
            for i, c in enumerate(answer.choices)
        ]
        tail.append(actions(buttons, block_id="clarify"))
    elif answer.choices and all(c.action == "choose" for c in answer.choices):
        buttons = [
            button(c.label, f"{CHOOSE}:{i}", {"c": c.value}, style=None)
            for i, c in enumerate(answer.choices)
        ]
        tail.append(actions(buttons, block_id="choose"))

    context_parts = [_assumption_line(answer)]
    if cite:
        context_parts.append(escape(cite))
    elif answer.sources:
        context_parts.append(
            "_Sources: " + escape(", ".join(s.short for s in answer.sources)) + "_"
        )
    if note:
        context_parts.append(escape(note))
    if any(context_parts):
        tail.append(context(*context_parts))

    if not flow_question:
        asks = [
            button(q, f"{ASK}:{i}", {"q": q}) for i, q in enumerate(_suggested_questions(answer))
        ]
        if asks:
            tail.append(actions(asks, block_id="suggestions"))

    footer: list[dict[str, Any]] = []
    if answer.details and not answer.clarify and not flow_question:
        footer.append(button("More details", f"{MORE}:0", {"x": "\n".join(answer.details)}))
    # small talk and help are not answers to rate
    rateable = answer.intent not in SMALLTALK and not answer.is_fallback
    if feedback and rateable and not answer.clarify and not flow_question:
        meta = {
            "i": answer.intent,
            "p": round(answer.confidence, 2),  # the score, kept with the rating
            "s": surface,
            "h": answer.headline[:150],
            "q": question[:1000],
        }
        footer.append(button("👍 Helpful", f"{FEEDBACK}:up", {"r": "up", **meta}))
        footer.append(button("👎 Not helpful", f"{FEEDBACK}:down", {"r": "down", **meta}))
    if ask_team and answer.is_fallback and not answer.clarify:
        footer.append(button("Ask the team", f"{TEAM_ASK}:0", {"q": question[:1000]}))
    if share is not None and not answer.clarify and not flow_question and not answer.is_fallback:
        footer.append(button("Share in channel", f"{SHARE}:0", share, style="primary"))
    if footer:
        tail.append(actions(footer, block_id="footer"))

    if not head and not tail:
        head.append(section(escape("I have nothing to say to that.")))
    first_line = body.strip().split("\n", 1)[0] if body.strip() else ""
    if (not first_line or first_line.endswith(":")) and answer.facts:
        first_line = answer.facts[0]  # a lead-in says nothing in a notification; its point does
    return Message(fallback_text(answer.headline, first_line), fit(head, tail, MAX_BLOCKS))


_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")


def user_mention(user: str) -> str:
    """Slack's mention syntax for a user id our code checked; anything else as plain text."""
    return f"<@{user}>" if _SLACK_USER.match(user) else escape("@" + user)


def team_note_blocks(note: Any) -> list[dict[str, Any]]:
    """The team's words (escaped), then who said it and when: never cited as a document."""
    blocks = [section(chunk) for chunk in split_text("*From the team*\n" + escape(note.text))]
    credit = f"According to the team ({user_mention(note.author)}, {escape(note.date)})"
    return [*blocks, context(credit + escape(" · not from the documents"))]


def details_section(details: list[str]) -> list[dict[str, Any]]:
    bullets = "\n".join(f"• {escape(d)}" for d in details if d.strip())
    blocks = [section(chunk) for chunk in split_text(bullets)]
    for i, block in enumerate(blocks):
        block["block_id"] = DETAILS_BLOCK if i == 0 else f"{DETAILS_BLOCK}_{i}"
    return blocks


def _is_more_button(element: dict[str, Any]) -> bool:
    return str(element.get("action_id", "")).startswith(MORE + ":")


def expand_details(blocks: list[dict[str, Any]], details: list[str]) -> list[dict[str, Any]]:
    """A posted answer with its details shown: the points go after the answer's own
    sections, the "More details" button goes. Expanding twice changes nothing."""
    if any(b.get("block_id") == DETAILS_BLOCK for b in blocks):
        return blocks
    kept: list[dict[str, Any]] = []
    for block in blocks:
        if block.get("type") == "actions":
            elements = [e for e in block.get("elements", []) if not _is_more_button(e)]
            if not elements:
                continue
            block = {**block, "elements": elements}
        kept.append(block)
    at = next((i for i, b in enumerate(kept) if b.get("type") in ("context", "actions")), len(kept))
    tail = kept[at:]
    return fit([*kept[:at], *details_section(details)], tail, MAX_BLOCKS)


def render_details(details: list[str]) -> Message:
    """The details alone, for an answer that cannot be edited (an ephemeral one)."""
    blocks = [context(escape("More details")), *details_section(details)]
    return Message(fallback_text("More details", details[0] if details else ""), blocks)


def render_notice(text: str) -> Message:
    """A one-line message (escaped) such as "Thanks for the feedback!"."""
    return Message(fallback_text(text), [section(escape(text))])


def clarify_done(blocks: list[dict[str, Any]], picked: str) -> list[dict[str, Any]]:
    """A "Did you mean" message once answered: its choice buttons replaced by what was picked."""
    kept = [
        b
        for b in blocks
        if not (
            b.get("type") == "actions"
            and any(
                str(e.get("action_id", "")).startswith(CLARIFY + ":") for e in b.get("elements", [])
            )
        )
    ]
    return [*kept, context(escape(picked))][:MAX_BLOCKS]


# -- help, welcome and App Home ---------------------------------------------------------------

EXAMPLES = (
    "What is Flask?",
    "Compare Flask and Django",
    "Who uses FastAPI?",
    "Which framework fits a small API?",
    "What is WSGI?",
)


def _help_lines(command: str) -> list[str]:
    return [
        f"`{command} flask` — an overview of one framework",
        f"`{command} compare flask django` — how two frameworks differ",
        f"`{command} list [category]` — the frameworks I know (micro, full-stack, async)",
        f"`{command} choose` — a few quick questions, then a recommendation",
        f"`{command} why <question>` — the answer, and how I understood the question",
        f"`{command} <any question>` — for example “who uses FastAPI?”",
    ]


def choose_button(label: str = "Help me choose a framework") -> dict[str, Any]:
    return button(label, f"{CHOOSE}:start", {"c": ""}, style="primary")


def render_help(command: str = "/framework") -> Message:
    lines = "\n".join(f"• {escape(line)}" for line in _help_lines(command))
    blocks = [
        header(f"How to use {command}"),
        section(lines),
        section(
            escape(
                "You can also mention me in a channel (I answer in a thread, and follow-ups in "
                "that thread need no mention) or send me a direct message. Answers come from a "
                "small set of sourced articles; only you see the answers to "
            )
            + f"`{escape(command)}`"
            + escape(" until you share them.")
        ),
        actions(
            [
                choose_button(),
                *(button(q, f"{ASK}:{i}", {"q": q}) for i, q in enumerate(EXAMPLES[:2])),
            ],
            block_id="help",
        ),
    ]
    return Message(fallback_text(f"How to use {command}"), blocks)


def render_welcome(command: str = "/framework") -> Message:
    blocks = [
        section(
            escape(
                "👋 Welcome! I'm framework-bot. I answer questions about Python web frameworks "
                "— what they are, how they compare, who uses them — from sourced articles."
            )
        ),
        section(
            escape("Mention me with a question, send me a direct message, or use ")
            + f"`{escape(command)}`"
            + escape(
                ". Not sure where to start? I can help you pick a framework in four questions."
            )
        ),
        actions([choose_button()], block_id="welcome"),
    ]
    return Message(
        fallback_text("Welcome! I answer questions about Python web frameworks."), blocks
    )


HOME_LINE = 160  # characters of a framework's one-liner on the App Home


def _one_liner(fw: Any) -> str:
    """A whole summary sentence that fits the Home line: the first that fits and says what
    the framework is, not how an article quoted it ('one of the "old men"')."""
    fitting = [f.text for f in fw.summary if len(f.text) <= HOME_LINE]
    plain = [t for t in fitting if '"' not in t and not t.startswith("The article")]
    if plain or fitting:
        return (plain or fitting)[0]
    first = fw.summary[0].text if fw.summary else ""
    cut = first[:HOME_LINE].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…" if cut != first else first


def render_home(knowledge: Any, command: str = "/framework", notice: str = "") -> dict[str, Any]:
    """The App Home tab: what the bot knows by category, how to ask, examples, Help me choose.
    `notice` (escaped here) is shown at the top, e.g. where a button's answer went."""
    head: list[dict[str, Any]] = [
        header("framework-bot"),
        *([context("✅ " + escape(notice))] if notice else []),
        section(
            escape(
                f"I answer questions about Python web frameworks from {len(knowledge.sources)} "
                "sourced articles, and say which article each answer comes from."
            )
        ),
        actions([choose_button()], block_id="home_choose"),
        {"type": "divider"},
        section("*How to ask*"),
        section(
            "\n".join(
                [
                    "• "
                    + escape(
                        "Mention me in a channel: I answer in a thread, and you can ask "
                        "follow-ups there without mentioning me again."
                    ),
                    "• " + escape("Send me a direct message here, in the Messages tab."),
                    "• "
                    + escape("Use ")
                    + f"`{escape(command)}`"
                    + escape(" anywhere: only you see the answer until you share it."),
                ]
            )
        ),
        section("*Example questions*"),
        actions([button(q, f"{ASK}:{i}", {"q": q}) for i, q in enumerate(EXAMPLES)], "examples"),
        {"type": "divider"},
        section("*What I know*"),
    ]
    for cid, category in knowledge.categories.items():
        # each framework once, under its main (first) kind
        members = [fw for fw in knowledge.members(cid) if fw.category_ids[:1] == [cid]]
        python = [fw for fw in members if fw.language == "python"]
        other = [fw for fw in members if fw.language != "python"]
        if not python and not other:
            continue
        lines = [f"*{escape(category.name)}s*"]
        for fw in python:
            also = [knowledge.categories[c].name.lower() for c in fw.category_ids[1:]]
            note = f" _(also {escape(' and '.join(also))})_" if also else ""
            lines.append(f"• *{escape(fw.name)}*{note} — {escape(_one_liner(fw))}")
        if other:
            names = ", ".join(fw.name for fw in other)
            lines.append(f"_{escape('For comparison (Ruby): ' + names)}_")
        head += [section(chunk) for chunk in split_text("\n".join(lines))]
    titles = ", ".join(s.title for s in knowledge.sources.values())
    tail = [context(escape("Sources: " + titles))]
    return {"type": "home", "blocks": fit(head, tail, MAX_HOME_BLOCKS)}
