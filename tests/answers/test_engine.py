"""What a person asking the engine notices: the right facet, honest gaps, context, typos."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.render.text import render_text


def say(engine: Engine, text: str, thread: str | None = None) -> tuple[str, str, list[str]]:
    answer = engine.ask(text, thread)
    return answer.intent, render_text(answer), answer.entities


def test_facet_asked_not_whole_entry(engine):
    intent, text, entities = say(engine, "who created web.py?")
    assert intent == "history"
    assert entities == ["webpy"]
    assert "Aaron Swartz" in text and "2006" in text
    assert "Yandex" not in text  # users are another facet


def test_overview_is_short_and_sourced(engine):
    answer = engine.ask("what is django?")
    assert answer.intent == "describe_framework"
    sentences = [s for s in answer.text.split(".") if s.strip()]
    assert 2 <= len(sentences) <= 8
    assert answer.sources, "every answer lists its sources"
    assert "Source" in answer.text


@pytest.mark.parametrize(
    ("typed", "entity"),
    [
        ("flsk", "flask"),
        ("djnago", "django"),
        ("fast api", "fastapi"),
        ("cherry py", "cherrypy"),
        ("web2pi", "web2py"),
        ("turbo gears", "turbogears"),
        ("webpy", "webpy"),
        ("tornadoo", "tornado"),
        ("web.py", "webpy"),
    ],
)
def test_typos_and_aliases_resolve(engine, typed, entity):
    answer = engine.ask(f"what is {typed}?")
    assert entity in answer.entities


def test_fuzzy_match_says_what_it_assumed(engine):
    answer = engine.ask("who uses fastpi")
    assert answer.entities == ["fastapi"]
    assert "Taking “fastpi” as FastAPI" in render_text(answer)


def test_exact_names_make_no_assumption(engine):
    assert engine.ask("who uses fastapi").assumptions == []


@pytest.mark.parametrize(
    "text",
    [
        "I'd love a flask of coffee",
        "where is my bottle of water",
        "I grok it now",
        "tornado warning in kansas tonight",
    ],
)
def test_everyday_words_are_not_frameworks(engine, text):
    answer = engine.ask(text)
    assert answer.intent == "fallback"
    assert not set(answer.entities) & {"flask", "bottle", "grok", "tornado"}


def test_same_words_as_frameworks_still_work(engine):
    assert engine.ask("is bottle a good python framework for small apps").entities[:1] == ["bottle"]
    assert "tornado" in engine.ask("tornado vs sanic performance").entities


def test_several_entities(engine):
    assert engine.ask("compare tornado, sanic and fastapi").entities == [
        "tornado",
        "sanic",
        "fastapi",
    ]
    answer = engine.ask("full stack vs micro")
    assert answer.intent == "compare"
    assert set(answer.entities) == {"full_stack", "micro"}


def test_follow_ups_keep_thread_context(engine):
    thread = "t-follow"
    engine.reset(thread)
    assert say(engine, "tell me about bottle", thread)[0] == "describe_framework"
    intent, text, entities = say(engine, "who uses it?", thread)
    assert (intent, entities) == ("who_uses", ["bottle"])
    assert "Wikitests" in text
    intent, text, entities = say(engine, "and django?", thread)
    assert (intent, entities) == ("who_uses", ["django"])
    assert "Instagram" in text
    intent, _, entities = say(engine, "what about its drawbacks?", thread)
    assert (intent, entities) == ("drawbacks", ["django"])


def test_compare_them_and_which_is_faster(engine):
    thread = "t-compare"
    engine.reset(thread)
    engine.ask("tell me about sanic and fastapi", thread)
    answer = engine.ask("compare them", thread)
    assert answer.intent == "compare" and answer.entities == ["sanic", "fastapi"]
    answer = engine.ask("which one is faster?", thread)
    assert answer.intent == "performance"
    assert set(answer.entities) == {"sanic", "fastapi"}
    assert "33,342" in render_text(answer)


def test_threads_do_not_share_context(engine):
    engine.ask("tell me about flask", "t-a")
    answer = engine.ask("who uses it?", "t-b")
    assert answer.intent == "fallback" or "flask" not in answer.entities


def test_context_expires_after_idle_time():
    clock = [0.0]
    from bot.state.memory import MemoryStore

    engine = Engine.load(store=MemoryStore(clock=lambda: clock[0]), context_ttl=60)
    engine.ask("tell me about bobo", "t")
    clock[0] = 30
    assert engine.ask("who created it?", "t").entities == ["bobo"]
    clock[0] = 200
    assert "bobo" not in engine.ask("who created it?", "t").entities


def test_disagreeing_sources_are_both_named(engine):
    text = render_text(engine.ask("who uses flask?"))
    for name in ("Papyrus Research", "Punchfork", "Nuxeo", "Lyft", "Netflix"):
        assert name in text
    assert "According to Tom Myers" in text and "According to the ICTS" in text
    assert "(the documents differ):" in text and ": The documents" not in text


def test_unknown_gets_honest_fallback_with_suggestions(engine):
    answer = engine.ask("how do I set up CSRF in Django 5")
    assert answer.intent == "fallback"
    assert "don't know" in answer.text
    assert 1 <= len(answer.suggestions) <= 3
    answer = engine.ask("pyramid vs flask")
    assert answer.intent == "fallback"
    assert "pyramid" in answer.text.lower()


def test_empty_facet_is_not_invented(engine):
    answer = engine.ask("who created django?")
    assert answer.intent == "fallback"
    assert "don't" in render_text(answer)


def test_recommend_explains_why(engine):
    answer = engine.ask("which framework should I use for an API with automatic OpenAPI docs?")
    assert answer.intent == "recommend"
    text = render_text(answer)
    assert "FastAPI" in answer.headline
    assert "OpenAPI" in text


def test_define_term_names_related_frameworks(engine):
    answer = engine.ask("what is WSGI?")
    assert answer.intent == "define_term"
    assert "wsgi" in answer.terms and answer.entities == []
    assert "Flask" in render_text(answer)


def test_list_groups_by_category(engine):
    answer = engine.ask("which frameworks do you know?")
    assert answer.intent == "list_frameworks"
    text = render_text(answer)
    assert "Full-stack frameworks" in text and "Microframeworks" in text
    assert "Django" in text and "Flask" in text and "FastAPI" in text


def test_small_talk(engine):
    assert engine.ask("hi there").intent == "greet"
    assert engine.ask("thanks!").intent == "thanks"
    help_answer = engine.ask("what can you do?")
    assert help_answer.intent == "help" and help_answer.facts


def test_guided_flow_steps_to_a_recommendation(engine):
    first = engine.choose("")
    assert first.intent == "recommend" and len(first.choices) == 2
    answer = engine.choose("0,1,0,0")  # small, own parts, no concurrency, API-first
    assert answer.intent == "recommend"
    assert answer.subjects, "recommends at least one framework"
    assert answer.headline.startswith("My pick")


def test_guided_flow_ignores_forged_values(engine):
    assert engine.choose("9,9").headline.startswith("Help me choose")


def test_did_you_mean_on_close_intents(engine):
    answer = engine.ask("flask")
    assert answer.intent == "describe_framework"  # a bare name is an overview, not a question


@pytest.mark.parametrize(
    "text",
    [
        "how do I add CORS to flask",
        "best way to structure a large flask app",
        "write me a flask app",
        "what's the latest django version",
        "how do I use sqlalchemy 2.0 sessions",
        "is bottle still maintained in 2024",
    ],
)
def test_instructions_versions_and_news_are_out_of_scope(engine, text):
    assert engine.ask(text).intent == "fallback"


def test_choosing_is_not_a_how_to(engine):
    assert engine.ask("how do I choose between flask and django").intent in (
        "compare",
        "recommend",
    )


def test_fit_check_for_one_framework(engine):
    answer = engine.ask("is bottle good for prototyping?")
    assert answer.intent == "recommend" and answer.entities == ["bottle"]
    assert "prototyping" in render_text(answer)


def test_oldest_lists_dates_without_inventing(engine):
    answer = engine.ask("which framework is the oldest?")
    assert answer.intent == "history"
    text = render_text(answer)
    assert "1999" in text and "Zope" in text
    assert text.index("1999") < text.index("2002")


def test_plural_follow_up_uses_the_recent_subjects(engine):
    thread = "t-recent"
    engine.reset(thread)
    engine.ask("tell me about tornado", thread)
    engine.ask("and sanic?", thread)
    answer = engine.ask("compare them", thread)
    assert answer.intent == "compare" and set(answer.entities) == {"tornado", "sanic"}


def test_singular_follow_up_after_a_ranked_list_means_the_first(engine):
    thread = "t-first"
    engine.reset(thread)
    first = engine.ask("which framework has automatic api docs?", thread)
    answer = engine.ask("who uses it?", thread)
    assert answer.entities == first.subjects[:1]


def test_chat_shorthand_reads_as_words(engine):
    assert engine.ask("wtf is an ORM").intent == "define_term"
    assert engine.ask("flask deps?").intent == "built_on"


def test_reverse_user_lookup(engine):
    answer = engine.ask("which framework did reddit use?")
    assert answer.intent == "who_uses"
    assert "web.py" in render_text(answer)
    assert answer.entities == [] and answer.subjects == ["webpy"]


def test_a_failing_composer_gets_a_polite_answer_and_a_log_line(monkeypatch, caplog):
    import bot.answers as answers

    engine = Engine.load()

    def broken(request):
        raise KeyError("api")

    monkeypatch.setitem(answers.COMPOSERS, "who_uses", broken)
    with caplog.at_level("ERROR", logger="bot.engine"):
        answer = engine.ask("who uses flask?", "broken")
    assert answer.intent == "fallback"
    assert "went wrong" in answer.text
    assert "composing the answer failed" in caplog.text
    # the conversation goes on
    assert engine.ask("what is bottle?", "broken").intent == "describe_framework"


def test_a_glossary_term_beside_two_kinds_is_no_side_of_the_comparison(engine):
    answer = engine.ask("full stack vs micro for an api")
    assert answer.intent in ("compare", "recommend")
    assert "api" not in answer.entities


def test_where_to_read_more_is_about_the_sources(engine):
    answer = engine.ask("where can i read more about flask")
    assert answer.intent == "sources"
    assert "Flask" in render_text(answer) and "databases" not in answer.headline


def test_fw_is_shorthand_for_framework(engine):
    answer = engine.ask("fw for a hackathon?")
    assert answer.intent == "recommend"
    assert not answer.is_fallback


@pytest.mark.parametrize(
    "question, intent",
    [
        ("grok is full stack i guess", "category_of"),
        ("anybody knows if bobo is micro", "category_of"),
        ("im curious whether zope is full stack", "category_of"),
        ("i was wondering which companies run tornado", "who_uses"),
    ],
)
def test_an_indirect_question_reads_as_the_question_it_wraps(engine, question, intent):
    assert engine.ask(question).intent == intent


def test_a_wrapper_around_an_unknown_topic_still_declines(engine):
    assert engine.ask("does anyone know if my cat likes boxes").is_fallback
    assert engine.ask("i wonder what the weather is in oslo").is_fallback


def test_chat_shorthand_and_slang_are_no_unknown_topic(engine):
    answer = engine.ask("cherrypy rly has its own web server?")
    assert answer.intent == "features" and "web server" in render_text(answer)
    assert engine.ask("does web2py give you an admin ui").intent in ("features", "databases")
    assert not engine.ask("is bottle legit for noobs").is_fallback


def test_what_makes_it_special_asks_for_its_strengths(engine):
    answer = engine.ask("what makes sanic special")
    assert answer.intent == "features"
    assert "Who uses" not in answer.headline


def test_worth_it_for_a_need_is_a_fit_check(engine):
    answer = engine.ask("is cherrypy worth it for a tiny internal tool?")
    assert answer.intent == "recommend"
    assert answer.headline == "Is CherryPy a good fit?"


def test_a_stretched_hi_is_a_greeting(engine):
    # a newcomer's first message in onboarding
    assert engine.ask("hiii 👋 im new here").intent == "greet"
