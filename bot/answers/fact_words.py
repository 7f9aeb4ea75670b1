"""The question's words as fact retrieval reads them: content words, everyday weights.

Names are never content, judgement words ('best') and descriptors ('the MVC pattern') say what
kind of answer is wanted rather than which fact holds it, a glossary term or a word in
capitals is content however common, and in a reported claim or an embedded question only what
follows the reporting verb counts.
"""

from __future__ import annotations

import re

from bot.answers.asked import name_stems
from bot.answers.common import Request
from bot.answers.retrieve import Everyday, FactFinder
from bot.records import Knowledge
from bot.text.lexicon import LEXICON
from bot.text.stem import stem
from bot.text.tokens import tokens


class Lookup:
    """What every step below needs of one question, worked out once: the finder, and the
    question's content words with their everyday weights."""

    def __init__(self, req: Request) -> None:
        assert req.index is not None
        self.finder = FactFinder(req.index, req.knowledge)
        self.words, self.everyday = question_words(req)


# words that say what kind of answer is wanted (a judgement), not which fact holds it
EVALUATIVE = frozenset(stem(w) for w in LEXICON.phrases("evaluative_words"))


def term_words(req: Request) -> set[str]:
    return {
        stem(t)
        for tid in req.term_ids
        for t in tokens(req.knowledge.terms[tid].name.split(" (")[0].casefold())
    }


_NAMES: dict[int, tuple[Knowledge, frozenset[str], frozenset[str]]] = {}


def _names_of(knowledge: Knowledge) -> tuple[frozenset[str], frozenset[str]]:
    """Every framework's names (casefolded) and their stems, worked out once per knowledge."""
    kept = _NAMES.get(id(knowledge))
    if kept is None or kept[0] is not knowledge:
        names = frozenset(fw.name.casefold() for fw in knowledge.frameworks.values())
        stems = frozenset(
            stem(t)
            for fw in knowledge.frameworks.values()
            for name in (fw.name, fw.id, *fw.aliases)
            for t in tokens(name.casefold())
        )
        kept = _NAMES[id(knowledge)] = (knowledge, names, stems)
    return kept[1], kept[2]


def framework_names(knowledge: Knowledge) -> frozenset[str]:
    """The frameworks' names, casefolded: what makes a short point a sentence."""
    return _names_of(knowledge)[0]


def all_name_stems(knowledge: Knowledge) -> frozenset[str]:
    return _names_of(knowledge)[1]


# words that say what kind of attribute is meant ('the MVC pattern', 'unit testing built in'),
# not which: left out unless they belong to a glossary term named ('ticketing system')
DESCRIPTORS = frozenset(stem(w) for w in LEXICON.phrases("attribute_descriptors"))


def looks_like_a_name(word: str, names: set[str]) -> bool:
    return any(
        word == n or (len(n) >= 4 and (word.startswith(n) or n.startswith(word))) for n in names
    )


# a word in capitals, two letters or more, as typed
_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]+\b")


def question_words(req: Request, whole: bool = False) -> tuple[set[str], Everyday]:
    """The question's content words for retrieval, and which of them are everyday words
    (`whole`: of the whole message, not only its asking clause). Framework names are never
    content: a name the recogniser set aside ('how do tornadoes form') must not find that
    framework's facts."""
    toks = _claim(tokens(req.folded) if whole else req.question_tokens)
    assert req.index is not None
    skip = name_stems(req) | {stem(w) for c in req.category_ids for w in c.split("_")}
    names = all_name_stems(req.knowledge)
    terms = term_words(req)
    words = {
        w
        for w in req.index.detail_words(toks, skip)
        if w not in EVALUATIVE
        and (w not in DESCRIPTORS or w in terms)
        and not looks_like_a_name(w, names)
    }
    # a glossary term is content however common its words are ('app engine', 'unit testing')
    glossary = {
        stem(t)
        for tid in req.term_ids
        for name in (req.knowledge.terms[tid].name, *req.knowledge.terms[tid].aliases)
        for t in tokens(name.casefold())
    }
    # a word written in capitals is a technical term ('POST', 'ORM'), however common
    shouted = {stem(t.casefold()) for t in _CAPITALS.findall(req.text)}
    technical = glossary | shouted
    everyday = frozenset(w for w in words if w in req.everyday_stems) - technical
    chat = frozenset(w for w in words if w in req.chat_stems) - technical
    return words, (everyday, chat)


# words that report what someone else said: in "someone in #backend said turbogears is glued
# together from other libs, is that fair?" the claim after them is what the facts must carry
_REPORTING = LEXICON.words("reporting_verbs")
# ... and in "we're inheriting a cherrypy app and i need to know whether it needs apache in
# front of it", what follows the question word is what is asked; the situation comes before
_EMBEDDED = LEXICON.words("embedded_question_words")


def _claim(toks: list[str]) -> list[str]:
    """The tokens after the last reporting verb or embedded question word, when what follows
    it is a claim to check."""
    last = max((i for i, t in enumerate(toks) if t in _REPORTING | _EMBEDDED), default=-1)
    rest = toks[last + 1 :]
    return rest if last >= 0 and len(rest) >= 3 else toks
