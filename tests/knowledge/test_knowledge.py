"""The shipped knowledge base: it loads, every fixed id exists, and each framework has the facets
the three source documents support (and only those), every claim kept with its own source.

The expectations below were written from the documents themselves (000 Tom Myers' article
= `myers`, 001 the Programmers Stack Exchange thread = `stackexchange`, 002 the ICTS article =
`icts`); the tests do not read the documents.
"""

from __future__ import annotations

import re

import pytest

from bot.checks.knowledge import statements, unsourced
from bot.knowledge import alias_key, load_knowledge
from bot.records import FACETS, Argument, Fact, Knowledge, Named

FRAMEWORK_IDS = (
    "django",
    "turbogears",
    "web2py",
    "zope",
    "grok",
    "flask",
    "bottle",
    "cherrypy",
    "bobo",
    "webpy",
    "tornado",
    "sanic",
    "fastapi",
    "sinatra",
    "rails",
)
CATEGORY_IDS = ("full_stack", "micro", "async")

SOURCES = {
    "myers": "000_c0e86bdf4637e713.txt",
    "stackexchange": "001_a4884c5d3ec0aa34.txt",
    "icts": "002_274eb35346042d55.txt",
}

# The category each document puts a framework in (ICTS calls asynchronous frameworks a kind of
# microframework, so async ones may also be listed as micro).
CATEGORY_OF = {
    "django": "full_stack",
    "turbogears": "full_stack",
    "web2py": "full_stack",
    "zope": "full_stack",
    "grok": "full_stack",
    "flask": "micro",
    "bottle": "micro",
    "cherrypy": "micro",
    "bobo": "micro",
    "webpy": "micro",
    "tornado": "async",
    "sanic": "async",
    "fastapi": "async",
    "sinatra": "micro",
    "rails": "full_stack",
}

# Facets the documents say something about: each must be non-empty.
REQUIRED = {
    # Myers: high-level, DRY, batteries included, routing/forms/templating/auth, high performance,
    # Pinterest/Instagram/SportUp; ICTS: ORM, MySQL/PostgreSQL/SQLite/Oracle, Spotify/Instagram;
    # Stack Exchange: Django and Rails as full-fledged frameworks.
    "django": {
        "summary",
        "features",
        "strengths",
        "databases",
        "templating",
        "users",
        "performance",
        "related",
    },
    # SQLAlchemy/Repoze/Genshi/ToscaWidgets/WebOb, Pylons server, ORM and multi-database,
    # templates, SourceForge/Bisque/ShowMeDo and Apache Allura/Kamisons; Grok resembles it.
    "turbogears": {
        "summary",
        "features",
        "built_on",
        "databases",
        "templating",
        "users",
        "related",
    },
    # Web interface, ticketing, caching, i18n, backward compatibility, no Python 3,
    # MySQL/Oracle/SQLite, PikHotel/Braga TV/Formatics/Tech Fuel and IMSA/iTel Networks.
    "web2py": {"summary", "features", "strengths", "drawbacks", "databases", "users"},
    # Application server and framework, ZODB, Zope 1 in 1999, Zope 3, Panda Express etc.
    "zope": {"summary", "features", "databases", "history", "users", "related"},
    # Zope Toolkit, grokcore.component and Martian, 2006 by Zope programmers,
    # convention over configuration, similar to TurboGears and Pylons.
    "grok": {"summary", "features", "built_on", "history", "related"},
    "flask": {
        "summary",
        "features",
        "strengths",
        "built_on",
        "databases",
        "templating",
        "history",
        "users",
        "related",
    },
    # Single file, no dependencies, key/value databases, templates, Jinja2, built for APIs,
    # low resource use, Wikitests and Total recall VR/CleverClicks.
    "bottle": {
        "summary",
        "features",
        "strengths",
        "built_on",
        "databases",
        "templating",
        "history",
        "users",
        "performance",
    },
    # Documentation could improve, Pyjamas/jQuery/Sarissa, no templating/backend access,
    # June 2002, Netflix/Urbanility/Indigo and Aktion Mensch/Juju.
    "cherrypy": {
        "summary",
        "features",
        "strengths",
        "drawbacks",
        "built_on",
        "databases",
        "templating",
        "history",
        "users",
    },
    # URL-to-object mapping, low coupling, easy configuration, no database layer or templating.
    "bobo": {"summary", "features", "strengths", "databases", "templating"},
    # Aaron Swartz 2006, Reddit and Yandex, small and fast, documentation could improve.
    "webpy": {
        "summary",
        "features",
        "strengths",
        "drawbacks",
        "history",
        "users",
        "performance",
    },
    # C10k, web templating, FriendFeed/Facebook 2009, Facebook/Quora.
    "tornado": {"summary", "features", "templating", "history", "users", "performance"},
    # uvloop, 33,342 requests/s, Oh BiBi/Joblift, FastAPI is newer.
    "sanic": {"summary", "features", "built_on", "users", "performance", "related"},
    # Type hints, OpenAPI/JSON Schema, early 2019, NodeJS/Go, Netflix/Uber, newer than Sanic.
    "fastapi": {
        "summary",
        "features",
        "strengths",
        "built_on",
        "history",
        "users",
        "performance",
        "related",
    },
    "sinatra": {"summary", "related"},
    "rails": {"summary", "related"},
}

# Facets a careful reading could fill either way (the documents say something close).
OPTIONAL = {
    "django": set(),
    "turbogears": {"strengths"},
    "web2py": {"built_on", "performance"},
    "zope": {"built_on"},
    "grok": {"strengths"},
    "flask": {"drawbacks"},
    "bottle": set(),
    "cherrypy": {"performance"},
    "bobo": {"built_on"},
    "webpy": set(),
    "tornado": {"built_on", "strengths", "related"},
    "sanic": {"history", "strengths"},
    "fastapi": set(),
    "sinatra": {"history"},
    "rails": set(),
}

# Users with the document(s) that name them: disagreements stay with their own source.
USERS = {
    "django": {
        "Pinterest": {"myers"},
        "Instagram": {"myers", "icts"},
        "SportUp": {"myers"},
        "Spotify": {"icts"},
    },
    "turbogears": {
        "SourceForge": {"myers"},
        "Bisque": {"myers"},
        "ShowMeDo": {"myers"},
        "Apache Allura": {"icts"},
        "Kamisons": {"icts"},
    },
    "web2py": {
        "PikHotel": {"myers"},
        "Braga TV": {"myers"},
        "Formatics": {"myers"},
        "Tech Fuel": {"myers"},
        "IMSA": {"icts"},
        "iTel Networks": {"icts"},
    },
    "zope": {"Panda Express": {"myers"}, "The Drug Company": {"myers"}, "Technologijos": {"myers"}},
    "flask": {
        "Papyrus Research": {"myers"},
        "Punchfork": {"myers"},
        "Nuxeo": {"myers"},
        "Lyft": {"icts"},
        "Netflix": {"icts"},
    },
    "bottle": {"Wikitests": {"myers"}, "Total recall VR": {"icts"}, "CleverClicks": {"icts"}},
    "cherrypy": {
        "Netflix": {"myers"},
        "Urbanility": {"myers"},
        "Indigo": {"myers"},
        "Aktion Mensch": {"icts"},
        "Juju": {"icts"},
    },
    "webpy": {"Reddit": {"myers"}, "Yandex": {"myers"}},
    "tornado": {"Facebook": {"icts"}, "Quora": {"icts"}},
    "sanic": {"Oh BiBi": {"icts"}, "Joblift": {"icts"}},
    "fastapi": {"Netflix": {"icts"}, "Uber": {"icts"}},
}

# Statements the documents make, as words that must appear in a facet's text.
MENTIONS = [
    ("django", "databases", ["MySQL", "PostgreSQL", "SQLite", "Oracle"]),
    ("django", "features", ["batteries included"]),
    ("turbogears", "built_on", ["SQLAlchemy", "Genshi", "Repoze", "WebOb"]),
    ("web2py", "databases", ["MySQL", "Oracle", "SQLite"]),
    ("web2py", "drawbacks", ["Python 3"]),
    ("zope", "databases", ["ZODB"]),
    ("zope", "history", ["Zope 1", "1999"]),
    ("grok", "built_on", ["Zope Toolkit", "grokcore.component", "Martian"]),
    ("flask", "built_on", ["Werkzeug", "Jinja2"]),
    ("flask", "templating", ["Jinja2"]),
    ("flask", "history", ["Sinatra"]),
    ("bottle", "built_on", ["standard library"]),
    ("bottle", "templating", ["Jinja2"]),
    ("cherrypy", "built_on", ["Pyjamas", "jQuery", "Sarissa"]),
    ("cherrypy", "drawbacks", ["documentation"]),
    ("cherrypy", "history", ["2002"]),
    ("webpy", "history", ["Aaron Swartz", "2006", "Reddit"]),
    ("tornado", "history", ["FriendFeed", "Facebook", "2009"]),
    ("tornado", "performance", ["C10k"]),
    ("sanic", "built_on", ["uvloop"]),
    ("sanic", "performance", ["33,342"]),
    ("fastapi", "history", ["2019"]),
    ("fastapi", "performance", ["NodeJS", "Go"]),
    ("fastapi", "built_on", ["OpenAPI", "JSON Schema", "type hints"]),
]

# Dated facts: (framework, year, creator or None).
DATED = [
    ("webpy", 2006, "Aaron Swartz"),
    ("zope", 1999, None),
    ("grok", 2006, None),
    ("cherrypy", 2002, None),
    ("fastapi", 2019, None),
]

# Terms the documents use or explain; each must resolve by name or alias.
TERMS = [
    "WSGI",
    "ORM",
    "MVC",
    "DRY",
    "asyncio",
    "C10k",
    "non-blocking I/O",
    "templating engine",
    "Jinja2",
    "Werkzeug",
    "Genshi",
    "SQLAlchemy",
    "OpenAPI",
    "JSON Schema",
    "REST",
    "GraphQL",
    "ZODB",
    "uvloop",
    "Ajax",
]

# Tags a document supports for a framework.
TAGS = [
    ("django", "batteries_included"),
    ("django", "orm_builtin"),
    ("bottle", "single_file"),
    ("bottle", "minimal_dependencies"),
    ("bottle", "built_in_server"),
    ("flask", "built_in_server"),
    ("tornado", "async"),
    ("sanic", "async"),
    ("fastapi", "async"),
    ("fastapi", "openapi"),
    ("fastapi", "websockets"),
    ("fastapi", "api_first"),
    ("web2py", "admin_ui"),
]


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


def facet_text(kb: Knowledge, fw_id: str, facet: str) -> str:
    items = getattr(kb.frameworks[fw_id], facet)
    return " ".join(getattr(i, "text", None) or getattr(i, "name", None) or i.id for i in items)


def test_expectation_tables_cover_every_framework():
    for table in (CATEGORY_OF, REQUIRED, OPTIONAL):
        assert set(table) == set(FRAMEWORK_IDS)
    for fw_id in FRAMEWORK_IDS:
        assert REQUIRED[fw_id] <= set(FACETS)
        assert not REQUIRED[fw_id] & OPTIONAL[fw_id]


def test_shipped_knowledge_loads(kb):
    assert set(kb.frameworks) >= set(FRAMEWORK_IDS)
    assert set(kb.categories) >= set(CATEGORY_IDS)
    assert kb.terms and kb.tags and kb.tradeoffs


def test_sources_are_the_three_documents(kb):
    assert {sid: s.file for sid, s in kb.sources.items()} == SOURCES
    assert kb.sources["myers"].author == "Tom Myers"
    assert kb.sources["stackexchange"].kind == "qa_thread"


@pytest.mark.parametrize("fw_id", FRAMEWORK_IDS)
def test_framework_category_and_language(kb, fw_id):
    fw = kb.frameworks[fw_id]
    assert CATEGORY_OF[fw_id] in fw.category_ids
    assert fw.language == ("ruby" if fw_id in ("sinatra", "rails") else "python")
    assert fw in kb.members(CATEGORY_OF[fw_id])


@pytest.mark.parametrize("fw_id", FRAMEWORK_IDS)
def test_framework_has_the_facets_the_documents_support(kb, fw_id):
    filled = set(kb.frameworks[fw_id].filled_facets())
    missing = REQUIRED[fw_id] - filled
    assert not missing, f"{fw_id}: the documents support {sorted(missing)} but it is empty"


@pytest.mark.parametrize("fw_id", FRAMEWORK_IDS)
def test_framework_fills_no_facet_the_documents_leave_out(kb, fw_id):
    filled = set(kb.frameworks[fw_id].filled_facets())
    extra = filled - REQUIRED[fw_id] - OPTIONAL[fw_id]
    assert not extra, f"{fw_id}: {sorted(extra)} filled, but the documents say nothing there"


@pytest.mark.parametrize("fw_id", sorted(USERS))
def test_users_are_kept_with_their_own_source(kb, fw_id):
    users = {u.name.casefold(): set(u.sources) for u in kb.frameworks[fw_id].users}
    for name, sources in USERS[fw_id].items():
        assert name.casefold() in users, f"{fw_id}: user {name} missing"
        assert users[name.casefold()] == sources, f"{fw_id}: {name} cited to {sources}"


def test_flask_users_disagree_by_source(kb):
    by_source: dict[str, set[str]] = {}
    for user in kb.frameworks["flask"].users:
        for source in user.sources:
            by_source.setdefault(source, set()).add(user.name)
    assert by_source["myers"] >= {"Papyrus Research", "Punchfork", "Nuxeo"}
    assert by_source["icts"] >= {"Lyft", "Netflix"}
    assert not by_source["myers"] & {"Lyft", "Netflix"}
    assert not by_source["icts"] & {"Papyrus Research", "Punchfork", "Nuxeo"}


def test_bottle_templating_keeps_both_accounts(kb):
    cited = {s for fact in kb.frameworks["bottle"].templating for s in fact.sources}
    assert {"myers", "icts"} <= cited


@pytest.mark.parametrize(("fw_id", "facet", "words"), MENTIONS)
def test_facet_states_what_the_documents_say(kb, fw_id, facet, words):
    text = facet_text(kb, fw_id, facet).casefold()
    missing = [w for w in words if w.casefold() not in text]
    assert not missing, f"{fw_id}.{facet} does not mention {missing}"


@pytest.mark.parametrize(("fw_id", "year", "by"), DATED)
def test_history_has_the_dated_fact(kb, fw_id, year, by):
    facts = [f for f in kb.frameworks[fw_id].history if f.year == year]
    assert facts, f"{fw_id}: no history fact with year {year}"
    if by:
        assert any(f.by == by for f in facts), f"{fw_id}: {year} fact not attributed to {by}"


def test_webpy_is_aaron_swartz_2006_used_by_reddit_and_yandex(kb):
    webpy = kb.frameworks["webpy"]
    assert webpy.name == "web.py"
    assert any(f.by == "Aaron Swartz" and f.year == 2006 for f in webpy.history)
    assert {"Reddit", "Yandex"} <= {u.name for u in webpy.users}


def test_sanic_performance_mentions_the_benchmark(kb):
    assert "33,342" in facet_text(kb, "sanic", "performance")


@pytest.mark.parametrize("category", CATEGORY_IDS)
def test_category_facets(kb, category):
    cat = kb.categories[category]
    for facet in ("definition", "traits", "advantages", "disadvantages", "when_to_choose"):
        assert getattr(cat, facet), f"{category}.{facet} is empty"
    assert kb.members(category)


@pytest.mark.parametrize("term", TERMS)
def test_glossary_term_resolves(kb, term):
    keys = {alias_key(name): t.id for t in kb.terms.values() for name in (t.name, *t.aliases)}
    assert alias_key(term) in keys, f"glossary has no entry named or aliased {term!r}"
    entry = kb.terms[keys[alias_key(term)]]
    assert entry.definition or entry.plain


@pytest.mark.parametrize(("fw_id", "tag"), TAGS)
def test_supported_tags_are_set(kb, fw_id, tag):
    assert tag in kb.tags
    assert tag in kb.frameworks[fw_id].tag_ids


def test_tradeoffs_keep_the_qa_debate(kb):
    args = {a.id: a for a in kb.tradeoffs}
    thread = [a for a in kb.tradeoffs if "stackexchange" in a.sources]
    creep = [
        a for a in thread if "micro" in a.about and re.search(r"complex", a.text, re.IGNORECASE)
    ]
    assert creep, "the accepted answer's view (microframeworks accumulate complexity) is missing"
    replies = [a for a in thread if a.replies_to and a.replies_to in args]
    assert any(re.search(r"extension", a.text, re.IGNORECASE) for a in replies), (
        "the counter-view about extensions is missing"
    )
    assert {a.favours for a in thread} >= {"micro", "full_stack"}


def test_every_fact_has_a_known_source(kb):
    count = 0
    for label, item in statements(kb):
        assert isinstance(item, Fact | Named | Argument)
        assert item.sources, f"{label} has no sources"
        assert set(item.sources) <= set(kb.sources), label
        count += 1
    assert count > 100
    # Every statement the knowledge model itself enumerates is among them.
    assert sum(1 for _ in kb.iter_facts()) <= count


def test_zero_unsourced_facts(kb):
    assert unsourced(kb) == []


def test_terms_without_definition_name_their_sources(kb):
    for term in kb.terms.values():
        if not term.definition:
            assert term.plain and term.named_in, term.id
            assert set(term.named_in) <= set(kb.sources), term.id
