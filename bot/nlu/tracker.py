"""The thread's context: which subjects a follow-up borrows, what its pronouns stand for.

"who uses it?" borrows the thread's subject; "compare them" after two single-subject questions
means those two; "compare them" after "list the async frameworks" means the kind's members;
"does flask have one?" after "what does ORM mean?" means the term. Each is a named rule
(theme "thread"), applied in the order of THREAD_RULES and BORROW_RULES; they change what the
question is about, never the intent, so none is named in `Parse.rule`. Ellipses ("and
django?") are the rules in bot/nlu/rules/context.py.
"""

from __future__ import annotations

from bot.nlu import pointing
from bot.nlu.entities import FRAMEWORK, TERM
from bot.nlu.intents import mask
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.rules.base import Example, Rule
from bot.nlu.vocabulary import PRONOUNS
from bot.nlu.words import COMPARATIVE, PICKING, PLURAL, SINGULAR, TERM_PRONOUNS, WHICH
from bot.text.lexicon import LEXICON

THEME = "thread"
_ASKS_FOR_A_FRAMEWORK = LEXICON.pattern("asks_for_a_framework")


def picks_among(toks: list[str]) -> bool:
    """'which should I pick for a small api?' after two frameworks: a pick between those two
    (or 'which one for an api with docs?')."""
    which_one_for = "which" in toks and "one" in toks and "for" in toks
    return (bool(WHICH & set(toks)) and bool(PICKING & set(toks))) or which_one_for


def read_thread(nlu: Resources, r: Reading) -> bool:
    """The thread's subjects, recent subjects and listed members that are still known."""
    context = r.context
    r.ctx_entities = [e for e in context.get("entities", []) if nlu.is_known(e)]
    r.recent = [e for e in context.get("recent", []) if nlu.is_known(e)]
    r.members = [e for e in context.get("members", []) if nlu.is_known(e)]
    r.pick_among = picks_among(r.toks)
    return False


def _recent_pair(nlu: Resources, r: Reading) -> bool:
    pointing = (PLURAL | COMPARATIVE) & r.words
    if pointing == {"one"} and SINGULAR & r.words:
        return False  # "who uses that one?": the last subject, not the last two
    return len(r.ctx_entities) == 1 and len(r.recent) > 1 and bool(pointing or r.pick_among)


def _use_recent(nlu: Resources, r: Reading) -> None:
    kind = nlu.kind_of(r.ctx_entities[0])
    same_kind = [e for e in r.recent if nlu.kind_of(e) == kind]
    r.ctx_entities = list(reversed(same_kind[:3]))


def _kind_members(nlu: Resources, r: Reading) -> bool:
    return (
        bool(r.members)
        and len(r.ctx_entities) == 1
        and bool((PLURAL - {"ones"} | COMPARATIVE - {"which"}) & r.words or r.pick_among)
    )


def _use_members(nlu: Resources, r: Reading) -> None:
    r.ctx_entities = r.members[:3]


def _company_frameworks(nlu: Resources, r: Reading) -> bool:
    return bool(r.users) and not r.named_frameworks


def _add_company_frameworks(nlu: Resources, r: Reading) -> None:
    r.ids = list(dict.fromkeys([*r.ids, *(f for fws in r.users.values() for f in fws)]))


def _names_nothing(nlu: Resources, r: Reading) -> bool:
    return (
        not _company_frameworks(nlu, r)
        and not r.ids
        and bool(r.ctx_entities)
        # "which framework has an admin?" after Flask asks for a framework, not about Flask
        and not (_ASKS_FOR_A_FRAMEWORK.search(r.folded) and not SINGULAR & r.words)
    )


def _borrow(nlu: Resources, r: Reading) -> None:
    r.used_context = True
    r.masked = nlu.point_at_context(r.masked, r.ctx_entities)


def _singular_after_list(nlu: Resources, r: Reading) -> bool:
    return (
        r.used_context
        and not r.ids
        and len(r.ctx_entities) > 1
        and bool(SINGULAR & r.words)
        and not PLURAL & r.words
    )


def _first_only(nlu: Resources, r: Reading) -> None:
    r.ctx_entities = r.ctx_entities[:1]


def _which_of_them(nlu: Resources, r: Reading) -> bool:
    """'which one has an orm?' after two frameworks: one of those two, not of every framework."""
    several = sum(1 for e in r.ctx_entities if nlu.kind_of(e) == FRAMEWORK) > 1
    return several and bool(WHICH & r.words) and bool(PLURAL & r.words)


def _term_with_pronoun(nlu: Resources, r: Reading) -> bool:
    pronoun = any(t in PRONOUNS for t in r.toks) or _which_of_them(nlu, r)
    return (
        not _company_frameworks(nlu, r)
        and bool(r.ids)
        and not r.named_frameworks
        and (pronoun or r.pick_among)
        and bool(r.ctx_entities)
        and any(nlu.kind_of(e) == FRAMEWORK for e in r.ctx_entities)
    )


def _add_thread_subject(nlu: Resources, r: Reading) -> None:
    ctx_subjects = [e for e in r.ctx_entities if nlu.kind_of(e) == FRAMEWORK]
    r.used_context = True
    if len(ctx_subjects) == 1:
        # the term is that one framework's part: its cue words stay ("its database layer")
        r.masked = mask(
            r.toks, r.mentions, nlu.matcher.cue_stems, nlu.recogniser.hints, grounded=True
        )
    r.masked = nlu.point_at_context(r.masked, ctx_subjects)
    r.ids = [*ctx_subjects, *r.ids]


def _pronoun_is_term(nlu: Resources, r: Reading) -> bool:
    ctx_terms = [e for e in r.ctx_entities if nlu.kind_of(e) == TERM]
    return (
        bool(r.named_frameworks)
        and bool(ctx_terms)
        and len(ctx_terms) == len(r.ctx_entities)
        and not any(nlu.kind_of(e) == TERM for e in r.ids)
        and bool(TERM_PRONOUNS & r.words)
    )


def _mask_term(nlu: Resources, r: Reading) -> None:
    hint = nlu.recogniser.hints.get(r.ctx_entities[0])
    term = ["xterm", hint] if hint else ["xterm"]
    r.masked = [w for t in r.masked for w in (term if t in TERM_PRONOUNS else [t])]


def _pronoun_is_named(nlu: Resources, r: Reading) -> bool:
    return (
        not _pronoun_is_term(nlu, r)
        and bool(r.ids)
        and not r.used_context
        and len(r.named_frameworks) == 1
    )


def _mask_named(nlu: Resources, r: Reading) -> None:
    r.masked = ["xfw" if t in SINGULAR else t for t in r.masked]


def _rule(name: str, does: str, when, then, *examples: Example) -> Rule:  # type: ignore[no-untyped-def]
    return Rule(name, THEME, does, when, then, records=False, examples=examples)


RECENT_PAIR = _rule(
    "recent_subjects",
    "'them' or a comparative after single-subject questions means the recent subjects",
    _recent_pair,
    _use_recent,
    Example("compare them", ("tornado",), "describe_framework", ("tornado", "flask")),
    Example("which one is faster?", ("sanic",), "describe_framework", ("sanic", "tornado")),
)
KIND_MEMBERS = _rule(
    "kind_members",
    "'compare them' after a kind was listed means its members ('which ones' still asks the kind)",
    _kind_members,
    _use_members,
    Example(
        "how do they differ?", ("async",), "list_frameworks", (), ("fastapi", "sanic", "tornado")
    ),
)
COMPANY_FRAMEWORKS = _rule(
    "company_frameworks",
    "a company the sources name as a user brings in the frameworks it uses",
    _company_frameworks,
    _add_company_frameworks,
    Example("which framework does reddit use?"),
)
BORROW_SUBJECT = _rule(
    "borrow_subject",
    "a question naming nothing is about the thread's subject",
    _names_nothing,
    _borrow,
    Example("who uses it?", ("flask",), "describe_framework"),
    Example("when?", ("webpy",), "history"),
)
FIRST_OF_LIST = _rule(
    "first_of_a_list",
    "'it' after several subjects (a ranked list) means the first one",
    _singular_after_list,
    _first_only,
    Example("who made it?", ("flask", "django"), "recommend"),
)
ADD_THREAD_SUBJECT = _rule(
    "thread_subject_and_term",
    "a pronoun (or 'which one' after several) with a new term: the thread's frameworks and it",
    _term_with_pronoun,
    _add_thread_subject,
    Example("is it full stack?", ("bottle",), "describe_framework"),
    Example("does it do websockets?", ("flask",), "describe_framework"),
    Example("which one has an orm built in?", ("flask", "django"), "describe_framework"),
)
PRONOUN_IS_TERM = _rule(
    "pronoun_is_the_term",
    "'one' after a term was explained is that term ('does flask have one?')",
    _pronoun_is_term,
    _mask_term,
    Example("does flask have one?", ("orm",), "define_term"),
)
PRONOUN_IS_NAMED = _rule(
    "pronoun_is_the_name",
    "'it' next to the one framework named is that framework",
    _pronoun_is_named,
    _mask_named,
    Example("tornado - what is it?"),
)

# after read_thread: which of the thread's subjects a follow-up may mean
THREAD_RULES: tuple[Rule, ...] = (pointing.POINTED_AT, RECENT_PAIR, KIND_MEMBERS)
# after the users are found: what the question borrows, and what its pronouns stand for
BORROW_RULES: tuple[Rule, ...] = (
    pointing.POINT_OF_COMPARISON,
    pointing.WEIGHED_AGAINST,
    pointing.KIND_OF_THREAD,
    pointing.OBJECT_PRONOUN,
    COMPANY_FRAMEWORKS,
    BORROW_SUBJECT,
    FIRST_OF_LIST,
    ADD_THREAD_SUBJECT,
    PRONOUN_IS_TERM,
    PRONOUN_IS_NAMED,
)
