"""What a question asks beyond the names in it: its detail words, and the facts they find.

Every facet composer, the comparison and the recommender leave out the same words (names,
words that only ask for a facet) before they search a framework's facts for the rest.
"""

from __future__ import annotations

from bot.answers.common import MIN_HIT, Request
from bot.records import Framework
from bot.text.lexicon import LEXICON
from bot.text.stem import stem
from bot.text.tokens import fold, tokens

# Question words that never narrow a facet down ('what features does flask have').
FACET_GENERIC = frozenset(stem(w) for w in LEXICON.phrases("facet_generic_words"))


def name_stems(req: Request) -> set[str]:
    """Stems of the frameworks and categories asked about, and of generic question words."""
    out: set[str] = set()
    for fw in req.frameworks:
        for name in (fw.name, *fw.aliases, fw.id):
            out |= {stem(t) for t in tokens(fold(name))}
    for cid in req.category_ids:
        cat = req.knowledge.categories[cid]
        for name in (cat.name, *cat.aliases):
            out |= {stem(t) for t in tokens(fold(name))}
    for assumption in req.assumptions:  # 'tornadoo', read as Tornado, is a name too
        if assumption.entity in req.knowledge.frameworks or assumption.entity in (
            req.knowledge.categories
        ):
            out |= {stem(t) for t in tokens(fold(assumption.typed))}
    return out | FACET_GENERIC


def detail_hits(
    req: Request, fw: Framework, limit: int = 3, topic: frozenset[str] = frozenset()
) -> list:
    """Facts of `fw`, from any facet, that match the question's specific words (not the
    words that only name the facet asked, `topic`)."""
    if req.index is None:
        return []
    words = req.index.detail_words(req.question_tokens, name_stems(req) | topic)
    return [h.fact for h in req.index.search(fw.id, words, limit) if h.score >= MIN_HIT]


# Short words around a detail ('is it good for'), never quoted back as what was asked.
DETAIL_FILLER = frozenset(stem(w) for w in LEXICON.phrases("detail_filler_words"))


def asked_words(req: Request) -> list[str]:
    if req.index is None:
        return []
    words = req.index.detail_words(req.question_tokens, name_stems(req))
    return sorted(w for w in words if len(w) > 3 and w not in DETAIL_FILLER)


def asks_real_words(req: Request) -> bool:
    """Every word the question asks about is an English word or one the facts use: a real
    detail ('admin panel', 'websockets'), not a misspelt facet word ('sanic featurs'), which
    must not be quoted back as one."""
    from bot.nlu.vocabulary import english_words

    asked = set(asked_words(req))
    typed = [t for t in req.question_tokens if stem(t) in asked]
    known = req.index.vocab if req.index is not None else frozenset()
    # a glossary term's own name ('postgres') is a real detail, however un-English
    named = {
        t
        for tid in req.term_ids
        for name in (req.knowledge.terms[tid].name, *req.knowledge.terms[tid].aliases)
        for t in tokens(fold(name))
    }
    return bool(typed) and all(
        t in english_words() or stem(t) in known or t in named for t in typed
    )


def term_in_facts(req: Request, fw: Framework) -> bool:
    """A glossary term the question names is one the knowledge gives `fw`: linked to it, or
    named (by its name or an alias: 'i18n' for internationalization) in one of its facts."""
    from bot.records import FACETS, statement_text

    terms = [req.knowledge.terms[tid] for tid in req.term_ids]
    if any(fw.id in {ref.id for ref in term.frameworks} for term in terms):
        return True
    names = [
        " " + " ".join(tokens(fold(name))) + " "
        for term in terms
        for name in (term.name.split(" (")[0], *term.aliases)
    ]
    texts = (
        " " + " ".join(tokens(fold(statement_text(item)))) + " "
        for facet in FACETS
        for item in getattr(fw, facet)
    )
    return any(name in text for text in texts for name in names if name.strip())


# words by which a fact says a framework takes any of a kind ('plug in any ORM', 'multiple
# databases'): one it doesn't name may still fit, so the facts are shown, not a decline
OPEN_CLAIM = LEXICON.words("open_claim_words")


def claims_any(items: list) -> bool:
    """One of these facts says the framework takes any, or several, of what it is about."""
    return any(OPEN_CLAIM & set(tokens(fold(getattr(i, "text", "") or ""))) for i in items)


def asks_specific(req: Request, fw: Framework) -> bool:
    return bool(asked_words(req))


def asked_phrase(req: Request, fw: Framework) -> str:
    """The asked detail as typed ('websockets', 'admin panel'), for 'the sources say nothing
    about ...'."""
    asked = set(asked_words(req))
    typed = list(dict.fromkeys(t for t in req.question_tokens if stem(t) in asked))
    return "that" if not typed else "“" + " ".join(typed[:3]) + "”"
