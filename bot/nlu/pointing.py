"""Which of the thread's subjects a follow-up points at, when it names one by its place or
beside a second framework.

"who uses the second one?" after a list means the second framework listed; "and the other
one?" after "flask vs django" and "who uses flask?" means Django; "can it run on android like
cherrypy?" after a question about Bottle is about Bottle (CherryPy is only the point of
comparison), while "is it faster than flask?" weighs the two. "what are the downsides of that
kind of framework?" is about the kind of the thread's framework. The rules are applied by
bot/nlu/tracker.py (theme "thread"); they change what the question is about, never the intent.
"""

from __future__ import annotations

from bot.nlu import steps
from bot.nlu.entities import CATEGORY, FRAMEWORK, Mention
from bot.nlu.intents import PLACEHOLDERS, mask
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.rules.base import Example, Rule
from bot.nlu.vocabulary import PRONOUNS
from bot.nlu.words import COMPARATIVE, ELLIPSIS, opens_like_a_question
from bot.text.lexicon import LEXICON

THEME = "thread"
_POSITIONS = LEXICON.table("referent_positions")
_REFERENT_NOUNS = LEXICON.words("referent_nouns")
_POINT_WORDS = LEXICON.words("comparison_point_words")
_WEIGHING_WORDS = LEXICON.words("weighing_words")
_COPULAS = LEXICON.words("copula_words")
_KIND_POINTER = LEXICON.pattern("kind_pointer")
_NAME_POINTER = LEXICON.pattern("name_pointer")
_OBJECT_PRONOUNS = LEXICON.words("object_pronouns")


# -- "the other one", "the second one", "the latter" ------------------------------------------


def _referent_span(toks: list[str]) -> tuple[int, int, str] | None:
    """Where 'the <place word> [one]' is, and the place word: (start, end, word)."""
    for i in range(len(toks) - 1):
        if toks[i] == "the" and toks[i + 1] in _POSITIONS:
            end = i + 2
            if end < len(toks) and toks[end] in _REFERENT_NOUNS:
                end += 1
            return i, end, toks[i + 1]
    return None


def _frameworks(nlu: Resources, ids: list[str]) -> list[str]:
    return [e for e in ids if nlu.kind_of(e) == FRAMEWORK]


def _pointed_at(nlu: Resources, r: Reading) -> str | None:
    """The framework the place word picks: among a kind's listed members, the subjects of a
    ranked list or comparison, or the recent subjects in the order they came up."""
    found = _referent_span(r.toks)
    if found is None:
        return None
    place = _POSITIONS[found[2]]
    subjects = _frameworks(nlu, r.ctx_entities)
    if place == "other":
        # "the other one": of the recent pair, the one the last answer was not about
        others = [e for e in _frameworks(nlu, r.recent) if e not in subjects]
        return others[0] if len(subjects) == 1 and others else None
    members = _frameworks(nlu, r.members)
    ordered = members or (subjects if len(subjects) > 1 else [])
    ordered = ordered or list(reversed(_frameworks(nlu, r.recent)))
    index = int(place)
    if len(ordered) < 2 or index >= len(ordered):
        return None
    return ordered[index]


def _points_at_one(nlu: Resources, r: Reading) -> bool:
    return not r.named_frameworks and bool(r.ctx_entities) and _pointed_at(nlu, r) is not None


def _name_the_one(nlu: Resources, r: Reading) -> None:
    """The reference reads as if the framework had been named there ('and the other one?' is
    'and django?'); the thread is about that one from now on."""
    chosen = _pointed_at(nlu, r)
    found = _referent_span(r.toks)
    assert chosen is not None and found is not None
    start, end, _ = found
    name = nlu.knowledge.frameworks[chosen].name
    surface = " ".join(r.toks[start:end])
    r.mentions = sorted(
        [*r.mentions, Mention(chosen, FRAMEWORK, name, surface, start, end, True)],
        key=lambda m: m.start,
    )
    r.ids = list(dict.fromkeys(m.id for m in r.mentions))
    r.named_frameworks = _frameworks(nlu, r.ids)
    r.covered |= set(range(start, end))
    r.content = [t for i, t in enumerate(r.toks) if i not in r.covered and t not in ELLIPSIS]
    r.masked = mask(r.toks, r.mentions, nlu.matcher.cue_stems, nlu.recogniser.hints)
    r.ctx_entities = r.recent = [chosen]
    r.members = []
    r.used_context = True


# -- "... like cherrypy", "... than flask" beside "it" -----------------------------------------


def _second_name(nlu: Resources, r: Reading) -> tuple[Mention, str] | None:
    """The one framework named after a pronoun, beside the thread's framework, and the word
    that introduces it ('like', 'than')."""
    subjects = _frameworks(nlu, r.ctx_entities)
    named = [m for m in r.mentions if m.kind == FRAMEWORK]
    if len(subjects) != 1 or len(named) != 1 or named[0].id in subjects or named[0].start < 2:
        return None
    mention = named[0]
    before = r.toks[mention.start - 1]
    if not any(t in PRONOUNS for t in r.toks[: mention.start - 1]):
        return None
    return (mention, before) if before in _POINT_WORDS | _WEIGHING_WORDS else None


def _is_point_of_comparison(nlu: Resources, r: Reading) -> bool:
    found = _second_name(nlu, r)
    if found is None:
        return False
    mention, word = found
    if word in _POINT_WORDS:
        # "is it like flask?" asks how alike they are: both
        return r.toks[mention.start - 2] not in _COPULAS
    return False


def _drop_the_point(nlu: Resources, r: Reading) -> None:
    """Read the question without 'like <name>': it asks about the thread's framework."""
    found = _second_name(nlu, r)
    assert found is not None
    mention, _ = found
    kept = [t for i, t in enumerate(r.toks) if not mention.start - 1 <= i < mention.end]
    r.folded = " ".join(kept)
    steps.recognise(nlu, r)


def _weighs_against(nlu: Resources, r: Reading) -> bool:
    found = _second_name(nlu, r)
    if found is None:
        return False
    mention, word = found
    return word in _WEIGHING_WORDS or bool(COMPARATIVE & set(r.toks[: mention.start]))


def _both_subjects(nlu: Resources, r: Reading) -> None:
    """'is it faster than flask?': the thread's framework and the one named, 'it' first."""
    subject = _frameworks(nlu, r.ctx_entities)
    r.ids = list(dict.fromkeys([*subject, *r.ids]))
    r.masked = nlu.point_at_context(r.masked, subject)
    r.used_context = True


# -- "is flask based on it?" ----------------------------------------------------------------


def _object_pronoun(nlu: Resources, r: Reading) -> bool:
    """'is flask based on it?' after 'what is sinatra': the name asks, 'it' (after the name,
    as its object) is the thread's framework, unlike 'tornado - what is it?'."""
    subjects = _frameworks(nlu, r.ctx_entities)
    named = [m for m in r.mentions if m.kind == FRAMEWORK]
    if len(subjects) != 1 or len(named) != 1 or named[0].id in subjects:
        return False
    mention = named[0]
    before, after = r.toks[: mention.start], r.toks[mention.end :]
    return (
        bool(before)
        and (opens_like_a_question(before[0]) or before[0] in _COPULAS)
        and not any(t in PRONOUNS for t in before)
        and bool(_OBJECT_PRONOUNS & set(after))
    )


def _name_and_thread(nlu: Resources, r: Reading) -> None:
    subject = _frameworks(nlu, r.ctx_entities)
    r.ids = list(dict.fromkeys([*r.ids, *subject]))
    r.masked = [PLACEHOLDERS[FRAMEWORK] if t in _OBJECT_PRONOUNS else t for t in r.masked]
    r.used_context = True


# -- "that kind of framework" -------------------------------------------------------------------


def _thread_kind(nlu: Resources, r: Reading) -> str | None:
    """The kind the thread is about: one just asked about, else its framework's first kind."""
    kinds = [e for e in [*r.ctx_entities, *r.recent] if nlu.kind_of(e) == CATEGORY]
    if kinds:
        return kinds[0]
    subjects = _frameworks(nlu, r.ctx_entities)
    if len(subjects) != 1:
        return None
    # the first kind listed is the one its answer leads with ("Tornado is an async framework")
    own = nlu.knowledge.frameworks[subjects[0]].category_ids
    return own[0] if own else None


def _points_at_kind(nlu: Resources, r: Reading) -> bool:
    return (
        bool(r.ctx_entities)
        and not any(nlu.kind_of(e) == CATEGORY for e in r.ids)
        and bool(_KIND_POINTER.search(r.folded) or _NAME_POINTER.search(r.folded))
        and _thread_kind(nlu, r) is not None
    )


def _use_kind(nlu: Resources, r: Reading) -> None:
    """'that kind of framework' is the kind itself; 'why is it called that?' is the framework
    and its kind."""
    kind = _thread_kind(nlu, r)
    assert kind is not None
    frameworks: list[str] = []
    if not _KIND_POINTER.search(r.folded):
        frameworks = r.named_frameworks or _frameworks(nlu, r.ctx_entities)
    r.ids = list(dict.fromkeys([*frameworks, kind, *r.ids]))
    r.masked = [PLACEHOLDERS[CATEGORY] if t in ("that", "this") else t for t in r.masked]
    if frameworks:
        r.masked = [PLACEHOLDERS[FRAMEWORK] if t in PRONOUNS else t for t in r.masked]
    if not frameworks:
        r.ctx_entities = [kind]  # the kind is what the question asks about, not the framework
    r.used_context = True


def _rule(name: str, does: str, when, then, *examples: Example) -> Rule:  # type: ignore[no-untyped-def]
    return Rule(name, THEME, does, when, then, records=False, examples=examples)


POINTED_AT = _rule(
    "pointed_at_by_place",
    "'the other one', 'the second one', 'the latter': the thread's framework in that place",
    _points_at_one,
    _name_the_one,
    Example("and the other one?", ("flask",), "who_uses", ("flask", "django")),
    Example("who uses the second one?", ("async",), "list_frameworks", (), ("fastapi", "sanic")),
)
POINT_OF_COMPARISON = _rule(
    "point_of_comparison",
    "'it' beside 'like <name>': the thread's framework, the named one only a point of comparison",
    _is_point_of_comparison,
    _drop_the_point,
    Example("does it have a built-in server like cherrypy?", ("bottle",), "describe_framework"),
)
WEIGHED_AGAINST = _rule(
    "weighed_against",
    "'it' beside 'than <name>' or a comparative: the thread's framework and the named one",
    _weighs_against,
    _both_subjects,
    Example("is it faster than flask?", ("bottle",), "describe_framework"),
)
OBJECT_PRONOUN = _rule(
    "pronoun_is_the_object",
    "'it' after the one framework named, as its object, is the thread's framework",
    _object_pronoun,
    _name_and_thread,
    Example("was flask inspired by it?", ("sinatra",), "describe_framework"),
)
KIND_OF_THREAD = _rule(
    "kind_of_the_thread",
    "'that kind of framework', 'called that': the kind the thread's framework belongs to",
    _points_at_kind,
    _use_kind,
    Example("what are the downsides of that kind of framework?", ("bottle",), "category_of"),
    Example("why is it called that?", ("flask",), "category_of", ("flask", "micro")),
)
