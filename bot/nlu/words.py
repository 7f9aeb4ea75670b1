"""The understanding's word sets and patterns, read once from intents/lexicon/understanding.yaml.

English lives in the YAML, where a curator can read and change it; this module only gives each
entry the name the steps and rules use.
"""

from __future__ import annotations

from bot.text.lexicon import LEXICON

_words = LEXICON.words

SINGULAR = _words("singular_pronouns")
PLURAL = _words("plural_pronouns")
SUPERLATIVE_SPEED = _words("fastest_words")
AGE_COMPARISON = _words("age_comparatives")
SPEED_COMPARISON = _words("speed_comparatives")
DEFINING = _words("defining_words")
STRONG_FIT = _words("strong_fit_words")
FIT_WORDS = _words("fit_words")
CHOICE_WORDS = _words("choice_words")
TASK_WORDS = _words("task_verbs")
ASKING_FOR = _words("asking_for_words")
CODE_NOUNS = _words("code_nouns")
MODALS = _words("modal_verbs")
REQUEST_LEADS = _words("request_leads")
STRONG_PICK = _words("strong_pick_words")
KIND_LIST = _words("kind_list_words")
LIST_WORDS = _words("list_words")
DECIDING = _words("deciding_words")
EXPLAINING = _words("explaining_leads")
TERM_PRONOUNS = _words("term_pronouns")
PERSONAL_PRONOUNS = _words("personal_pronouns")
PERSONAL_LIFE = _words("personal_life_words")
QUESTION_LEADS = _words("question_leads")


def opens_like_a_question(word: str) -> bool:
    """A clause's first word makes it a question ('what', 'does', and 'whats' typed so)."""
    return word in QUESTION_LEADS or (word.endswith("s") and word[:-1] in QUESTION_LEADS)


INTERJECTIONS = _words("interjections")
KIND_QUESTION_LEADS = _words("kind_question_leads")
KIND_NOUNS = _words("kind_nouns")
FRAMEWORK_NOUNS = _words("framework_nouns")
ELLIPSIS = _words("ellipsis_words")
COMPARATIVE = _words("comparative_followups")
WHICH = _words("which_words")
PICKING = _words("picking_words")
YES_NO_LEADS = _words("yes_no_leads")
EITHER_PICK = _words("either_pick_words")
PICKED = _words("picked_nouns")
NOT_SUPERLATIVE = _words("not_superlatives")
# the exact words between two names that make 'X or Y' a choice ("or", "or a", "vs")
EITHER_JOINS = tuple(phrase.split() for phrase in LEXICON.phrases("either_joins"))
HOWTO = LEXICON.pattern("asks_how_to")
VERSION = LEXICON.pattern("asks_for_version")
VERSION_WORDS = _words("version_words")
LIMIT_WORDS = _words("limit_words")
RATE = LEXICON.pattern("asks_for_a_rate")
RATE_FACT_WORDS = _words("rate_fact_words")
REQUIREMENT = _words("requirement_words")
REQUIREMENT_FACT_WORDS = _words("requirement_fact_words")
MAKER_NOUNS = _words("maker_nouns")
# "i wonder if ...", "anyone knows ...", "..., right?": the words around an indirect question
QUESTION_WRAPPERS = LEXICON.pattern("question_wrappers")

# Intent names, not English: which intents a rule treats alike.
# Questions about one framework's own facets.
ONE_SUBJECT = frozenset(
    "describe_framework history who_uses features built_on databases drawbacks category_of".split()
)
# Questions about the framework itself, whatever else they say ("who else uses it besides X").
OWN_QUESTIONS = frozenset("who_uses history sources greet thanks help".split())
# Intents a trait-driven pick is often mistaken for ("which framework has an admin?").
TRAIT_INTENTS = frozenset(
    "fallback list_frameworks define_term features performance databases help recommend "
    "built_on".split()
)
