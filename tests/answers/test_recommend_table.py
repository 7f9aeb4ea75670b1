"""The recommender against the documents: every path of the guided flow and a table of typed
picks and fit checks, each expected answer written from what the three documents argue.

Expected picks were worked out from the seed documents (not from the bot's output):
- size: full-stack frameworks are mostly used for bigger, full-featured projects (ICTS);
  microframeworks suit small applications (Myers) and small programs don't need a full-stack
  environment (Myers); Bottle is "intended for small applications" (Myers).
- batteries vs own parts: full-stack frameworks come pre-packaged (ORM, templates, routing; ICTS,
  Myers); microframeworks leave the developer to pick the libraries (ICTS, Stack Exchange).
- concurrency: asynchronous frameworks allow a very large number of concurrent connections
  (ICTS); Tornado is ideal for thousands of concurrent users and real-time services (ICTS);
  FastAPI handles websockets (ICTS).
- API-first: FastAPI excels at REST APIs with OpenAPI docs (ICTS); Bottle was first built for
  APIs (ICTS); microframeworks suit API development (ICTS).
"""

from __future__ import annotations

import itertools
import re

import pytest

FULL_STACK = {"django", "turbogears", "web2py"}
ASYNC = {"tornado", "fastapi", "sanic"}
SMALL_MICRO = {"bottle", "flask", "webpy", "bobo", "cherrypy"}

SIZE = ("small", "large")
PARTS = ("batteries", "own")
CONCURRENCY = ("realtime", "ordinary")
API = ("api", "pages")

# (size, parts, concurrency, api) -> the picks the documents support for that path.
FLOW_EXPECTED: dict[tuple[str, str, str, str], set[str]] = {
    # batteries + real-time: only the async frameworks hold many connections; FastAPI brings
    # auth, validation and docs for an API, Tornado auth and templates for pages
    ("small", "batteries", "realtime", "api"): {"fastapi", "tornado"},
    ("small", "batteries", "realtime", "pages"): {"tornado"},
    # small + batteries: a conflict; batteries asked for outright, FastAPI ships auth,
    # validation and docs for an API
    ("small", "batteries", "ordinary", "api"): {"fastapi", "django"},
    ("small", "batteries", "ordinary", "pages"): FULL_STACK,
    ("small", "own", "realtime", "api"): ASYNC,
    ("small", "own", "realtime", "pages"): {"tornado", "sanic"},
    ("small", "own", "ordinary", "api"): SMALL_MICRO,
    ("small", "own", "ordinary", "pages"): SMALL_MICRO,
    ("large", "batteries", "realtime", "api"): {"fastapi", "tornado"},
    ("large", "batteries", "realtime", "pages"): {"tornado"},
    ("large", "batteries", "ordinary", "api"): FULL_STACK,
    ("large", "batteries", "ordinary", "pages"): FULL_STACK,
    ("large", "own", "realtime", "api"): ASYNC,
    ("large", "own", "realtime", "pages"): {"tornado", "sanic"},
    # large + own parts: a microframework that grows by extensions (Flask) or has built-in
    # tools (CherryPy); never Bottle, which Myers calls a framework for small applications
    ("large", "own", "ordinary", "api"): {"flask", "cherrypy"},
    ("large", "own", "ordinary", "pages"): {"flask", "cherrypy"},
}

# Words the opening sentence must not use for a path (they contradict an answer given).
CONTRADICTS = {
    "small": ["large application", "big project"],
    "large": ["small application"],
    "batteries": ["minimal core", "pick your own", "minimal dependencies"],
    "own": ["batteries included", "built-in ORM"],
    "ordinary": [],
    "realtime": [],
    "api": ["built-in templating"],
    "pages": [],
}

PATHS = list(itertools.product(range(2), repeat=4))


def _path(picks: tuple[int, ...]) -> tuple[str, str, str, str]:
    return (SIZE[picks[0]], PARTS[picks[1]], CONCURRENCY[picks[2]], API[picks[3]])


def opening(text: str) -> str:
    """The answer's first sentence."""
    first = text.strip().split("\n", 1)[0]
    return re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]


@pytest.mark.parametrize("picks", PATHS, ids=lambda p: "-".join(_path(p)))
def test_every_flow_path_picks_what_the_documents_support(engine, picks):
    path = _path(picks)
    answer = engine.choose(",".join(map(str, picks)))
    pick = answer.subjects[0]
    assert pick in FLOW_EXPECTED[path], (path, pick, answer.text)
    if path[0] == "large":
        assert pick != "bottle"
    first = opening(answer.text)
    name = engine.knowledge.frameworks[pick].name
    assert name in first, first
    for answer_given in path:
        for word in CONTRADICTS[answer_given]:
            assert word.lower() not in first.lower(), (path, word, first)
    assert first.count(",") <= 4, first  # the pick and a few reasons, not a list of 11 tags
    assert "_Source" in answer.text


# Typed questions, in this file's own words. `pick` is the set of acceptable first picks.
FREE_TEXT_PICKS = [
    # Myers: Django has database administration and is batteries included; admin + big
    ("for a large product with an admin panel, django or fastapi?", {"django"}),
    (
        "big codebase and a big team, we'd like everything built in: what do you suggest?",
        FULL_STACK,
    ),
    ("which framework gives us an ORM and templates out of the box for a large site?", FULL_STACK),
    # ICTS: Tornado for several thousand concurrent users and real-time services
    ("what should we build a chat server for 20k simultaneous users on?", {"tornado"}),
    # ICTS: Bottle was first developed for APIs and fits prototyping; micro for small apps
    ("i want something light for a quick prototype of a json endpoint", {"bottle"}),
    # Myers: single file, no dependencies other than the standard library
    ("nothing but the standard library and ideally one file, for a hobby gadget", {"bottle"}),
    # ICTS: FastAPI's automatic OpenAPI documentation
    ("our REST backend needs swagger docs generated for us, which framework?", {"fastapi"}),
    # ICTS: FastAPI is designed to be easy to use and learn
    ("flask or fastapi, which one should a newcomer learn first?", {"fastapi"}),
]


@pytest.mark.parametrize(("question", "expected"), FREE_TEXT_PICKS)
def test_typed_picks_follow_the_documents(engine, question, expected):
    answer = engine.ask(question)
    assert answer.intent == "recommend"
    assert answer.subjects and answer.subjects[0] in expected, (question, answer.text)
    first = opening(answer.text)
    assert engine.knowledge.frameworks[answer.subjects[0]].name in first, first
    assert "Trade-offs:" not in first


# Fit checks: (question, verdict the documents give, words the reason must contain).
FIT_CHECKS = [
    # Myers: small programs don't need the infrastructure of a full-stack environment
    ("would django be too much for a tiny personal to-do list?", "yes", ["Myers"]),
    # Myers: Bottle is intended for small applications
    ("can bottle cope with a huge enterprise application?", "no", ["small"]),
    ("is bottle fine for a little side project?", "yes", ["small"]),
    # ICTS: Tornado for real-time services
    ("is tornado a good fit for live notifications?", "yes", ["real-time"]),
    # ICTS: web2py needs no installation or configuration
    ("is web2py a good fit if I can't install anything on the server?", "yes", ["install"]),
    # nothing in the documents ties Flask to websockets
    ("is flask good for websockets?", "unknown", ["FastAPI"]),
    # ICTS: full-stack frameworks for bigger projects; Django is full-stack
    ("is django suitable for a large application?", "yes", ["bigger"]),
    # overkill with no size named: Myers' size argument, said as such
    ("is django overkill?", "yes", ["small app", "Myers"]),
    # overkill for a big platform: if anything the opposite (micro suits small apps, Myers)
    ("is flask overkill for a huge platform?", "no", ["small applications"]),
    # Myers' argument about microframeworks is not about FastAPI (an async framework) itself
    ("is fastapi good for a big project?", "unknown", ["Django"]),
]

VERDICT = {"yes": "Yes", "no": "No", "unknown": "The documents don't say"}


@pytest.mark.parametrize(("question", "verdict", "words"), FIT_CHECKS)
def test_fit_checks_say_yes_no_or_dont_say(engine, question, verdict, words):
    answer = engine.ask(question)
    assert answer.intent == "recommend"
    assert answer.text.startswith(VERDICT[verdict]), (question, answer.text)
    for other in set(VERDICT.values()) - {VERDICT[verdict]}:
        assert not answer.text.startswith(other + ",") and not answer.text.startswith(other + ":")
    for word in words:
        assert word.lower() in answer.text.lower(), (question, word, answer.text)
    assert "_Source" in answer.text


@pytest.mark.parametrize(
    "typed",
    ["help me choose", "can you help me pick a framework?", "Help me choose a framework"],
)
def test_typing_help_me_choose_starts_the_flow(engine, typed):
    answer = engine.ask(typed)
    assert answer.intent == "recommend"
    assert "Question 1 of 4" in answer.headline
    assert [c.action for c in answer.choices] == ["choose", "choose"]


def test_help_me_choose_with_a_need_named_gets_the_pick(engine):
    answer = engine.ask("help me pick a framework for a tiny prototype api")
    assert answer.intent == "recommend" and answer.headline == "My pick: Bottle", answer.text


def test_a_dm_subject_does_not_capture_a_general_pick(engine):
    conversation = "test:dm-subject"
    engine.reset(conversation)
    assert "web.py" in engine.ask("who created web.py", conversation).text
    answer = engine.ask("which framework should I use?", conversation)
    assert "web.py a good fit" not in answer.headline
    assert "Question 1 of 4" in answer.headline
    # ... while a pick about the subject still follows it
    follow = engine.ask("is it good for a small app?", conversation)
    assert follow.subjects[:1] == ["webpy"], follow.text
