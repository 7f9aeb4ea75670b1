"""Attribute lists the needs and tags answer: 'which ones have an admin panel?'.

The fact search finds an attribute only where some fact spells it out; "admin panel" is how
people ask, "administer the database through a web interface" is how the documents put it.
knowledge/needs.yaml already ties such words to the frameworks the documents argue for, and
tags.yaml to the frameworks described with the trait: the frameworks named there, each with
its reason and source, answer the question instead of a list of every framework.
"""

from __future__ import annotations

from bot.answers.common import Request, cite_line, join, sentence
from bot.answers.headlines import asked_headline, asks_about_absence
from bot.answers.model import Answer
from bot.answers.needs import Asked, asked_needs
from bot.answers.suggest import suggestions_for
from bot.text.stem import stem
from bot.text.tokens import tokens

MAX_LISTED = 6


def needs_list(req: Request, scope: list[str]) -> Answer | None:
    """The frameworks in `scope` that the asked needs name by their own tags or arguments,
    or None when the question asks no need the documents tie to any of them."""
    kb = req.knowledge
    if asks_about_absence(req):
        return None  # "which ones don't do templating": the needs say who has it, not who lacks it
    # only a need asked in the words of one of its own traits ('admin panel' for the admin
    # interface): a need's looser words ('lean') are for weighing a pick, not for a list
    named = _tags_named(req)
    asked = [a for a in asked_needs(kb, req.folded, []) if named & set(a.need.tags)]
    if len(asked) != 1:
        return None  # no need, or several: the recommender weighs those
    lines: dict[str, tuple[str, tuple[str, ...]]] = {}
    for fid in scope:
        fw = kb.frameworks[fid]
        reason = _reason(req, fid, asked[0])
        if reason is not None:
            lines[fw.id] = reason
    if not lines:
        return None
    listed = list(lines)[:MAX_LISTED]
    names = [kb.frameworks[f].name for f in listed]
    sources = list(dict.fromkeys(s for f in listed for s in lines[f][1]))
    label = asked[0].need.label
    facts = [f"*{kb.frameworks[f].name}*: {lines[f][0]}" for f in listed]
    text = f"The sources tie {label} to {join(names)}."
    return req.answer(
        asked_headline(req) or f"Frameworks with {label}",
        text + "\n" + cite_line(kb, sources),
        sources,
        intent="list_frameworks",
        subjects=listed,
        facts=facts,
        # follow-ups about the frameworks listed, not the catalogue's stock ones
        suggestions=[f"What is {names[0]}?"]
        + ([f"Compare {names[0]} and {names[1]}"] if len(names) > 1 else [])
        + suggestions_for(req, "list_frameworks")[:1],
    )


def tagged_with(req: Request, scope: list[str], words: set[str]) -> set[str]:
    """The frameworks in `scope` carrying a tag that is the whole attribute asked: the tag's
    own words hold every content word of the question ('data validation', not 'uses pylons
    as its web server')."""
    tags = set()
    for tid in _tags_named(req):
        tag = req.knowledge.tags[tid]
        phrases = (tag.label, *tag.keywords)
        if words <= {stem(t) for p in phrases for t in tokens(p.casefold())}:
            tags.add(tid)
    return {f for f in scope if tags & req.knowledge.frameworks[f].tag_ids}


def _tags_named(req: Request) -> set[str]:
    """The tags one of whose own keywords the question uses, as a whole phrase."""
    padded = f" {req.folded} "
    return {
        tag.id
        for tag in req.knowledge.tags.values()
        if any(f" {k} " in padded for k in tag.keywords)
    }


def _reason(req: Request, fid: str, asked: Asked) -> tuple[str, tuple[str, ...]] | None:
    """Why the documents tie this framework to the need: an argument naming it, else a tag of
    its own; None when neither does."""
    kb = req.knowledge
    fw = kb.frameworks[fid]
    for arg in asked.need.arguments:
        if arg.favours and fid in arg.frameworks:
            return _sentence(arg.reason, kb.frameworks[fid].name), arg.sources
    tagged = [ref for ref in fw.tags if ref.id in asked.need.tags]
    if tagged:
        labels = join([kb.tags[ref.id].label for ref in tagged])
        sources = tuple(dict.fromkeys(s for ref in tagged for s in ref.sources))
        return f"{fw.name} is described with {labels}.", sources
    return None


def _sentence(text: str, name: str) -> str:
    """The reason as a sentence; a name spelt in lower case ('web2py') stays so."""
    text = text.strip()
    if not text.startswith(name):
        text = text[:1].upper() + text[1:]
    return sentence(text)
