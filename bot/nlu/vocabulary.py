"""Word lists the recogniser needs: ordinary English words, filler words and tech context words."""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources


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
FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "so",
        "also",
        "too",
        "then",
        "what",
        "whats",
        "what's",
        "how",
        "hows",
        "about",
        "abt",
        "regarding",
        "re",
        "of",
        "for",
        "on",
        "in",
        "to",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "them",
        "they",
        "their",
        "there",
        "here",
        "please",
        "pls",
        "plz",
        "thx",
        "me",
        "my",
        "i",
        "im",
        "we",
        "us",
        "our",
        "you",
        "your",
        "u",
        "ur",
        "ok",
        "okay",
        "hmm",
        "well",
        "hey",
        "yo",
        "oh",
        "ah",
        "um",
        "uh",
        "now",
        "again",
        "same",
        "question",
        "q",
        "?",
        "tell",
        "say",
        "one",
        "ones",
        "do",
        "does",
        "did",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "might",
        "may",
        "just",
        "only",
        "really",
        "actually",
        "like",
        "kinda",
        "sorta",
    ]
)

# Chat slang and conversational words: never a sign that a question is out of scope.
SLANG = frozenset(
    [
        "gimme",
        "wtf",
        "tbh",
        "idk",
        "lmk",
        "fyi",
        "asap",
        "irl",
        "omg",
        "afaik",
        "iirc",
        "ngl",
        "lowdown",
        "wat",
        "r",
        "u",
        "ur",
        "pls",
        "plz",
        "tho",
        "lol",
        "btw",
        "imo",
        "imho",
        "ya",
        "yeah",
        "yep",
        "nah",
        "nope",
        "dude",
        "bro",
        "kinda",
        "gonna",
        "wanna",
        "gotta",
        "lemme",
        "dunno",
        "basically",
        "literally",
        "honestly",
        "anyway",
        "anyways",
        "quick",
        "quickly",
        "hey",
        "hi",
        "hello",
        "thx",
        "ty",
        "cheers",
        "cool",
        "nice",
        "awesome",
        "great",
        "neat",
        "sweet",
        "deal",
        "stuff",
        "thing",
        "things",
        "guys",
        "folks",
        "team",
        "someone",
        "somebody",
        "anyone",
        "people",
        "rite",
        "right",
        "wrong",
        "true",
        "false",
        "prod",
        # contractions once the apostrophe is gone ("I'd like", "we've got")
        "id",
        "ive",
        "im",
        "youre",
        "youve",
        "youd",
        "theyre",
        "weve",
        "wed",
        "itd",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "cant",
        "wont",
        "wouldnt",
        "shouldnt",
        "couldnt",
    ]
)

# Words that say a sentence is about software, so an everyday word there is a framework name.
TECH_WORDS = frozenset(
    [
        "framework",
        "frameworks",
        "microframework",
        "microframeworks",
        "python",
        "py",
        "web",
        "api",
        "apis",
        "app",
        "apps",
        "application",
        "applications",
        "library",
        "libraries",
        "lib",
        "server",
        "servers",
        "backend",
        "frontend",
        "http",
        "https",
        "rest",
        "restful",
        "orm",
        "database",
        "databases",
        "template",
        "templates",
        "templating",
        "route",
        "routes",
        "routing",
        "deploy",
        "deployment",
        "production",
        "prod",
        "code",
        "coding",
        "developer",
        "developers",
        "dev",
        "devs",
        "pip",
        "install",
        "package",
        "packages",
        "module",
        "modules",
        "extension",
        "extensions",
        "plugin",
        "plugins",
        "async",
        "asynchronous",
        "wsgi",
        "asgi",
        "request",
        "requests",
        "response",
        "endpoint",
        "endpoints",
        "json",
        "stack",
        "fullstack",
        "micro",
        "vs",
        "versus",
        "compare",
        "comparison",
        "features",
        "feature",
        "users",
        "uses",
        "built",
        "dependencies",
        "docs",
        "documentation",
        "performance",
        "benchmark",
        "fast",
        "faster",
        "slow",
        "concurrency",
        "websockets",
        "websocket",
        "microservice",
        "microservices",
        "project",
        "projects",
        "site",
        "sites",
        "website",
        "websites",
        "company",
        "companies",
        "startup",
        "startups",
    ]
)

# Pronouns and phrases that point back at the subject of the conversation.
PRONOUNS = frozenset(
    [
        "it",
        "its",
        "it's",
        "itself",
        "this",
        "that",
        "they",
        "them",
        "their",
        "theirs",
        "those",
        "these",
        "both",
        "either",
        "each",
    ]
)


# Words that shape a question rather than name what it is about ("what does X offer"): the
# detail search of the answers and the fact evidence of understanding both leave them out.
QUESTION_FORM = (
    "what which who whom whose when where why how does do did is are was were can could "
    "has have had any some much many more most use uses used using good bad tell know "
    "about give show list framework frameworks web thing things stuff kind type "
    "really actually still true come comes need needs offer offers provide provides get "
    "got make makes made work works handle handles no support supports"
).split()


# "alternatives to django", "anything easier than zope?", "closest thing to sinatra in python":
# the named framework is where the question starts, not what it asks about.
OTHER_THAN = frozenset(
    "alternative alternatives instead besides replacement replacements equivalent "
    "equivalents counterpart counterparts lookalike".split()
)
NEAREST = frozenset("closest nearest".split())
# Words that look for a pick, leading a comparison ("something lighter", "any simpler ones").
PICK_LEADS = frozenset(
    "something anything one ones options option framework frameworks thing things".split()
)
LIKENESS = frozenset("like similar comparable closer".split())
# Words ending like a comparative that are not one.
_NOT_COMPARATIVE = frozenset(
    "other another under over ever never either neither whether after server servers user "
    "users answer order layer together rather her computer however register water".split()
)
# All of the words above: they shape the request, they are never a trait to look for.
OTHER_WORDS = OTHER_THAN | NEAREST | LIKENESS | frozenset(["other", "than", "else"])


def _comparative(word: str) -> bool:
    return len(word) >= 5 and word.endswith("er") and word not in _NOT_COMPARATIVE


def asks_for_other(toks: list[str], names: set[int] | None = None) -> bool:
    """Whether a question about one named framework asks for a different one. With `names`
    (the positions of framework names), a word such as 'instead' or 'like' counts only
    before a name: "instead of web2py", not "instead of XML config"."""

    def names_follow(i: int) -> bool:
        return names is None or any(j in names for j in range(i + 1, i + 4))

    for i, tok in enumerate(toks):
        nxt = toks[i + 1 : i + 4]
        if tok in NEAREST:
            return True
        if (tok in OTHER_THAN or (tok == "other" and nxt[:1] == ["than"])) and names_follow(i):
            return True
        if tok in PICK_LEADS:
            if any(_comparative(w) or w in ("more", "less") for w in nxt):
                return True  # "something lighter", "anything more modern"
            likeness = [i + 1 + k for k, w in enumerate(nxt) if w in LIKENESS]
            if likeness and names_follow(likeness[0]):
                return True  # "anything like flask but async"
    return False
