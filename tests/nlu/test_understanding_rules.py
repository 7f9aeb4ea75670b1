"""Understanding beyond the examples: where the asked-about fact lives, casual words, chatty
messages, topics the sources never cover, and picks explained by one framework's facts.

The questions here are not in intents/ nor in tests/data/: they check the mechanisms, not the
phrasings the matcher was tuned on."""

from __future__ import annotations

import io
import shutil

import pytest
from paths import ROOT

from bot.checks import run_check
from bot.engine import Engine
from bot.nlu.intent_data import load_intents
from bot.nlu.synonyms import Synonyms
from bot.render.text import render_text


def ask(engine: Engine, text: str, thread: str | None = None) -> tuple[str, str, list[str]]:
    answer = engine.ask(text, thread)
    return answer.intent, render_text(answer), answer.entities


# -- the facet that holds the fact ------------------------------------------------------------


def test_yes_no_question_goes_to_the_facet_holding_the_fact(engine):
    intent, text, entities = ask(engine, "can flask be hosted on google app engine")
    assert intent == "features"
    assert "Google App Engine" in text
    assert entities == ["flask"]


def test_python_3_question_finds_the_python_3_fact(engine):
    intent, text, _ = ask(engine, "is web2py ok with python 3")
    assert intent in ("features", "drawbacks")
    assert "Python 3" in text


def test_the_intents_own_cue_word_is_not_read_as_the_object(engine):
    # "built" also appears in FastAPI's summary; the question still asks what it's built on
    engine.reset("cue")
    engine.ask("tell me about fastapi", "cue")
    intent, _, entities = ask(engine, "and what's it built on?", "cue")
    assert intent == "built_on"
    assert entities == ["fastapi"]


# -- casual words (intents/synonyms.yaml) -------------------------------------------------------


def test_casual_words_read_as_the_words_examples_use(engine):
    assert ask(engine, "how zippy is bottle")[0] == "performance"
    assert ask(engine, "what are the warts of cherrypy")[0] == "drawbacks"
    intent, _, entities = ask(engine, "tl;dr of sanic please")
    assert (intent, entities) == ("describe_framework", ["sanic"])
    assert ask(engine, "can sanic handle lots of simultaneous users")[0] == "performance"
    assert ask(engine, "how does flask deal with databases")[0] == "databases"


def test_plays_nice_with_asks_whether_it_works_with(engine):
    # "plays nicely with" is chat for "works with": answered from web2py's Python 3 fact
    for question in (
        "quick q, does web2py play nicely with python 3 these days",
        "will web2py play well with python 3",
    ):
        answer = engine.ask(question)
        assert not answer.is_fallback, question
        assert "Python 3" in render_text(answer)


def test_glued_together_and_stdlib_read_as_the_facts_words(engine):
    # "cobbled together" is what a fact calls "puts together"; "stdlib" is the standard library
    answer = engine.ask(
        "a colleague claims turbogears is basically other projects cobbled together, fair?"
    )
    assert not answer.is_fallback
    assert "SQLAlchemy" in render_text(answer)
    answer = engine.ask("we may only use the stdlib, no outside packages. which framework then?")
    assert not answer.is_fallback
    assert "Bottle" in render_text(answer)


def test_examples_are_read_through_the_same_synonyms(engine):
    # "catch" is a synonym of "downsides"; the training example that says "catch" must still
    # be recognised as the example it is, not as a looser paraphrase of it
    parse = engine.understanding.parse("whats the catch with fastapi")
    assert parse.intent == "drawbacks"
    assert parse.ranking is not None and parse.ranking.best.fuzzy >= 0.95


def test_synonyms_are_whole_words_only():
    table = Synonyms({"vibe": "overview", "bare bones": "minimal"})
    assert table.apply("grok vibe check") == "grok overview check"
    assert table.apply("vibes vibed") == "vibes vibed"
    assert table.apply("a bare bones app") == "a minimal app"


def test_synonym_entries_load_from_rasa_style_yaml(tmp_path):
    intents = tmp_path / "intents"
    shutil.copytree(ROOT / "intents", intents)
    (intents / "extra.yaml").write_text(
        'version: "3.1"\nnlu:\n  - synonym: performance\n    examples: |\n      - oomph\n',
        encoding="utf-8",
    )
    data = load_intents(intents)
    assert data.synonyms["oomph"] == "performance"
    engine = Engine.load(intents_dir=str(intents))
    assert engine.ask("how much oomph does sanic have").intent == "performance"


# -- chatty messages ----------------------------------------------------------------------------


def test_a_chatty_message_is_matched_by_its_question_clause(engine):
    intent, text, entities = ask(
        engine,
        "long story short we inherited an old service, nobody knows it. "
        "when was cherrypy released?",
    )
    assert intent == "history"
    assert "2002" in text
    assert entities == ["cherrypy"]


def test_a_name_in_one_clause_is_the_subject_of_the_next(engine):
    intent, _, entities = ask(
        engine, "our intern keeps mentioning Bottle in standup. who uses it in production?"
    )
    assert intent == "who_uses"
    assert entities == ["bottle"]


# -- topics the sources never cover ---------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what licence is sanic distributed under",
        "does tornado have a docker image",
        "how do flask devs get paid support",
        "what's the average django salary",
    ],
)
def test_uncovered_topics_get_an_honest_no(engine, question):
    intent, text, _ = ask(engine, question)
    assert intent == "fallback"
    assert "I don't know" in text


def test_a_topic_the_knowledge_mentions_cannot_be_listed_as_uncovered(tmp_path):
    intents = tmp_path / "intents"
    shutil.copytree(ROOT / "intents", intents)
    lookups = intents / "lookups.yaml"
    lookups.write_text(
        lookups.read_text(encoding="utf-8").replace("      - stripe\n", "      - websockets\n"),
        encoding="utf-8",
    )
    out = io.StringIO()
    assert run_check(str(ROOT / "knowledge"), str(intents), out) == 1
    assert "“websockets” is listed as uncovered but the knowledge mentions it" in out.getvalue()


# -- sources, lists and picks ----------------------------------------------------------------------


def test_asking_for_the_source_beats_the_topic_word(engine):
    assert ask(engine, "what's the source for the tornado concurrency claim")[0] == "sources"
    assert ask(engine, "is django open source?")[0] != "sources"


def test_which_frameworks_are_x_is_a_list_not_a_pick(engine):
    intent, text, _ = ask(engine, "which frameworks here are the asynchronous ones")
    assert intent == "list_frameworks"
    assert "Tornado" in text


def test_a_pick_explained_by_one_frameworks_fact(engine):
    intent, text, _ = ask(engine, "we have to ship on android phones, any suggestions?")
    assert intent == "recommend"
    assert "CherryPy" in text


def test_a_pick_about_everyday_things_is_still_out_of_scope(engine):
    assert ask(engine, "any suggestions for a cosy place to eat near the office?")[0] == "fallback"


# -- alternatives to a named framework ---------------------------------------------------------


def test_the_python_counterpart_of_a_ruby_framework(engine):
    intent, text, entities = ask(engine, "we're sinatra people, what's nearest to it in python?")
    assert intent == "recommend"
    assert entities == ["sinatra"]
    assert "Flask" in text and "inspired" in text


def test_something_easier_than_a_framework_starts_with_what_is_built_on_it(engine):
    intent, text, _ = ask(engine, "zope feels heavy for juniors, anything gentler than that?")
    assert intent == "recommend"
    assert "Grok" in text
    assert text.index("Grok") < text.index("Zope Toolkit")


def test_alternatives_with_a_criterion_are_picked_by_it(engine):
    intent, text, _ = ask(engine, "is there anything quicker than flask?")
    assert intent == "recommend"
    assert "Alternatives to Flask" in text
    assert "performance" in text
    assert "fast debugger" not in text  # Flask's own fact answers nothing here


def test_opposite_examples_are_not_offered_as_alternatives(engine):
    _, text, _ = ask(engine, "give me an alternative to django")
    assert "Alternatives to Django" in text
    assert "Flask" not in text  # the sources name Flask only as Django's opposite


def test_instead_of_something_else_is_not_a_request_for_another_framework(engine):
    assert ask(engine, "what does grok have instead of xml config files?")[0] != "recommend"
    assert ask(engine, "does bottle require anything besides the standard library?")[0] == (
        "built_on"
    )


# -- chatty messages, continued ------------------------------------------------------------------


def test_a_clause_after_but_is_still_the_question(engine):
    # ' but ' is a word: splitting on it must not lose track of where clauses start
    intent, _, entities = ask(
        engine, "sorry, silly one probably but what databases does web2py use"
    )
    assert (intent, entities) == ("databases", ["web2py"])


def test_names_outside_the_question_clause_are_background(engine):
    intent, _, entities = ask(
        engine, "our old stack was all flask, long story. anyway who uses tornado in production?"
    )
    assert (intent, entities) == ("who_uses", ["tornado"])


def test_a_pick_in_a_thread_is_between_the_frameworks_discussed(engine):
    engine.reset("among")
    engine.ask("tell me about bottle", "among")
    engine.ask("and cherrypy?", "among")
    # "api" is a glossary term: named, yet not a subject of its own
    answer = engine.ask("which would you choose for a json api?", "among")
    assert answer.intent == "recommend"
    assert sorted(answer.entities) == ["bottle", "cherrypy"]


def test_an_ordinary_typo_is_read_as_the_commoner_word(engine):
    # 'waht' is one edit from both 'what' and 'wait'; the examples say 'what' far more often
    assert ask(engine, "waht is bottle")[0] == "describe_framework"


def test_the_word_framework_after_a_name_is_part_of_the_name(engine):
    assert ask(engine, "the cherrypy framework, what is it?")[0] == "describe_framework"


def test_plural_terms_are_definitions(engine):
    intent, text, _ = ask(engine, "what are decorators")
    assert intent == "define_term"
    assert "Decorator" in text or "decorator" in text


def test_a_request_to_do_work_is_not_small_talk(engine):
    assert ask(engine, "translate 'hello there' into german")[0] == "fallback"


def test_a_bottle_of_anything_is_a_bottle(engine):
    assert ask(engine, "suggest a nice bottle of something for the team party")[0] == "fallback"


def test_a_relative_of_a_facts_word_points_at_its_facet(engine):
    # Flask's features say "WSGI compliance"; the question says "compliant"
    intent, text, _ = ask(engine, "would you say flask is wsgi compliant")
    assert intent == "features"
    assert "WSGI" in text


def test_a_term_next_to_a_framework_is_its_feature_unless_its_meaning_is_asked(engine):
    assert ask(engine, "what's in web2py's ide")[0] == "features"
    assert ask(engine, "what does wsgi mean for flask")[0] == "define_term"


def test_the_clause_ending_in_a_question_mark_is_the_question(engine):
    intent, _, entities = ask(
        engine,
        "real talk. every framework is the best one according to its docs. any numbers on tornado?",
    )
    assert (intent, entities) == ("performance", ["tornado"])


def test_an_or_clause_is_an_alternative_not_the_question(engine):
    intent, _, entities = ask(engine, "is sanic actually quick or is that all marketing")
    assert (intent, entities) == ("performance", ["sanic"])
    assert ask(engine, "does tornado care about speed at all or is it all about simplicity")[0] == (
        "performance"
    )


def test_where_your_information_comes_from_is_a_sources_question(engine):
    assert ask(engine, "where does all your info come from?")[0] == "sources"


def test_x_or_y_for_a_need_is_a_pick_between_them(engine):
    intent, _, entities = ask(engine, "should the new team start with grok or zope")
    assert intent == "recommend"
    assert sorted(entities) == ["grok", "zope"]
    assert ask(engine, "flask or bottle, which is faster?")[0] != "recommend"


def test_a_superlative_before_framework_is_a_pick(engine):
    intent, text, _ = ask(engine, "what's the simplest framework with no dependencies at all?")
    assert intent == "recommend"
    assert "Bottle" in text


def test_a_yes_no_question_about_a_framework_is_not_a_pick(engine):
    intent, text, _ = ask(engine, "do i need apache in front of a cherrypy app?")
    assert intent == "features"
    assert "Apache" in text


def test_a_short_tag_question_asks_about_the_clause_before_it(engine):
    # "any ideas?" alone says nothing; what fails is in the clause before it
    assert ask(engine, "pip install of sanic breaks on our build box, any ideas?")[0] == "fallback"
    intent, text, entities = ask(engine, "we only run python 3 here, is web2py ok?")
    assert intent in ("drawbacks", "features", "recommend")
    assert entities == ["web2py"]
    assert "Python 3" in text


def test_everyday_words_beside_a_clear_question_are_chat(engine):
    intent, _, _ = ask(engine, "explain full stack frameworks like I'm a kid")
    assert intent == "define_term"
    # ... but a topic the sources lack is still a topic, however common its word
    assert ask(engine, "what's the annual revenue of the company behind django")[0] == "fallback"


def test_version_questions_stay_out_of_scope(engine):
    assert ask(engine, "what's the latest stable release of bottle")[0] == "fallback"


def test_a_release_the_sources_never_number_is_a_version_question(engine):
    assert ask(engine, "is sanic 22 fast")[0] == "fallback"
    assert ask(engine, "what changed in bottle 13?")[0] == "fallback"
    assert ask(engine, "what is zope 2")[0] != "fallback"  # the sources do number Zope


def test_a_pronoun_after_a_term_is_the_term(engine):
    engine.reset("term")
    engine.ask("what does ORM mean?", "term")
    answer = engine.ask("does bottle have one?", "term")
    assert answer.intent == "databases"
    assert answer.entities == ["bottle"]


def test_an_ellipsis_may_start_with_an_interjection(engine):
    engine.reset("ok")
    engine.ask("who uses flask", "ok")
    intent, _, entities = ask(engine, "ok and bottle?", "ok")
    assert (intent, entities) == ("who_uses", ["bottle"])


def test_same_for_and_thanks_lead_an_ellipsis(engine):
    engine.reset("same")
    engine.ask("what are the drawbacks of bottle", "same")
    assert ask(engine, "same for bobo", "same")[:3:2] == ("drawbacks", ["bobo"])
    engine.reset("ty")
    engine.ask("who uses tornado", "ty")
    assert ask(engine, "cheers! and sanic?", "ty")[:3:2] == ("who_uses", ["sanic"])


def test_which_one_for_a_need_picks_among_the_thread(engine):
    engine.reset("one")
    engine.ask("compare bottle and cherrypy", "one")
    answer = engine.ask("which one for a json api?", "one")
    assert answer.intent == "recommend"
    assert sorted(answer.entities) == ["bottle", "cherrypy"]


def test_would_it_work_for_is_a_fit_check(engine):
    assert ask(engine, "would cherrypy work for a small internal dashboard?")[0] == "recommend"


def test_a_framework_and_a_term_alone_ask_about_the_term_in_it(engine):
    assert ask(engine, "cherrypy sessions?")[0] == "features"
    assert ask(engine, "web2py orm?")[0] == "databases"


def test_can_after_a_subject_is_not_a_request_for_steps(engine):
    intent, text, _ = ask(engine, "looking for a framework i can deploy on google app engine")
    assert intent == "recommend"
    assert "Flask" in text
    assert ask(engine, "can you deploy my flask app for me")[0] == "fallback"


def test_an_ellipsis_after_a_kind_question_keeps_the_kind(engine):
    engine.reset("kind")
    engine.ask("is sanic async?", "kind")
    answer = engine.ask("what about bottle?", "kind")
    assert answer.intent == "category_of"
    assert answer.entities == ["bottle", "async"]
    assert "asynchronous" in answer.text


def test_a_short_question_of_its_own_is_not_merged_with_the_remark_before_it(engine):
    intent, text, _ = ask(
        engine, "new here. every article I read mentions an ORM and none explains it. what is it?"
    )
    assert intent == "define_term"
    assert "object" in text.lower()


def test_clauses_keep_their_word_positions_and_marks():
    from bot.nlu.clauses import split_clauses

    clauses = split_clauses("ok dumb question but does bottle need anything? or is it just me")
    assert [(c.start, c.end) for c in clauses] == [(0, 3), (4, 8), (9, 13)]
    assert [c.asks for c in clauses] == [False, True, False]
    assert [c.alternative for c in clauses] == [False, False, True]
    assert split_clauses("flask or django, which is faster")[0].end == 3  # 'or' between names
