"""Any text gets an answer, never an exception, and the answer stays under 3,000 characters."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.render.text import render_text
from bot.text.markup import normalise_slack

ODD = st.sampled_from(
    [
        "",
        " ",
        "\x00\x01\x02",
        "\u200b\u200d\ufeff",
        "مرحبا ما هو فلاسك",
        "שלום flask",
        "🔥🐍 :fire: flask?? 🚀",
        "<!channel> <@U123|bob> <https://x.io|flask>",
        "&lt;script&gt;",
        "flask " * 2000,
        "a" * 100_000,
        "\n\t\r",
        "¿qué es django?",
        "ＦＬＡＳＫ",
    ]
)


def check(engine: Engine, text: str) -> None:
    answer = engine.ask(text, "prop")
    rendered = render_text(answer)
    assert rendered
    assert len(rendered) < 3000
    assert 0.0 <= answer.confidence <= 1.0


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_any_text_gets_an_answer(engine, text):
    check(engine, text)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(ODD, min_size=1, max_size=3).map(" ".join))
def test_odd_text_gets_an_answer(engine, text):
    check(engine, text)


def test_hundred_thousand_characters_get_a_polite_reply(engine):
    answer = engine.ask("what is flask " * 8000)
    assert answer.intent == "fallback"
    assert "4,000 characters" in answer.text


@given(st.text(max_size=500))
def test_normalise_never_fails_and_never_grows_markup(text):
    out = normalise_slack(text)
    assert "<!channel>" not in out and "<@U" not in out
