"""The engine: load once, answer many questions, with context per conversation.

No Slack here: the CLI, the Slack app, tests and benchmarks all drive this same object.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.answers import clarify, compose
from bot.answers.common import Request
from bot.answers.flow import flow_step, parse_picks
from bot.answers.model import Answer, Assumption
from bot.answers.multipart import combine, part_budget
from bot.answers.search import FactIndex
from bot.cache import cached
from bot.nlu.parse import Parse
from bot.nlu.parts import opens_as_question, split_parts, taken_back, without_correction
from bot.nlu.pipeline import DEFAULT_THRESHOLD, Understanding
from bot.paths import resolve_intents_dir, resolve_knowledge_dir, resolve_team_dir
from bot.records import IntentData, Knowledge, from_model
from bot.state.base import StateStore
from bot.state.memory import MemoryStore

log = logging.getLogger(__name__)

RECENT = 3  # subjects a thread remembers for plural follow-ups
DEFAULT_CONTEXT_TTL = float(os.environ.get("FRAMEWORK_BOT_CONTEXT_TTL", 30 * 60))


def _is_remark(parse: Parse) -> bool:
    """A part that names nothing, neither a subject nor a name or topic the sources lack:
    chatter beside the question ('asking for a deck')."""
    return not (parse.entities or parse.unknown_names or parse.unknown_topics)


def _context_after(parse: Parse, ctx: dict[str, Any] | None) -> dict[str, Any]:
    """The context a later part is read in: this part's subject, else the one before."""
    subject = parse.entities or (ctx or {}).get("entities", [])
    return {"entities": subject, "intent": parse.intent, "recent": subject, "members": []}


# intents that make no part of a multi-part answer: small talk, a decline, the guided flow
NOT_A_PART = frozenset({"fallback", "greet", "thanks", "help"})


def _compile(kdir: Path, idir: Path) -> tuple[Knowledge, IntentData, Understanding, FactIndex]:
    """Knowledge, intents and the matcher built from them (or their compiled copy)."""

    def build() -> tuple[Knowledge, IntentData, Understanding, FactIndex]:
        # the pydantic schema validates; the engine keeps plain records (no pydantic at run time)
        from bot.knowledge import load_knowledge
        from bot.nlu.intent_data import load_intents

        knowledge = from_model(load_knowledge(kdir))
        intents = from_model(load_intents(idir))
        return knowledge, intents, Understanding(knowledge, intents), FactIndex(knowledge)

    return cached([kdir, idir], build)


SURE_PART = 0.6  # a part read this surely asks a question of its own, whatever the whole reads as


@dataclass
class Result:
    """An answer and the parse behind it (for --explain and the curation log)."""

    answer: Answer
    parse: Parse


class Engine:
    def __init__(
        self,
        knowledge: Knowledge,
        intents: IntentData,
        store: StateStore | None = None,
        context_ttl: float = DEFAULT_CONTEXT_TTL,
        threshold: float = DEFAULT_THRESHOLD,
        parts: tuple[Understanding, FactIndex] | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.intents = intents
        if parts is None:
            parts = (Understanding(knowledge, intents, threshold), FactIndex(knowledge))
        self.understanding, self.index = parts
        self.understanding.threshold = threshold
        self.store: StateStore = store or MemoryStore()
        self.context_ttl = context_ttl
        self._lock = threading.Lock()
        self.intents_dir: Path | None = None  # where reload() reads intents (load() sets it)
        self.team: Any = None  # bot.team.TeamKnowledge when a team directory is configured

    def use_team(self, directory: str | os.PathLike[str] | None) -> None:
        """Answer from the team's facts in `directory` too (cited apart from the documents)."""
        from bot.team import TeamKnowledge

        self.team = TeamKnowledge(directory, self.knowledge.frameworks) if directory else None

    @classmethod
    def load(
        cls,
        knowledge_dir: str | None = None,
        intents_dir: str | None = None,
        store: StateStore | None = None,
        team_dir: str | None = None,
        **kwargs: Any,
    ) -> Engine:
        """Load (or reuse the compiled copy of) the knowledge and intents; with a team
        directory (argument or FRAMEWORK_BOT_TEAM_DIR), the team's facts too."""
        kdir = resolve_knowledge_dir(knowledge_dir)
        idir = resolve_intents_dir(intents_dir)
        knowledge, intents, understanding, index = _compile(kdir, idir)
        engine = cls(knowledge, intents, store, parts=(understanding, index), **kwargs)
        engine.intents_dir = idir
        engine.use_team(resolve_team_dir(team_dir))
        return engine

    def reload(self, knowledge_dir: str | None = None, intents_dir: str | None = None) -> None:
        """Swap in the knowledge and intents as they are on disk now (by default from the
        directories this engine was loaded from). Raises SourceErrors, naming file and line, if
        any file is broken, and then keeps serving what it had: nothing is swapped until
        everything has loaded. Questions being answered meanwhile finish on either version."""
        kdir = resolve_knowledge_dir(knowledge_dir or self.knowledge.directory)
        idir = resolve_intents_dir(intents_dir or self.intents_dir)
        knowledge, intents, understanding, index = _compile(kdir, idir)
        understanding.threshold = self.understanding.threshold
        with self._lock:
            self.knowledge, self.intents = knowledge, intents
            self.understanding, self.index = understanding, index
            self.intents_dir = idir
        if self.team is not None:  # team facts name frameworks: check them against the new set
            self.team.frameworks = frozenset(knowledge.frameworks)

    # -- answering -------------------------------------------------------------------------

    def ask(self, text: str, conversation: str | None = None) -> Answer:
        return self.run(text, conversation).answer

    def run(self, text: str, conversation: str | None = None, remember: bool = True) -> Result:
        """Answer one question; in a conversation, read its context and (unless `remember` is
        False, e.g. for a reply the bot decides not to send) update it."""
        context = self.store.get_context(conversation) if conversation else None
        parse = self.understanding.parse(text, context)
        parts = self._parts(text, context, parse)
        try:
            if len(parts) == 1:
                parse = parts[0][0]
                answer = self._answer(parse, parts[0][1])
            elif parts:
                budget = part_budget(len(parts))
                names = {i: fw.name for i, fw in self.knowledge.frameworks.items()}
                answer = combine([self._answer(p, ctx, budget) for p, ctx in parts], names)
                # what the message asks above all: the first part when it surely opens as a
                # question of its own ("what's web.py's main weakness and who used it?"),
                # else the whole's reading when it is one of the parts (a chatty opener),
                # else the first part ('what does fastapi build on and how fast is it')
                asked = [p.intent for p, _ in parts]
                first = parts[0][0]
                sure = first.confidence >= SURE_PART and opens_as_question(first.text)
                answer.intent = parse.intent if parse.intent in asked and not sure else asked[0]
            else:
                answer = self._answer(parse, context)
        except Exception:
            # a bug in one composer must not take the conversation down with it
            log.exception("composing the answer failed: intent=%s", parse.intent)
            answer = self._apology()
        if self.team is not None:
            answer = self.team.enrich(parse.text, answer)
        if conversation and remember:
            self._remember(conversation, context, parse, answer)
        return Result(answer, parse)

    def _parts(
        self, text: str, context: dict[str, Any] | None, whole: Parse
    ) -> list[tuple[Parse, dict[str, Any] | None]]:
        """The parses of a question in parts, each with the context it is read in (a later
        part's 'it' is the earlier part's subject); [] when the message asks one thing, when
        a part would not get a real answer, or when no part asks what the whole message
        reads as (a chatty preamble split off on its own): then the message is read whole."""
        pieces = split_parts(text)
        if len(pieces) < 2 or whole.too_long:
            return []
        ctx = context
        cut = taken_back(pieces)
        for piece in pieces[:cut]:
            # "what is django built on? actually, who uses it": a part taken back is not
            # answered, but the part after it may mean its subject ("actually, is it fast?")
            ctx = _context_after(self.understanding.parse(piece, ctx), ctx)
        pieces = [without_correction(p) for p in pieces[cut:]]
        if len(pieces) == 1:
            return [(self.understanding.parse(pieces[0], ctx), ctx)]
        parts: list[tuple[Parse, dict[str, Any] | None]] = []
        chatter = 0  # parts that ask nothing the bot could decline: remarks beside the question
        for piece in pieces:
            parse = self.understanding.parse(piece, ctx)
            if parse.intent in NOT_A_PART and _is_remark(parse) and whole.intent == "fallback":
                chatter += 1
                continue
            if parse.intent in NOT_A_PART or parse.clarify or parse.too_long:
                return []
            parts.append((parse, ctx))
            ctx = _context_after(parse, ctx)
        if chatter:
            # "django, who's using it these days? asking for a deck": the whole message was
            # declined for its remark, and the one real question gets its answer
            return parts if len(parts) == 1 else []
        if len({(p.intent, tuple(p.entities)) for p, _ in parts}) < len(parts):
            return []  # the same question twice is one question
        if (
            whole.intent not in {p.intent for p, _ in parts}
            and not all(p.confidence >= SURE_PART for p, _ in parts)
            # "zope users? and is it an app server": read whole, it reads as neither part
            and whole.confidence >= min(p.confidence for p, _ in parts)
        ):
            return []  # unless each part is clearly a question of its own
        return parts

    def _apology(self) -> Answer:
        return clarify.apology(self._request(Parse("fallback", 0.0, []), None))

    def remember(self, conversation: str, result: Result) -> None:
        """Keep the context of an answer that was computed with remember=False and then sent."""
        context = self.store.get_context(conversation)
        self._remember(conversation, context, result.parse, result.answer)

    def reset(self, conversation: str) -> None:
        self.store.clear_context(conversation)

    def choose(self, value: str, conversation: str | None = None) -> Answer:
        """One step of the guided flow: `value` is the answers so far ('0,1')."""
        picks = parse_picks(value)
        request = self._request(Parse("recommend", 1.0, []), None)
        if picks is None:
            picks = []
        answer = flow_step(request, picks)
        if conversation and answer.subjects:
            self._remember(conversation, None, Parse("recommend", 1.0, []), answer)
        return answer

    def _request(self, parse: Parse, context: dict[str, Any] | None) -> Request:
        assumptions = [
            Assumption(typed=m.surface, meant=m.display, entity=m.id)
            for m in parse.mentions
            if not m.exact
        ]
        return Request(
            knowledge=self.knowledge,
            intent=parse.intent,
            confidence=parse.confidence,
            entities=list(parse.entities),
            text=parse.text,
            folded=parse.folded,
            asked=parse.asked,
            assumptions=assumptions,
            from_context=parse.used_context,
            unknown_names=parse.unknown_names,
            unknown_topics=parse.unknown_topics,
            users_asked=parse.users_asked,
            index=self.index,
            reason=parse.reason,
            rule=parse.rule,
            weak=parse.confidence < self.understanding.threshold,
            everyday_stems=self.understanding.everyday_stems,
            chat_stems=self.understanding.chat_stems,
        )

    def _answer(
        self, parse: Parse, context: dict[str, Any] | None, budget: int | None = None
    ) -> Answer:
        request = self._request(parse, context)
        if parse.too_long:
            return clarify.too_long(request)
        if parse.intent == "compare" and len(parse.entities) < 2 and context:
            previous = [e for e in context.get("entities", []) if e not in parse.entities]
            request.entities = [*previous, *parse.entities][:3]
        asked_back = clarify.ask_back(request, parse.mentions, parse.clarify)
        return asked_back or compose(request, budget)

    def _remember(
        self,
        conversation: str,
        context: dict[str, Any] | None,
        parse: Parse,
        answer: Answer,
    ) -> None:
        previous = context or {}
        named = [e for e in parse.entities if e in self.knowledge.frameworks]
        if answer.is_fallback and named and not parse.used_context:
            # "who uses bobo?" has no answer, but "what kind of framework is it?" next is about
            # Bobo all the same
            previous = {**previous, "entities": named, "intent": parse.intent, "members": []}
        if answer.is_fallback or answer.clarify or answer.intent in ("greet", "thanks", "help"):
            if previous:
                self.store.put_context(conversation, previous, self.context_ttl)
            return
        kinds = self.knowledge.categories
        found_one = len(answer.subjects) == 1 and answer.subjects[0] in self.knowledge.frameworks
        if answer.entities and all(e in kinds for e in answer.entities) and not found_one:
            # "what are full stack frameworks?" then "any downsides?": the kind stays the
            # subject; its members are the recent ones "which of them" can pick from (but "the
            # async framework built on uvloop" found one framework, and "who uses it?" means it)
            subject = list(answer.entities)
            members = [s for s in answer.subjects if s not in subject]
        else:
            members = []
            subject = (
                answer.subjects or answer.entities or answer.terms or previous.get("entities", [])
            )
        # the last few subjects, newest first: "compare them" after "tell me about tornado" and
        # "and sanic?" means both
        recent = list(dict.fromkeys([*subject, *previous.get("recent", [])]))[:RECENT]
        self.store.put_context(
            conversation,
            {"entities": subject, "intent": answer.intent, "recent": recent, "members": members},
            self.context_ttl,
        )
