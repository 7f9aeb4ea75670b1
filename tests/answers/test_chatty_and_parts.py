"""Chatty messages and questions in parts: the clause that asks decides, each part is answered,
and the answer reports what was asked."""

from __future__ import annotations

from bot.engine import Engine
from bot.render.text import render_text


def test_two_part_question_reports_a_part_it_answered(engine: Engine) -> None:
    # read whole, this reads as an overview; its parts ask what it builds on and how fast it is
    answer = engine.ask("what does fastapi build on and what's the perf like")
    text = render_text(answer)
    assert answer.intent in {"built_on", "performance"}
    assert "OpenAPI" in text and "Go and NodeJS" in text


def test_parts_answered_when_the_whole_reads_as_neither(engine: Engine) -> None:
    answer = engine.ask("zope users? and is it an app server")
    text = render_text(answer)
    assert answer.intent == "who_uses"
    assert "Panda Express" in text
    # the second part is answered by the fact that says so
    assert "application server" in text


def test_which_of_the_subjects_facet_is_no_pick(engine: Engine) -> None:
    # "which" picks among Django's databases, not among frameworks
    engine.ask("does django have an orm", "parts:dbs")
    answer = engine.ask("which dbs?", "parts:dbs")
    assert answer.intent == "databases"
    assert answer.entities == ["django"]
    assert "MySQL" in render_text(answer)
    engine.reset("parts:dbs")


def test_which_framework_in_a_thread_is_still_a_pick(engine: Engine) -> None:
    engine.ask("tell me about flask", "parts:pick")
    answer = engine.ask("which framework has an admin?", "parts:pick")
    assert answer.intent == "recommend"
    engine.reset("parts:pick")


def test_a_one_word_tag_makes_the_clause_before_it_the_question(engine: Engine) -> None:
    answer = engine.ask(
        "quick sanity check before I pitch it: cherrypy apps don't need a separate web "
        "server in front, right?"
    )
    assert answer.intent == "features"
    assert "web server" in render_text(answer)


def test_fit_words_in_the_preamble_do_not_make_it_a_pick(engine: Engine) -> None:
    answer = engine.ask(
        "ok real talk, our cto loves django but i'm worried it's overkill for a tiny service. "
        "what does django actually ship with?"
    )
    assert answer.intent == "features"
    assert "batteries included" in render_text(answer)
    # asked in the question itself, it is a pick check
    assert engine.ask("is django overkill for a tiny service?").intent == "recommend"


def test_a_last_question_without_its_mark_is_the_question(engine: Engine) -> None:
    # Slack drops the final "?": the last clause still asks, and asks for an overview
    answer = engine.ask("funny name for a framework, is it even maintained? what does bobo do")
    assert answer.intent == "describe_framework"
    assert "WSGI" in render_text(answer)


def test_how_after_a_stated_need_explains_instead_of_picking(engine: Engine) -> None:
    # the need is context; "how do they manage it" asks for an explanation, not a pick
    answer = engine.ask(
        "our service has to hold thousands of concurrent connections. "
        "how do async frameworks manage it?"
    )
    assert answer.intent != "recommend"
    assert "concurrent connections" in render_text(answer)


def test_what_people_liked_is_a_strength_not_a_drawback(engine: Engine) -> None:
    answer = engine.ask("why people liked bottle back then")
    assert answer.intent == "features"
    assert not answer.headline.startswith("Drawbacks")


def test_what_a_framework_does_not_do_is_a_drawback(engine: Engine) -> None:
    # a plain "what does it do" asks for an overview; with its negation it asks what is missing
    assert engine.ask("so what does cherrypy do").intent == "describe_framework"
    assert engine.ask("hmm what doesn't web2py do").intent == "drawbacks"


def test_the_overview_of_a_thinly_described_framework_names_its_database(engine: Engine) -> None:
    # the sources give Zope two features; the object database that ships with it is a key trait
    assert "ZODB" in render_text(engine.ask("tell me about zope"))


def test_a_short_opening_remark_is_not_the_question(engine: Engine) -> None:
    # 'long story.' opens the message and asks nothing: the clause after it is the question
    question = (
        "long story. a cherrypy service came with the merger and i must learn whether it "
        "needs apache in front of it"
    )
    assert engine.understanding.parse(question).asked.startswith("a cherrypy service")
    answer = engine.ask(question)
    assert answer.intent == "features"
    assert "Apache" in render_text(answer)


def test_is_it_of_a_kind_in_chat_words_is_answered(engine: Engine) -> None:
    # 'really', 'once you strip it down': chat around 'is web2py full stack'
    answer = engine.ask("is web2py really full stack once you strip it down")
    assert answer.intent == "category_of"
    assert "full-stack" in render_text(answer).casefold()
    # a fit question is no question of kind
    assert engine.ask("is flask micro enough for a big shop?").intent != "category_of"


def test_the_kinds_of_frameworks_asked_in_a_chatty_message_are_listed(engine: Engine) -> None:
    answer = engine.ask("my manager asked me about framework categories, any idea")
    text = render_text(answer)
    assert answer.intent == "list_frameworks"
    assert "Full-stack" in text and "Asynchronous" in text
    # words the sources never use say it is about some other kind of framework
    assert engine.ask("types of picture frameworks for my gallery wall").is_fallback
