"""Word lists the recogniser needs: ordinary English words, filler words and tech context words.

The lists themselves live in intents/lexicon/understanding.yaml; the big dictionaries (English
words, word frequencies) ship as data files in bot/nlu/data/.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

from bot.text.lexicon import LEXICON


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Ordinary words never fuzzily read as a name ('task' is not a typo of 'flask')."""
    data = resources.files("bot.nlu").joinpath("data/english_words.txt.gz").read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


def word_frequency() -> dict[str, float]:
    """English words and how common they are (Zipf: 5 is 'month', 3 is 'celery')."""
    data = resources.files("bot.nlu").joinpath("data/word_frequency.txt.gz").read_bytes()
    out: dict[str, float] = {}
    for line in gzip.decompress(data).decode("utf-8").split("\n"):
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            out[word] = float(zipf)
    return out


# Words that carry no subject: what is left of "and django?" once these are gone tells whether a
# message only names a new subject.
FILLER = LEXICON.words("filler")
# Chat slang and conversational words: never a sign that a question is out of scope.
SLANG = LEXICON.words("slang")
# Words that say a sentence is about software, so an everyday word there is a framework name.
TECH_WORDS = LEXICON.words("tech_words")
# Pronouns and phrases that point back at the subject of the conversation.
PRONOUNS = LEXICON.words("pronouns")
# Words that shape a question rather than name what it is about ("what does X offer"): the
# detail search of the answers and the fact evidence of understanding both leave them out.
QUESTION_FORM = list(LEXICON.phrases("question_form"))

# "alternatives to django", "anything easier than zope?", "closest thing to sinatra in python":
# the named framework is where the question starts, not what it asks about.
OTHER_THAN = LEXICON.words("other_than_words")
NEAREST = LEXICON.words("nearest_words")
# Words that look for a pick, leading a comparison ("something lighter", "any simpler ones").
PICK_LEADS = LEXICON.words("pick_leads")
LIKENESS = LEXICON.words("likeness_words")
# Words ending like a comparative that are not one.
_NOT_COMPARATIVE = LEXICON.words("not_comparatives")
# All of the words above: they shape the request, they are never a trait to look for.
OTHER_WORDS = OTHER_THAN | NEAREST | LIKENESS | frozenset(["other", "than", "else"])


def _comparative(word: str) -> bool:
    return len(word) >= 5 and word.endswith("er") and word not in _NOT_COMPARATIVE


def asks_for_other(toks: list[str], names: set[int] | None = None) -> bool:
    """Whether a question about one named framework asks for a different one. With `names`
    (the positions of framework names), a word such as 'instead' or 'like' counts only
    before a name: "instead of web2py", not "instead of XML config"; or, last in the message,
    after one ("used sinatra for years, any python equivalent?")."""

    def names_follow(i: int) -> bool:
        return names is None or any(j in names for j in range(i + 1, i + 4))

    for i, tok in enumerate(toks):
        nxt = toks[i + 1 : i + 4]
        if tok in NEAREST:
            return True
        if (tok in OTHER_THAN or (tok == "other" and nxt[:1] == ["than"])) and names_follow(i):
            return True
        if tok in OTHER_THAN and i == len(toks) - 1 and names and min(names) < i:
            return True  # "we used sinatra for years. is there a python equivalent?"
        if tok in PICK_LEADS:
            if any(_comparative(w) or w in ("more", "less") for w in nxt):
                return True  # "something lighter", "anything more modern"
            likeness = [i + 1 + k for k, w in enumerate(nxt) if w in LIKENESS]
            if likeness and names_follow(likeness[0]):
                return True  # "anything like flask but async"
    return False
