"""Attribute lists across frameworks: every framework the facts, tags or needs tie to the
attribute, those the facts say lack it set apart, never a list of every framework."""

from __future__ import annotations

from bot.engine import Engine
from bot.render.text import render_text

ALL_LISTED = "Python web frameworks I know about"  # the headline of the plain catalogue


def test_an_attribute_no_fact_spells_out_is_answered_from_the_needs(engine: Engine) -> None:
    answer = engine.ask("which ones have an admin panel?")
    text = render_text(answer)
    assert answer.intent == "list_frameworks"
    assert ALL_LISTED not in text
    assert "Django" in text and "web2py" in text
    assert "Flask" not in text and "Bottle" not in text
    assert answer.sources


def test_frameworks_the_facts_say_lack_it_are_set_apart(engine: Engine) -> None:
    text = render_text(engine.ask("which of them have templates?"))
    head = text.split("\n")[1]
    assert head.startswith("Yes for ")
    having, without = head.split(";")
    assert "Django" in having and "Bottle" in having
    assert "CherryPy" in without and "Bobo" in without
    assert "CherryPy" not in having


def test_a_tag_brings_in_a_fact_worded_its_own_way(engine: Engine) -> None:
    text = render_text(engine.ask("which frameworks do data validation for you"))
    assert "FastAPI" in text and "TurboGears" in text  # 'validation support through FormEncode'
    assert ALL_LISTED not in text


def test_a_tag_that_is_only_part_of_the_question_brings_in_nothing(engine: Engine) -> None:
    text = render_text(engine.ask("which one uses pylons as its web server"))
    assert "TurboGears" in text
    assert "CherryPy" not in text  # it has a web server, but not Pylons


def test_which_ones_do_x_is_an_attribute_question(engine: Engine) -> None:
    text = render_text(engine.ask("which ones do caching out of the box?"))
    assert "CherryPy" in text
    assert ALL_LISTED not in text


def test_which_ones_with_any_verb_is_answered_from_the_facts(engine: Engine) -> None:
    text = render_text(engine.ask("which frameworks came out in 2006?"))
    assert ALL_LISTED not in text
    assert "Grok" in text and "web.py" in text
    assert "Django" not in text


def test_a_negative_fact_about_something_else_is_no_absence(engine: Engine) -> None:
    # web2py's "no configuration files" says nothing of being a single file
    text = render_text(engine.ask("which ones are single file?"))
    assert "Bottle" in text
    assert "does not" not in text.split("\n")[1]


def test_the_thing_named_first_and_which_framework_last_is_a_look_up(engine: Engine) -> None:
    answer = engine.ask("uvloop sits under which framework")
    assert answer.intent == "built_on"
    assert "Sanic" in render_text(answer)
    assert not answer.headline.startswith("My pick")


def test_a_look_up_whose_tail_only_asks_reads_the_clause_before(engine: Engine) -> None:
    answer = engine.ask("aaron swartz built some framework, which one was it")
    assert answer.intent == "history"
    assert "web.py" in render_text(answer)


def test_a_user_found_by_its_name_is_answered_not_declined(engine: Engine) -> None:
    # a one-line answer ('Lyft uses Flask.') once read as an empty body and became a decline
    answer = engine.ask("lyft runs on which framework i wonder")
    assert answer.intent == "who_uses"
    assert "Flask" in render_text(answer)


def test_a_need_stated_first_stays_a_pick(engine: Engine) -> None:
    answer = engine.ask("need an object database baked in, which framework")
    assert answer.intent == "recommend"


def test_a_need_asked_before_which_fw_is_a_pick_not_a_list(engine: Engine) -> None:
    # no claim that Bottle, of all frameworks, lacks the standard library
    answer = engine.ask("stdlib only, which fw")
    text = render_text(answer)
    assert answer.intent == "recommend"
    assert "Bottle" in text
    assert "do not" not in text and "does not" not in text


def test_a_bare_which_after_a_named_project_is_a_look_up(engine: Engine) -> None:
    answer = engine.ask("friendfeed made a framework right? which")
    assert answer.intent in {"history", "who_uses"}
    assert "Tornado" in render_text(answer)


def test_a_needs_list_suggests_follow_ups_about_what_it_listed(engine: Engine) -> None:
    answer = engine.ask("which ones have an admin panel?")
    assert "What is Django?" in answer.suggestions
    assert "Compare Django and web2py" in answer.suggestions
