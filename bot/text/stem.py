"""A deliberately tiny stemmer, shared by the matcher, grounding and the answers."""

from __future__ import annotations

from functools import lru_cache

from bot.text.lexicon import LEXICON
from bot.text.tokens import fold, tokens

# The matcher's entity placeholders ('flask vs django' → 'xfw vs xfw'): tokens, not words.
PLACEHOLDER_WORDS = frozenset({"xfw", "xcat", "xterm"})

# "which framework" asks for a pick, "which frameworks" for a list: keep the difference.
# Function words keep their form too: "whats" is not "what", "does" is not "doe".
KEEPS_FORM = LEXICON.words("stem_keeps_form")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """'databases'/'database', 'uses'/'used'/'use', 'matches'/'match' meet; 'frameworks'
    keeps its plural (the `stem_keeps_form` lookup)."""
    if word in PLACEHOLDER_WORDS or len(word) <= 3 or word in KEEPS_FORM:
        return word
    if word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 3:
        return word[:-1]  # 'created' → 'create', 'based' → 'base'
    if word.endswith("s"):
        return word[:-1]
    return word


@lru_cache(maxsize=8192)  # the knowledge's own sentences, scored again and again
def text_stems(text: str) -> frozenset[str]:
    """The stems of any text's words."""
    return frozenset(stem(t) for t in tokens(fold(text)))
