"""Answers straight from the facts, when the question's own words find them.

Two cases the intent matcher gets wrong on new phrasings: a question it can't place at all
("who is aaron swartz", "roughly when did fastapi first show up") and a question about an
attribute across frameworks ("which ones have unit testing built in", "which use MVC"). Both
are answered with the facts that carry the question's words (bot/answers/retrieve.py), citing
them; a question whose words the facts don't hold stays an honest "I don't know".
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answers.asked import name_stems
from bot.answers.attribute_needs import tagged_with
from bot.answers.common import (
    MIN_HIT,
    Request,
    cite_line,
    join,
    possessive,
    sentence,
    sources_of,
)
from bot.answers.headlines import asked_headline, facet_headline, states_absence, yes_or_no
from bot.answers.model import Answer
from bot.answers.retrieve import Everyday, FactFinder, Found
from bot.answers.shape import is_fragment, lower_first
from bot.answers.suggest import suggestions_for
from bot.nlu.grounding import FACET_INTENT
from bot.nlu.words import VERSION
from bot.records import Knowledge, Named
from bot.text.lexicon import LEXICON
from bot.text.stem import stem
from bot.text.tokens import tokens

RESCUE_COVERAGE = 0.5  # of the question's word weight, for a question the matcher can't place
LIST_COVERAGE = 0.75  # for each framework named in an attribute list
TERM_SHARE = 0.6  # of the question's word weight, for a glossary term to be the attribute
NEAR_BEST = 0.75  # facts within this share of the best one's coverage are as good an answer
MAX_FRAMEWORKS = 8

# the decline the facts may still overrule: the matcher only found no phrasing close enough
# (the other declines are rules about topics, how-tos, names and versions: Parse.rule)
_SOFT_DECLINE = "below_threshold"
# a request for steps asked as yes/no ("can i deploy flask on google app engine") is overruled
# only by a fact that names the glossary term it asks about and carries most of it
_TASK_DECLINE = "task_or_version"
TASK_COVERAGE = 0.6
# a yes/no question: an auxiliary first, after at most two opening words that ask nothing
_YES_NO = LEXICON.pattern("yes_no_claim")
# what a question's first word asks, when its other words are all everyday ones
_ASKS_WHEN = LEXICON.pattern("asks_when_first")

# "which ones / which of them / what frameworks ... have|use|support|run ...": an attribute
# asked across frameworks (one framework named after the verb is its object: "built on zope")
_ATTRIBUTE = LEXICON.pattern("attribute_across_frameworks")
_ATTRIBUTE_DO = LEXICON.pattern("attribute_across_frameworks_do")
# words that make it a request for a pick, which the recommender answers
_PICKING = LEXICON.pattern("asks_for_a_pick")

_TITLE_OF = {
    "describe_framework": "Features",
    "features": "Features",
    "drawbacks": "Drawbacks",
    "built_on": "What it is built on",
    "databases": "Databases",
    "history": "History",
    "who_uses": "Who uses it",
    "performance": "Performance",
}


class Lookup:
    """What every step below needs of one question, worked out once: the finder, and the
    question's content words with their everyday weights."""

    def __init__(self, req: Request) -> None:
        assert req.index is not None
        self.finder = FactFinder(req.index, req.knowledge)
        self.words, self.everyday = _words(req)


def answer(req: Request) -> Answer | None:
    """The first step that answers from the facts, or None (the intent's composer answers)."""
    if req.index is None:
        return None
    look = Lookup(req)
    return (
        attribute_list(req, look)
        or rescue(req, look)
        or grounded(req, look)
        or elsewhere(req, look)
    )


# words that say what kind of answer is wanted (a judgement), not which fact holds it
EVALUATIVE = frozenset(stem(w) for w in LEXICON.phrases("evaluative_words"))


def _term_words(req: Request) -> set[str]:
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


def _name_stems(knowledge: Knowledge) -> frozenset[str]:
    return _names_of(knowledge)[1]


# words that say what kind of attribute is meant ('the MVC pattern', 'unit testing built in'),
# not which: left out unless they belong to a glossary term named ('ticketing system')
DESCRIPTORS = frozenset(stem(w) for w in LEXICON.phrases("attribute_descriptors"))


def _looks_like_a_name(word: str, names: set[str]) -> bool:
    return any(
        word == n or (len(n) >= 4 and (word.startswith(n) or n.startswith(word))) for n in names
    )


# a word in capitals, two letters or more, as typed
_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]+\b")


def _words(req: Request) -> tuple[set[str], Everyday]:
    """The question's content words for retrieval, and which of them are everyday words.
    Framework names are never content: a name the recogniser set aside ('how do tornadoes
    form') must not find that framework's facts."""
    toks = _claim(req.question_tokens)
    assert req.index is not None
    skip = name_stems(req) | {stem(w) for c in req.category_ids for w in c.split("_")}
    names = _name_stems(req.knowledge)
    terms = _term_words(req)
    words = {
        w
        for w in req.index.detail_words(toks, skip)
        if w not in EVALUATIVE
        and (w not in DESCRIPTORS or w in terms)
        and not _looks_like_a_name(w, names)
    }
    # a glossary term is content however common its words are ('app engine', 'unit testing')
    term_words = {
        stem(t)
        for tid in req.term_ids
        for name in (req.knowledge.terms[tid].name, *req.knowledge.terms[tid].aliases)
        for t in tokens(name.casefold())
    }
    # a word written in capitals is a technical term ('POST', 'ORM'), however common
    shouted = {stem(t.casefold()) for t in _CAPITALS.findall(req.text)}
    technical = term_words | shouted
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


# what a facet's items are called, for a point that is a bare noun phrase
_FACET_NOUN = LEXICON.table("facet_item_nouns")


def _line(found: Found, names: frozenset[str], listed: bool = False) -> str:
    """A found fact as a whole sentence that names its framework (`listed`: after the
    framework's name in a list, where a noun phrase reads well as it is)."""
    fw = found.framework
    if isinstance(found.fact, Named):
        note = f" ({found.fact.note})" if found.fact.note else ""
        return f"{found.fact.name} uses {fw.name}{note}."
    text = sentence(found.fact.text)
    if is_fragment(text, names) and not listed:
        noun = _FACET_NOUN.get(found.facet, "traits")
        return f"The sources list among {possessive(fw.name)} {noun}: {lower_first(text)}"
    return text


def rescue(req: Request, look: Lookup) -> Answer | None:
    """A decline the matcher made for want of a close phrasing, overruled when one or a few
    facts carry most of the question's words."""
    # a yes/no question only: "how do i deploy ..." asks for steps the documents don't give;
    # and a request for steps, not news of a release ("is pylons still maintained?"): a fact
    # that names the term says nothing of its upkeep
    task = (
        req.rule == _TASK_DECLINE
        and bool(req.term_ids)
        and bool(_YES_NO.match(req.folded))
        and not VERSION.search(req.folded)
    )
    if req.intent != "fallback" or not (req.rule == _SOFT_DECLINE or task):
        return None
    if req.unknown_names or req.unknown_topics:
        return None
    scope = [fw.id for fw in req.frameworks] or None
    found = look.finder.find(look.words, scope, everyday=look.everyday)
    if task:
        term = _term_words(req)
        found = [f for f in found if term <= f.stems]
    need = TASK_COVERAGE if task else RESCUE_COVERAGE
    if not found or found[0].coverage < need or found[0].score < MIN_HIT:
        return None
    return facts_answer(req, found, FACET_INTENT.get(found[0].facet, "describe_framework"))


def asked_by_question_word(req: Request) -> str | None:
    """'roughly when did fastapi first show up': a decline for want of a phrasing, about one
    named framework, whose other words are all everyday ones, asks what its question word
    asks ('when': history)."""
    if req.intent != "fallback" or req.rule != _SOFT_DECLINE:
        return None
    if len(req.frameworks) != 1 or req.unknown_names or req.unknown_topics:
        return None
    words, (everyday, _chat) = _words(req)
    if words - everyday or not _ASKS_WHEN.search(req.folded):
        return None
    return "history"


GROUNDED_COVERAGE = 0.7  # a fact that carries nearly all of the question is its answer
FACET_INTENTS = frozenset(FACET_INTENT.values())


def grounded(req: Request, look: Lookup) -> Answer | None:
    """A question about one named framework in words one of its facts carries almost whole
    ('what about quora in tornado?'): that fact answers it, whatever facet the matcher chose,
    when the fact lies in another facet than the one the answer would show. Asked of a kind
    ('the async framework built on uvloop'), the kind's members' facts are searched, which its
    own composer doesn't do."""
    if req.intent not in FACET_INTENTS or req.users_asked:
        return None
    if len(req.frameworks) == 1:
        scope, of_kind = [req.frameworks[0].id], False
    elif not req.frameworks and len(req.category_ids) == 1:
        scope, of_kind = [fw.id for fw in req.knowledge.members(req.category_ids[0])], True
    else:
        return None
    found = look.finder.find(look.words, scope, everyday=look.everyday)
    if not found or found[0].coverage < GROUNDED_COVERAGE or found[0].score < 2 * MIN_HIT:
        return None
    if of_kind and len({f.framework.id for f in found if f.coverage >= GROUNDED_COVERAGE}) > 1:
        return None  # several members share it: the kind's own answer is the better one
    intent = FACET_INTENT.get(found[0].facet, req.intent)
    if not of_kind and (intent == req.intent or intent == "describe_framework"):
        return None  # the facet composer shows it already, with its own lead
    return facts_answer(req, found, intent)


ELSEWHERE_OWN = 0.3  # the named framework's facts carry less than this of the question ...
ELSEWHERE_OTHER = 0.9  # ... while another framework's fact carries nearly all of it


def elsewhere(req: Request, look: Lookup) -> Answer | None:
    """'can i run bottle on android?': the documents say it of another framework (CherryPy),
    not of the one asked about. An honest 'they don't say that of Bottle', with what they do
    say and of which framework, instead of an answer about something else."""
    if len(req.frameworks) != 1 or req.users_asked or req.intent not in FACET_INTENTS:
        return None  # a fit check or a comparison has its own way to say 'they don't say'
    if not _YES_NO.match(req.folded):
        return None  # a claim about the framework, asked as yes/no
    words, everyday = look.words, look.everyday
    if not words - everyday[1]:
        return None
    fw = req.frameworks[0]
    own = look.finder.find(words, [fw.id], everyday=everyday)
    if own and own[0].coverage >= ELSEWHERE_OWN:
        return None
    others = [f.id for f in req.knowledge.frameworks.values() if f.id != fw.id]
    found = look.finder.find(words, others, per_framework=1, everyday=everyday)
    if not found or found[0].coverage < ELSEWHERE_OTHER or found[0].score < 2 * MIN_HIT:
        return None
    best = found[0]
    if FACET_INTENT.get(best.facet) == req.intent and getattr(fw, best.facet):
        # 'can sanic handle lots of simultaneous users': Tornado's performance claim is no
        # reason to decline; Sanic's own performance facts answer it
        return None
    names = framework_names(req.knowledge)
    text = (
        f"I don't know: the sources don't say that of {fw.name}. They say it of "
        f"{best.framework.name}: {_line(best, names)}"
    )
    src = sources_of([best.fact])
    return req.answer(
        "Not that I know of",
        text + "\n" + cite_line(req.knowledge, src),
        src,
        intent="fallback",
        subjects=[best.framework.id],
        suggestions=suggestions_for(req, req.intent),
    )


def attribute_list(req: Request, look: Lookup) -> Answer | None:
    """'Which ones have unit testing built in', 'which framework runs on android': the
    frameworks whose facts say so (every one for a plural question)."""
    match = _ATTRIBUTE.search(req.folded) or _ATTRIBUTE_DO.search(req.folded)
    if match is None or _PICKING.search(req.folded):
        return None
    named_after = [fw for fw in req.frameworks if _named_after(req.folded, fw, match.end())]
    if len(named_after) != len(req.frameworks):
        return None  # a framework named before the verb is the subject: its own composer
    finder, everyday = look.finder, look.everyday
    words = set(look.words)
    # "built on zope": the named framework is what the others' facts must mention
    words |= {stem(t) for fw in named_after for t in tokens(fw.name.casefold())}
    # a glossary term that carries most of the question is the attribute itself ('the MVC
    # pattern': MVC), so its words alone decide ('automatic api docs' is about the docs)
    term = _term_words(req) & words
    if term and finder.weight(term, everyday) >= TERM_SHARE * finder.weight(words, everyday):
        words = term
    members = [fw.id for c in req.category_ids for fw in req.knowledge.members(c)]
    scope = [f for f in (members or req.knowledge.frameworks) if f not in req.entities]
    hits = finder.find(words, scope, per_framework=1, everyday=everyday)
    found = [f for f in hits if f.coverage >= LIST_COVERAGE and f.score >= MIN_HIT]
    if not found:
        return None
    # a framework the documents describe with the trait asked for ('data validation') counts
    # though its fact words it its own way ('validation support through FormEncode')
    listed = {f.framework.id for f in found}
    tagged = tagged_with(req, scope, words - everyday[0])
    found += [
        replace(f, coverage=found[0].coverage)
        for f in hits
        if f.framework.id not in listed and f.framework.id in tagged and f.score >= MIN_HIT
    ]
    plural = not (match.group("who") or "").endswith(("one", "framework"))
    if plural or len({f.framework.id for f in found}) > 1:
        return facts_answer(req, found, "list_frameworks", listing=True)
    # 'which framework uses uvloop?': one framework, answered as what its fact is about
    return facts_answer(req, found, FACET_INTENT.get(found[0].facet, "features"))


def _named_after(folded: str, fw, at: int) -> bool:
    names = [fw.name.casefold(), fw.id, *(a.casefold() for a in fw.aliases)]
    return any(folded.find(n, at) >= 0 for n in names) and not any(
        0 <= folded.find(n) < at for n in names
    )


def facts_answer(req: Request, found: list[Found], intent: str, listing: bool = False) -> Answer:
    """The facts as an answer: one framework's facts in its words, or one line per framework."""
    best = found[0]
    good = [f for f in found if f.coverage >= best.coverage * NEAR_BEST]
    frameworks = list(dict.fromkeys(f.framework.id for f in good))[:MAX_FRAMEWORKS]
    kb = req.knowledge
    names = framework_names(kb)
    src = sources_of([f.fact for f in good])
    if len(frameworks) == 1 and not listing:
        fw = kb.frameworks[frameworks[0]]
        lines = list(dict.fromkeys(_line(f, names) for f in good))[:3]
        title = _TITLE_OF.get(intent, "Features")
        headline = asked_headline(req) or facet_headline(title, fw.name, 1)
        text, facts = yes_or_no(req, lines[0]) + lines[0], lines[1:]
    else:
        per_fw = {fid: next(f for f in good if f.framework.id == fid) for fid in frameworks}
        # "which of them have templates?": those whose fact says they don't come last, apart
        lacking = [f for f in frameworks if states_absence(req, _line(per_fw[f], names, True))]
        frameworks = [f for f in frameworks if f not in lacking] + lacking
        names = [kb.frameworks[fid].name for fid in frameworks]
        facts = [
            f"*{kb.frameworks[fid].name}*: {_line(per_fw[fid], names, listed=True)}"
            for fid in frameworks
        ]
        src = sources_of([f.fact for f in per_fw.values()])
        headline = asked_headline(req) or "What the sources say"
        text = f"The sources say this of {join(names)}:" if len(names) > 1 else ""
        if lacking and len(names) > 1:
            having = [kb.frameworks[f].name for f in frameworks if f not in lacking]
            without = [kb.frameworks[f].name for f in lacking]
            text = (
                f"Yes for {join(having)}; the sources say {join(without)} "
                f"{'does' if len(without) == 1 else 'do'} not:"
                if having
                else f"The sources say {join(without)} {'does' if len(without) == 1 else 'do'} not:"
            )
        if len(names) == 1:
            text, facts = facts[0], []
    return req.answer(
        headline,
        text + "\n" + cite_line(kb, src),
        src,
        intent=intent,
        confidence=max(req.confidence, best.coverage * 0.8),
        subjects=frameworks,
        facts=facts,
        suggestions=suggestions_for(req, intent),
    )
