"""Composers for questions whose subject is a kind of framework or a glossary term.

Any intent can meet any kind of subject ("tell me about WSGI", "who uses microframeworks",
"history of the ORM"). The framework composers answer about frameworks; these answer about the
other subjects, so that no combination of intent and subject ends in an empty answer.
"""

from __future__ import annotations

from bot.answers.catalog import define_term
from bot.answers.common import Request, cite_line, join, sources_of
from bot.answers.kinds import kind_history, kind_users
from bot.answers.model import Answer
from bot.answers.suggest import suggestions_for
from bot.records import Framework, Term

# What a facet question asks of a term the documents only define ("what is WSGI built on").
_TERM_GAP = {
    "built_on": "what {name} is built on",
    "history": "where {name} came from or when",
    "drawbacks": "the drawbacks of {name}",
    "performance": "how fast {name} is",
    "databases": "which databases {name} works with",
}


def subject_kind(req: Request) -> str:
    """'framework', 'kind', 'term' or 'none': which composer family answers the request."""
    if req.frameworks:
        return "framework"
    if req.category_ids:
        return "kind"
    if req.term_ids:
        return "term"
    return "none"


def describe_subject(req: Request) -> Answer:
    """'Tell me about microframeworks / WSGI': the kind's or the term's definition."""
    answer = define_term(req)
    answer.intent = req.intent
    return answer


def _tied_frameworks(req: Request, term: Term) -> list[Framework]:
    kb = req.knowledge
    return [kb.frameworks[r.id] for r in term.frameworks if r.id in kb.frameworks]


def term_users(req: Request) -> Answer:
    """'Who uses WSGI?': the frameworks the sources tie to the term."""
    kb = req.knowledge
    term = kb.terms[req.term_ids[0]]
    tied = _tied_frameworks(req, term)
    if not tied:
        return term_facet(req)
    src = sources_of(term.frameworks)
    text = (
        f"The sources tie {term.name} to {join([fw.name for fw in tied])}. "
        "They name no companies that use it as such."
    )
    return req.answer(
        f"Who uses {term.name}",
        text + "\n" + cite_line(kb, src),
        src,
        subjects=[fw.id for fw in tied],
        suggestions=suggestions_for(req, "who_uses"),
    )


def term_facet(req: Request) -> Answer:
    """A facet asked of a term the documents only define: say what they don't give, then
    what they do say about it."""
    answer = define_term(req)
    term = req.knowledge.terms[req.term_ids[0]]
    gap = _TERM_GAP.get(req.intent)
    if gap:
        said = gap.format(name=term.name)
        answer.text = f"The sources don't say {said}. What they say about it: " + answer.text
    answer.intent = req.intent
    return answer


SUBJECT_COMPOSERS = {
    ("describe_framework", "kind"): describe_subject,
    ("describe_framework", "term"): describe_subject,
    ("who_uses", "kind"): kind_users,
    ("who_uses", "term"): term_users,
    ("history", "kind"): kind_history,
    ("history", "term"): term_facet,
    ("built_on", "term"): term_facet,
    ("performance", "term"): term_facet,
}
