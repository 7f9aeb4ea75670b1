"""Answers straight from the facts, when the question's own words find them.

Two cases the intent matcher gets wrong on new phrasings: a question it can't place at all
("who is aaron swartz", "roughly when did fastapi first show up") and a question about an
attribute across frameworks ("which ones have unit testing built in", "which use MVC"). Both
are answered with the facts that carry the question's words (bot/answers/retrieve.py), citing
them; a question whose words the facts don't hold stays an honest "I don't know".
"""

from __future__ import annotations

from dataclasses import replace

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
from bot.answers.fact_words import Lookup, framework_names, question_words, term_words
from bot.answers.headlines import asked_headline, facet_headline, states_absence, yes_or_no
from bot.answers.model import Answer
from bot.answers.retrieve import Found
from bot.answers.shape import is_fragment, lower_first
from bot.answers.suggest import suggestions_for
from bot.nlu.grounding import FACET_INTENT
from bot.nlu.words import AGE_COMPARISON, SUPERLATIVE_SPEED, VERSION
from bot.records import Named
from bot.text.lexicon import LEXICON
from bot.text.stem import stem
from bot.text.tokens import tokens

RESCUE_COVERAGE = 0.5  # of the question's word weight, for a question the matcher can't place
LIST_COVERAGE = 0.7  # for each framework named in an attribute list
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
_ATTRIBUTE_LAST = LEXICON.pattern("attribute_then_which_framework")
_NEED_FIRST = LEXICON.pattern("states_a_need_first")
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


# what a facet's items are called, for a point that is a bare noun phrase
_FACET_NOUN = LEXICON.table("facet_item_nouns")


def _line(found: Found, names: frozenset[str], listed: bool = False) -> str:
    """A found fact as a whole sentence that names its framework (`listed`: after the
    framework's name in a list, where a noun phrase reads well as it is)."""
    fw = found.framework
    if isinstance(found.fact, Named):
        note = f" ({found.fact.note})" if found.fact.note else ""
        return f"The sources name {found.fact.name} as a user of {fw.name}{note}."
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
        term = term_words(req)
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
    words, (everyday, _chat) = question_words(req)
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
    # the attribute asked first, the framework last: a look-up only when it names something
    # specific ('uvloop', 'aaron swartz'), not a need ('stdlib only, which fw')
    last = match is None and not _NEED_FIRST.search(req.folded)
    if last:
        match = _ATTRIBUTE_LAST.search(req.folded)
    if match is None or _PICKING.search(req.folded):
        return None
    if (AGE_COMPARISON | SUPERLATIVE_SPEED) & set(req.question_tokens):
        return None  # 'which is the oldest': the history and speed composers rank them
    named_after = [fw for fw in req.frameworks if _named_after(req.folded, fw, match.end())]
    if len(named_after) != len(req.frameworks):
        return None  # a framework named before the verb is the subject: its own composer
    finder, everyday = look.finder, look.everyday
    words = set(look.words)
    if not words and req.asked:
        # "aaron swartz built some framework, which one was it": the clause that asks is
        # only the tail; what it asks about is in the clause before
        words, everyday = question_words(req, whole=True)
    if last and not _names_something_specific(req, words - everyday[0]):
        return None
    # "built on zope": the named framework is what the others' facts must mention
    words |= {stem(t) for fw in named_after for t in tokens(fw.name.casefold())}
    # a glossary term that carries most of the question is the attribute itself ('the MVC
    # pattern': MVC), so its words alone decide ('automatic api docs' is about the docs)
    term = term_words(req) & words
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
    # a bare 'which' at the end ('friendfeed made a framework right? which') asks for one
    who = match.groupdict().get("who") or ("one" if last else "")
    plural = not who.endswith(("one", "framework"))
    if plural or len({f.framework.id for f in found}) > 1:
        # 'which framework is the oldest?': one asked for, several facts of one facet (their
        # history) answer it, listed; the question stays a question of that facet
        facets = {FACET_INTENT.get(f.facet) for f in found}
        intent = facets.pop() if not plural and len(facets) == 1 else "list_frameworks"
        # only 'which ones have X' sets apart those whose facts say they lack it
        # (a fact counts as saying so only when it holds every content word asked)
        attribute = look.words - look.everyday[0] or look.words
        return facts_answer(
            req, found, intent or "list_frameworks", listing=True, apart=None if last else attribute
        )
    # 'which framework uses uvloop?': one framework, answered as what its fact is about
    return facts_answer(req, found, FACET_INTENT.get(found[0].facet, "features"))


def _named_after(folded: str, fw, at: int) -> bool:
    names = [fw.name.casefold(), fw.id, *(a.casefold() for a in fw.aliases)]
    return any(folded.find(n, at) >= 0 for n in names) and not any(
        0 <= folded.find(n) < at for n in names
    )


def _holds_every_word(req: Request, found: Found, words: set[str]) -> bool:
    """Whether the fact carries every one of `words` (or a relative of it): only then is its
    'no' about the thing asked."""
    assert req.index is not None
    return all(w in found.stems or req.index.kin_in(w, found.stems) for w in words)


SPECIFIC = 2  # a word in the facts of at most this many frameworks names something specific


def _names_something_specific(req: Request, words: set[str]) -> bool:
    """Whether a content word is in the facts of only one or two frameworks (a project, a
    person, a library), as a reverse look-up names its object."""
    assert req.index is not None
    return any(0 < len(req.index.frameworks_touching({w})) <= SPECIFIC for w in words)


def facts_answer(
    req: Request,
    found: list[Found],
    intent: str,
    listing: bool = False,
    apart: set[str] | None = None,
) -> Answer:
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
        # (a fact carrying the whole attribute: 'no configuration files' says nothing of
        # being a single file)
        lacking = [
            f
            for f in frameworks
            if apart is not None
            and _holds_every_word(req, per_fw[f], apart)
            and states_absence(req, _line(per_fw[f], names, True))
        ]
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
