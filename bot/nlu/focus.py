"""The clause a chatty message asks in: 'sorry if this was asked already, who uses FastAPI in
prod?' is matched by its last clause; names anywhere in the message stay its subject ('I keep
running into Grok. who made it?')."""

from __future__ import annotations

from bot.nlu.clauses import Clause, split_clauses
from bot.nlu.entities import FRAMEWORK, TERM, Mention
from bot.nlu.intents import PLACEHOLDERS, Ranking
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.vocabulary import PRONOUNS
from bot.nlu.words import ONE_SUBJECT, SINGULAR, opens_like_a_question

FOCUS_MIN_TOKENS = 8  # shorter messages are one clause anyway
FOCUS_MARGIN = 0.02  # a clause must read clearly more like a question than the whole
TAG_QUESTION = 3  # "any idea?", "is that true?": too short to be the whole question
QUESTION_CLAUSE_BONUS = 0.05  # among clauses, one ending in "?" is likelier the question
STATEMENT_PENALTY = 0.05  # ... and one that neither ends in "?" nor opens like a question less


def find_focus(nlu: Resources, r: Reading) -> bool:
    """Read a long message by its clause that reads most like a question; when that clause
    names a framework, the names around it are background."""
    toks, mentions = r.toks, r.mentions
    if len(toks) <= FOCUS_MIN_TOKENS:
        return False
    assert r.ranking is not None
    r.ranking, r.focus, r.asked = _focus(nlu, r, r.ranking)
    if r.focus != (0, len(toks)) and r.ranking.best.intent in ONE_SUBJECT:
        # "been a rails dev for years. what is django exactly?": when the question's
        # own clause names a framework, the names around it are background
        inside = {
            m.id
            for m in mentions
            if m.kind == FRAMEWORK and r.focus[0] <= m.start and m.end <= r.focus[1]
        }
        if inside:
            r.ids = [e for e in r.ids if e in inside or nlu.kind_of(e) != FRAMEWORK]
            r.entity_ids = r.ids
    return False


def _focus(
    nlu: Resources, r: Reading, ranking: Ranking
) -> tuple[Ranking, tuple[int, int], tuple[int, int]]:
    """The ranking, the span it was read from, and the span of the clause that reads most
    like a question even when it is no clearer than the whole: words the sources never use
    count only there ('ok maybe dumb question but does bottle need ...')."""
    toks, mentions, ids = r.toks, r.mentions, r.ids
    whole = (0, len(toks))
    clauses = split_clauses(r.folded)
    if clauses is None or len(clauses) < 2:
        return ranking, whole, whole
    questions = sum(c.asks for c in clauses)
    best, best_bounds, clause = ranking, whole, ranking
    subjects_first = sorted(ids, key=lambda e: nlu.kind_of(e) == TERM)
    asked, asked_score = whole, -1.0
    for k, part in enumerate(clauses):
        a, b = part.start, part.end
        if b - a < 2 or part.alternative:
            continue
        if k and b - a <= TAG_QUESTION and not asks_alone(nlu, toks, mentions, a, b):
            # "pip install web.py fails with a build error, any idea?", "our project has
            # to be python 3, is web2py ok?": a short tag asks about the clause before it
            # ("... nobody explains it. what is it?" is a question of its own)
            a = clauses[k - 1].start
        inside = [m for m in mentions if m.start >= a and m.end <= b]
        if _opening_remark(toks, part, inside, k):
            continue  # "ops here. we're inheriting a cherrypy app ...": who is asking
        sub = nlu.masked_span(toks, mentions, a, b)
        if (
            ids
            and not any(m.kind != TERM for m in inside)
            and (part.asks or PRONOUNS & set(toks[a:b]))
        ):
            # "... who made it?": the names elsewhere are what the question points at;
            # a remark without a pronoun ("every framework claims to be fast") is not
            sub = nlu.point_at_context(sub, subjects_first)
        candidate = nlu.matcher.rank(sub, r.available, has_any=r.subjects)
        if candidate.best.intent in ("greet", "thanks"):
            continue  # "hi there, ... what is it?": the greeting is not the question
        # a clause ending in "?" is where a chatty message asks its question
        bonus = QUESTION_CLAUSE_BONUS if part.asks and questions < len(clauses) else 0.0
        if questions and not part.asks and not opens_like_a_question(toks[part.start]):
            bonus -= STATEMENT_PENALTY  # "new on the team, started monday": a remark
        if candidate.best.score + bonus > asked_score:
            asked, asked_score, clause = (a, b), candidate.best.score + bonus, candidate
    # the clause that reads most like a question, if clearly more so than the whole
    if asked_score > ranking.best.score + FOCUS_MARGIN:
        best, best_bounds = clause, asked
    return best, best_bounds, asked


def _opening_remark(toks: list[str], part: Clause, inside: list[Mention], k: int) -> bool:
    """A short first clause that names nothing, asks nothing and opens like no question ('ops
    here', 'pm here', 'quick one'): who is asking, never the question itself."""
    return (
        k == 0
        and part.end - part.start <= TAG_QUESTION
        and not inside
        and not part.asks
        and not opens_like_a_question(toks[part.start])
        and not PRONOUNS & set(toks[part.start : part.end])
    )


def asks_alone(nlu: Resources, toks: list[str], mentions: list[Mention], a: int, b: int) -> bool:
    """Whether a short clause (tokens a..b) reads as a whole question by itself ('what is
    it')."""
    masked = nlu.masked_span(toks, mentions, a, b)
    masked = [PLACEHOLDERS[FRAMEWORK] if t in SINGULAR else t for t in masked]
    return nlu.matcher.rank(masked, {}, has_any=0).best.score >= nlu.threshold
