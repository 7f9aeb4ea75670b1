"""The thread's context: which subjects a follow-up borrows, what its pronouns stand for.

"who uses it?" borrows the thread's subject; "compare them" after two single-subject questions
means those two; "compare them" after "list the async frameworks" means the kind's members;
"does flask have one?" after "what does ORM mean?" means the term. Ellipses ("and django?")
are the rules in bot/nlu/rules/context.py, which use `is_ellipsis` from here.
"""

from __future__ import annotations

from bot.nlu.entities import FRAMEWORK, TERM
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.vocabulary import PRONOUNS
from bot.nlu.words import (
    COMPARATIVE,
    INTERJECTIONS,
    PICKING,
    PLURAL,
    SINGULAR,
    TERM_PRONOUNS,
    WHICH,
)


def picks_among(toks: list[str]) -> bool:
    """'which should I pick for a small api?' after two frameworks: a pick between those two
    (or 'which one for an api with docs?')."""
    which_one_for = "which" in toks and "one" in toks and "for" in toks
    return (bool(WHICH & set(toks)) and bool(PICKING & set(toks))) or which_one_for


def read_thread(nlu: Resources, r: Reading) -> bool:
    """The thread's subjects this question may mean: one subject, several recent ones, or
    the members of a kind just listed."""
    context = r.context
    r.ctx_entities = [e for e in context.get("entities", []) if nlu.is_known(e)]
    r.recent = [e for e in context.get("recent", []) if nlu.is_known(e)]
    r.pick_among = picks_among(r.toks)
    if (
        len(r.ctx_entities) == 1
        and len(r.recent) > 1
        and ((PLURAL | COMPARATIVE) & r.words or r.pick_among)
    ):
        # "compare them" / "which one is faster" after two single-subject questions
        kind = nlu.kind_of(r.ctx_entities[0])
        same_kind = [e for e in r.recent if nlu.kind_of(e) == kind]
        r.ctx_entities = list(reversed(same_kind[:3]))
    r.members = [e for e in context.get("members", []) if nlu.is_known(e)]
    if (
        r.members
        and len(r.ctx_entities) == 1
        and ((PLURAL - {"ones"} | COMPARATIVE - {"which"}) & r.words or r.pick_among)
    ):
        # "compare them" after "list the async frameworks" means its members; "which ones
        # are there" still asks about the kind
        r.ctx_entities = r.members[:3]
    return False


def borrow_subject(nlu: Resources, r: Reading) -> bool:
    """A question naming no framework borrows the thread's: 'who uses it?', 'when?', 'is it
    full stack?' (the new term and the thread's subject together)."""
    pronoun = any(t in PRONOUNS for t in r.toks)
    if r.users and not r.named_frameworks:
        # "which framework does reddit use?": the frameworks that name Reddit as a user
        r.ids = list(dict.fromkeys([*r.ids, *(f for fws in r.users.values() for f in fws)]))
    elif not r.ids and r.ctx_entities:
        r.used_context = True
        r.masked = nlu.point_at_context(r.masked, r.ctx_entities)
        if len(r.ctx_entities) > 1 and SINGULAR & r.words and not PLURAL & r.words:
            # "who uses it?" after a ranked list means the first one
            r.ctx_entities = r.ctx_entities[:1]
    elif r.ids and not r.named_frameworks and (pronoun or r.pick_among) and r.ctx_entities:
        # "is it full stack?", "does it do websockets?": the thread's subject plus the new term
        ctx_subjects = [e for e in r.ctx_entities if nlu.kind_of(e) == FRAMEWORK]
        if ctx_subjects:
            r.used_context = True
            r.masked = nlu.point_at_context(r.masked, ctx_subjects)
            r.ids = [*ctx_subjects, *r.ids]
    return False


def resolve_pronouns(nlu: Resources, r: Reading) -> bool:
    """What 'it' or 'one' stands for when the question names a framework itself."""
    ctx_terms = [e for e in r.ctx_entities if nlu.kind_of(e) == TERM]
    if (
        r.named_frameworks
        and ctx_terms
        and len(ctx_terms) == len(r.ctx_entities)
        and not any(nlu.kind_of(e) == TERM for e in r.ids)
        and TERM_PRONOUNS & r.words
    ):
        # "does flask have one?" after "what does ORM mean?": the pronoun is the term
        hint = nlu.recogniser.hints.get(ctx_terms[0])
        term = ["xterm", hint] if hint else ["xterm"]
        r.masked = [w for t in r.masked for w in (term if t in TERM_PRONOUNS else [t])]
    elif r.ids and not r.used_context and len(r.named_frameworks) == 1:
        # "tornado - what is it?": the pronoun is the framework just named
        r.masked = ["xfw" if t in SINGULAR else t for t in r.masked]
    return False


def is_ellipsis(toks: list[str], covered: set[int]) -> bool:
    """'django', 'and django?', 'what about bottle', 'how about flask then' — not
    'what is flask' (that has a verb and is matched like any question)."""
    rest = [t for i, t in enumerate(toks) if i not in covered]
    while rest and rest[0] in INTERJECTIONS:
        rest = rest[1:]  # "ok and django?", "thanks! and grok?"
    if not rest:
        return True
    return rest[0] in ("and", "or", "same") or "about" in rest or "abt" in rest
