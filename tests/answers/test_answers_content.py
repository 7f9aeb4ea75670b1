"""Which facts the composers pick: the ones the question is really about.

Each test builds the request with the intent and entities given, so it checks the composer's
choice of facts, not intent recognition. None of these questions is in tests/data/ or intents/.
"""

from __future__ import annotations

import pytest

from bot.answers import compose
from bot.answers.common import Request
from bot.answers.model import Answer
from bot.answers.search import FactIndex, concepts, kin
from bot.engine import Engine
from bot.render.text import render_text
from bot.text.tokens import fold


def answer_as(engine: Engine, intent: str, entities: list[str], question: str) -> Answer:
    request = Request(
        knowledge=engine.knowledge,
        intent=intent,
        confidence=1.0,
        entities=entities,
        text=question,
        folded=fold(question),
        index=engine.index,
    )
    return compose(request)


def text_of(answer: Answer) -> str:
    return render_text(answer)


# -- the detail search ----------------------------------------------------------------------


def test_word_families_match_but_short_lookalikes_do_not():
    assert kin("perform", "performance")
    assert kin("minimal", "minimalistic")
    assert kin("big", "bigger")
    assert not kin("form", "format")  # too short to call a family
    assert not kin("data", "database")
    assert kin("compliant", "compliance")  # the same long start
    assert not kin("general", "generate")  # alike for too little of the word
    assert not kin("content", "context")


def test_a_words_family_is_found_in_the_vocabulary_without_a_scan():
    from bot.text.families import WordFamilies

    families = WordFamilies(["performance", "perform", "fast", "faster", "compliance", "format"])
    assert families.of("performances") == {"performance", "perform"}
    assert families.of("fast") == {"fast", "faster"}
    assert families.of("compliant") == {"compliance"}
    assert families.of("form") == frozenset()


def test_a_word_and_its_synonyms_count_once(engine):
    index: FactIndex = engine.index
    assert concepts({"rout", "url", "dispatch", "bobo"}) in (
        [{"bobo"}, {"rout", "url", "dispatch"}],
        [{"rout", "url", "dispatch"}, {"bobo"}],
    )
    one = index.score_text("Request dispatching with URL support", {"url"})
    both = index.score_text("Request dispatching with URL support", {"rout", "url", "dispatch"})
    assert both == pytest.approx(one, rel=0.3)  # not the sum of url and dispatch


# -- facet answers --------------------------------------------------------------------------


def test_strength_questions_answer_with_strengths(engine):
    answer = answer_as(
        engine, "features", ["cherrypy"], "what makes cherrypy worth it, what are its advantages"
    )
    text = text_of(answer)
    assert "strengths" in answer.headline.lower()
    assert "Android" in text and "minimalistic" in text
    assert "say nothing about" not in text
    assert "Apache server" not in text  # a feature, not one of its strengths


def test_overview_keeps_a_defining_trait(engine):
    text = text_of(answer_as(engine, "describe_framework", ["cherrypy"], "cherrypy in brief?"))
    assert "minimalistic" in text


def test_thin_drawbacks_say_what_it_leaves_out_and_what_its_kind_costs(engine):
    answer = answer_as(engine, "drawbacks", ["bobo"], "what are bobo's weak points")
    text = text_of(answer)
    assert "leaves out" in text
    assert "templating engine" in answer.facts[0]
    # its kind's disadvantages: shown or behind "More details"
    assert any("microframework" in f for f in [*answer.facts[1:], *answer.details])


def test_drawbacks_put_the_asked_topic_first_without_praise(engine):
    answer = answer_as(engine, "drawbacks", ["flask"], "flask pitfalls around extensions")
    assert "dependency management" in answer.facts[0]
    assert "Excellent extensions" not in text_of(answer)


def test_own_drawbacks_come_before_limitations(engine):
    answer = answer_as(engine, "drawbacks", ["cherrypy"], "limitations of cherrypy")
    assert "documentation" in answer.facts[0]
    assert any("templating" in f for f in answer.facts)


def test_python_version_question_finds_the_requirement(engine):
    text = text_of(answer_as(engine, "features", ["sanic"], "which python does sanic require"))
    assert "3.5" in text.split("\n")[1]  # first line after the headline


def test_category_question_about_what_it_runs_on(engine):
    answer = answer_as(engine, "built_on", ["async"], "what do async frameworks run on top of")
    assert "asyncio" in answer.text
    assert answer.headline.startswith("What asynchronous frameworks")


def test_category_of_quotes_the_documents_classification(engine):
    text = text_of(answer_as(engine, "category_of", ["rails"], "what type of framework is rails"))
    assert "full-fledged" in text


# -- comparisons and recommendations --------------------------------------------------------


def test_comparison_leads_with_the_asked_topic(engine):
    answer = answer_as(
        engine, "compare", ["flask", "bottle"], "flask vs bottle: which handles templates"
    )
    assert answer.facts[0].startswith("*On what you asked*")
    assert "template" in answer.facts[0]


def test_category_comparison_leads_with_the_asked_topic(engine):
    answer = answer_as(
        engine, "compare", ["micro", "full_stack"], "in terms of performance, micro or full-stack"
    )
    assert "performance" in answer.text.split(".")[0]


def test_recommendation_between_named_frameworks_names_a_distinguishing_related_trait(engine):
    answer = answer_as(
        engine, "recommend", ["fastapi", "flask"], "fastapi or flask for a rest api service"
    )
    points = [*answer.facts, *answer.details]  # shown, or behind "More details"
    fastapi = next(f for f in points if f.startswith("*FastAPI*"))
    flask = next(f for f in points if f.startswith("*Flask*"))
    assert "API-first" in fastapi
    assert "API-first" not in flask


def test_fit_check_does_not_match_on_the_frameworks_own_name(engine):
    text = text_of(
        answer_as(engine, "recommend", ["fastapi"], "is fastapi ready for production use")
    )
    assert "production-ready" in text


def test_fit_check_falls_back_on_what_the_sources_say_of_its_kind(engine):
    text = text_of(answer_as(engine, "recommend", ["django"], "would django suit a bigger project"))
    assert "bigger projects" in text
    assert "don't tie" not in text


def test_a_comparison_says_how_the_sources_tie_the_two(engine):
    text = engine.ask("how are grok and zope related?").text
    assert "Zope Toolkit" in text
    assert text.count("Zope Toolkit") == 1  # one note per pair, not one from each side
    # an opposite example is no tie: "microframeworks such as Flask, full-fledged ones such
    # as Django" is left out
    assert "contrasts" not in engine.ask("flask vs django").text


def test_kinds_named_together_are_each_made_plural(engine):
    assert "asynchronous frameworks and microframeworks" in engine.ask("sanic vs fastapi").text


def test_where_a_framework_came_from_half_answers_who_made_it(engine):
    tornado = engine.ask("who made tornado?")
    assert tornado.intent == "history"
    assert "don't say who created Tornado" in tornado.text and "FriendFeed" in tornado.text
    # Flask's only history fact (inspired by Sinatra) says nothing of where it came from
    assert engine.ask("who made flask?").intent == "fallback"


def test_who_is_behind_a_framework_asks_for_its_maker(engine):
    # "who's" asks who as much as "who": no maker in CherryPy's history, so no history answer
    cherrypy = engine.ask("who's behind cherrypy?")
    assert cherrypy.intent == "fallback"
    assert "don't say who created CherryPy" in cherrypy.text
    assert "Aaron Swartz" in engine.ask("who's behind web.py?").text


def test_the_author_of_a_framework_is_its_maker_not_a_source(engine):
    webpy = engine.ask("who's the author of web.py")
    assert webpy.intent == "history" and "Aaron Swartz" in webpy.text
    assert engine.ask("who's the author of sanic").intent == "fallback"  # no maker named
    assert engine.ask("who wrote the article about sanic?").intent == "sources"


def test_history_leads_with_who_started_it_and_the_asked_word_picks_no_fact(engine):
    text = engine.ask("who created web.py").text
    assert text.startswith("web.py was started by Aaron Swartz in 2006.")
    assert "young framework" not in text  # a summary fact that merely says 'created'
    assert "dates back to by" not in engine.ask("who made grok").text


@pytest.mark.parametrize(("question", "language"), [("tell me about rails", "Ruby")])
def test_a_framework_outside_python_is_introduced_with_its_language(engine, question, language):
    from bot.render.text import render_text

    assert language in render_text(engine.ask(question)).split("\n")[1]


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("which version of wsgi does flask support", "1.0"),
        ("how many connections max can tornado handle", "10k"),
        ("how many req/sec can sanic serve", "33,342"),
        # a fact that says what it requires or supports answers which version it needs
        ("which python version is needed for fastapi", "3.6"),
        ("what's the minimum python for fastapi", "3.6"),
        ("what python version does web2py need", "Python 3"),
        # 'Python 3.5' is said of Sanic's async handlers: a question about them gets it
        ("what python version do sanic's async handlers require", "3.5"),
    ],
)
def test_a_figure_the_facts_state_is_given(engine, question, figure):
    from bot.render.text import render_text

    answer = engine.ask(question)
    assert answer.intent != "fallback" and figure in render_text(answer, full=True)


@pytest.mark.parametrize(
    "question",
    ["what python version does bottle run on", "requests per second for tornado?"],
)
def test_a_figure_no_fact_states_is_declined(engine, question):
    # Bottle's facts number no Python; Tornado's only figure is about connections
    assert engine.ask(question).intent == "fallback"


def test_a_database_the_facts_dont_name_declines_unless_any_database_fits(engine):
    # Zope's only database fact is ZODB: PostgreSQL (a glossary term, whatever its spelling)
    # is a detail the sources don't give
    zope = engine.ask("is postgres an option with zope?")
    assert zope.intent == "fallback" and "postgres" in zope.text
    # Bottle takes different databases through plugins: that fact is the answer
    from bot.render.text import render_text

    bottle = engine.ask("is postgres an option with bottle?")
    assert bottle.intent == "databases" and "plugins" in render_text(bottle)


def test_a_term_named_by_an_alias_its_facts_use_by_name_is_no_decline(engine):
    # web2py's facts say internationalization; 'l10n' is the glossary's alias for it
    answer = engine.ask("does web2py handle l10n?")
    assert answer.intent != "fallback" and "say nothing" not in answer.text
