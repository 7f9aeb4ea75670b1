"""Every fact can be found by its own content words: for each fact, a question made of its two
rarest content words and its framework's name (not its wording) brings the fact into the
answer (shown, or behind More details)."""

from __future__ import annotations

from bot.answers.asked import FACET_GENERIC as GENERIC
from bot.answers.search import QUESTION_WORDS
from bot.engine import Engine
from bot.records import Named, statement_text
from bot.render.text import render_text
from bot.text.stem import stem
from bot.text.tokens import fold, tokens

TEMPLATE = "what about {words} in {name}?"
MIN_REACHABLE = 0.95  # of all facts; the misses are listed when it fails


def probes(engine: Engine):
    """(question, the fact's text to find) for every framework fact."""
    index, kb = engine.index, engine.knowledge
    # words no question would use to find one fact: everyday English, and the domain's own
    # ('framework', 'python')
    common = engine.understanding.everyday_stems | QUESTION_WORDS | GENERIC
    # names of frameworks and kinds: a question with them asks about the thing, not one fact
    names = {
        stem(t)
        for item in (*kb.frameworks.values(), *kb.categories.values())
        for name in (item.name, item.id, *item.aliases)
        for t in tokens(fold(name.replace("_", " ")))
    }
    for fw in kb.frameworks.values():
        for _facet, item, _stems in index.by_framework[fw.id]:
            text = statement_text(item)
            toks = [
                t
                for t in tokens(fold(text))
                if len(t) > 2 and stem(t) not in names and stem(t) not in common
            ]
            rarest = set(sorted(set(toks), key=lambda t: -index.idf.get(stem(t), 0))[:2])
            words = [t for t in dict.fromkeys(toks) if t in rarest]
            if words:
                shown = item.name if isinstance(item, Named) else text.rstrip(".")[:40]
                yield TEMPLATE.format(words=" ".join(words), name=fw.name), shown


def test_every_fact_is_reachable_by_its_content_words(engine):
    results = []
    for question, shown in probes(engine):
        body = render_text(engine.ask(question), full=True).casefold()
        results.append((question, shown, shown.casefold() in body))
    assert len(results) >= 200
    missed = [(q, s) for q, s, hit in results if not hit]
    assert 1 - len(missed) / len(results) >= MIN_REACHABLE, missed
