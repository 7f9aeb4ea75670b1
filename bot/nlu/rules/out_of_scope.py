"""Out of scope: what the sources can't answer, said plainly instead of guessed at.

Names and topics the sources never cover, how-to questions, requests to do work, news
about releases after the sources were written, and figures (a version a framework needs, a
limit, a rate) that none of the asked framework's facts states.
"""

from __future__ import annotations

from bot.nlu.entities import FRAMEWORK
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.rules.base import Rule, decide, parse_of
from bot.nlu.words import (
    ASKING_FOR,
    CODE_NOUNS,
    DECIDING,
    HOWTO,
    LIMIT_WORDS,
    MODALS,
    RATE,
    RATE_FACT_WORDS,
    REQUEST_LEADS,
    REQUIREMENT,
    REQUIREMENT_FACT_WORDS,
    TASK_WORDS,
    VERSION,
    VERSION_WORDS,
)
from bot.text.stem import stem

THEME = "out_of_scope"


def asks_for_work(toks: list[str]) -> bool:
    """'write me a flask app', 'how do I install django', 'can you fix my code' — but not
    'does web2py need installing' or 'does fastapi generate docs'."""
    if toks and toks[0] in TASK_WORDS:
        return True
    for i, tok in enumerate(toks):
        # "any good flask tutorials?" asks for one; "every tutorial I read says" doesn't
        if tok in CODE_NOUNS and ASKING_FOR & set(toks[max(0, i - 4) : i]):
            return True
    for i, tok in enumerate(toks):
        if tok not in TASK_WORDS:
            continue
        before = toks[max(0, i - 4) : i]
        # 'can you deploy', 'can i install' ask for steps; 'something i can deploy' doesn't
        leads = {
            w
            for k, w in enumerate(before)
            if w not in MODALS or before[k + 1 : k + 2] in (["you"], ["u"], ["i"], ["we"])
        }
        if REQUEST_LEADS & leads:
            return True
    return False


def _how_to(nlu: Resources, r: Reading) -> bool:
    howto = HOWTO.match(r.folded) and not (DECIDING & r.words)
    return bool(howto) and not (
        r.best.cue > 0 and parse_of(r).intent in ("recommend", "compare", "help", "sources")
    )


def _task_or_version(nlu: Resources, r: Reading) -> bool:
    task = (
        asks_for_work(r.toks)
        or VERSION.search(r.folded)
        or nlu.known.numbered_release(r.toks, r.mentions)
    )
    return bool(task) and not parse_of(r).elliptical


_RATE_STEMS = frozenset(stem(w) for w in RATE_FACT_WORDS)
_STATES_NEED = frozenset(stem(w) for w in REQUIREMENT_FACT_WORDS)
_NOT_THE_REST = frozenset(stem(w) for w in (*VERSION_WORDS, *REQUIREMENT))


def figure_asked(nlu: Resources, r: Reading) -> tuple[set[str], bool] | None:
    """The stems a fact must state a number with to answer the question, and whether the
    number must follow them ('what python version': python, numbered); None when it asks
    for no figure. A version of something the facts never number ('the short version') is
    no figure."""
    for i, tok in enumerate(r.toks):
        if tok in VERSION_WORDS:
            of = i + 2 if r.toks[i + 1 : i + 2] == ["of"] else i - 1
        elif tok in LIMIT_WORDS:
            of = i + 1  # 'the minimum python': a version again
        else:
            continue
        if 0 <= of < len(r.toks) and of not in r.covered:
            thing = stem(r.toks[of])
            if thing in nlu.evidence.numbered:
                return {thing}, True
    if RATE.search(r.folded):
        return set(_RATE_STEMS), False
    if LIMIT_WORDS & r.words:
        words = nlu.evidence.content(r.toks, r.covered) - {stem(w) for w in LIMIT_WORDS}
        return (words, False) if words else None
    return None


def _figure_not_in_facts(nlu: Resources, r: Reading) -> bool:
    parse = parse_of(r)
    frameworks = [e for e in parse.entities if nlu.kind_of(e) == FRAMEWORK]
    if len(frameworks) != 1 or parse.elliptical:
        return False
    asked = figure_asked(nlu, r)
    if asked is None:
        return False
    found = nlu.evidence.figures_with(frameworks[0], *asked)
    if found and asked[1] and REQUIREMENT & r.words:
        # 'what python version does sanic require?': 'Python 3.5' in a fact about its async
        # handlers states no requirement; it answers only a question about those handlers
        rest = nlu.evidence.content(r.toks, r.covered) - asked[0] - _NOT_THE_REST
        return not any(f.stems & (_STATES_NEED | rest) for f in found)
    return not found


UNKNOWN_NAME = Rule(
    "names_other_tech",
    THEME,
    "names something the sources don't cover (intents/lookups.yaml other_tech): decline",
    lambda nlu, r: bool(parse_of(r).unknown_names) and not parse_of(r).elliptical,
    lambda nlu, r: decide(nlu, r, "fallback", "names something outside the sources", False),
    final=True,
    examples=(
        "what is spring boot?",
        "how does flask compare to express",
        "can i use gin instead of flask",
    ),
)
UNKNOWN_TOPIC = Rule(
    "uncovered_topic",
    THEME,
    "asks about a topic the sources never cover (uncovered_topics lookup): decline",
    lambda nlu, r: bool(parse_of(r).unknown_topics) and not parse_of(r).elliptical,
    lambda nlu, r: decide(
        nlu, r, "fallback", "asks about a topic the sources never cover", floor=False
    ),
    final=True,
    examples=(
        "what license does django use?",
        "how much funding did fastapi get",
        "which firm sponsors django work",
        "where is the templates folder in bottle",
        "does cherrypy support http/2",
    ),
)
HOW_TO = Rule(
    "how_to",
    THEME,
    "a how-to question asks for instructions, which the sources don't give: decline",
    _how_to,
    lambda nlu, r: decide(nlu, r, "fallback", "asks how to do something", floor=False),
    final=True,
    # ("how do I add CORS to flask" is declined earlier: CORS is an uncovered topic)
    examples=("how do i structure a big flask project", "how do i set up a flask blueprint?"),
)
TASK_OR_VERSION = Rule(
    "task_or_version",
    THEME,
    "a request to do work, or a question about a release the sources can't know: decline",
    _task_or_version,
    lambda nlu, r: decide(nlu, r, "fallback", "asks for a task or a version", floor=False),
    final=True,
    examples=(
        "write me a flask app",
        "can you fix my code",
        "what's the latest version of django",
        "is bottle still maintained in 2024",
        "what's new in rails 7",
    ),
)
FIGURE_NOT_IN_FACTS = Rule(
    "figure_not_in_facts",
    THEME,
    "asks for a figure (a version it needs, a limit, a rate) that no fact of the one framework "
    "asked about states: decline",
    _figure_not_in_facts,
    lambda nlu, r: decide(nlu, r, "fallback", "asks for a figure its facts don't give", False),
    final=True,
    examples=(
        "which python version is cherrypy written for",
        "how many requests per second does bottle serve",
        "is there a maximum file size for uploads in web2py",
        "what python version is required for sanic",
        "what's the minimum python for tornado",
    ),
)
