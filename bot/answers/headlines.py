"""Headlines in the asker's words: "Who uses Flask", "What Bottle is built on", or the
yes/no question itself ("Is web2py Python 3 compatible?"), never a facet id.
"""

from __future__ import annotations

import re

from bot.answers.common import Request
from bot.text.lexicon import LEXICON

# title given by a facet composer -> (one framework, several frameworks)
FACET_HEADLINES = {
    "Features": ("What {names} offers", "What {names} offer"),
    "Strengths": ("Strengths of {names}", "Strengths of {names}"),
    "Who uses it": ("Who uses {names}", "Who uses {names}"),
    "History": ("Where {names} came from", "Where {names} came from"),
    "What it is built on": ("What {names} is built on", "What {names} are built on"),
    "Databases": ("{names} and databases", "{names} and databases"),
    "Drawbacks": ("Drawbacks of {names}", "Drawbacks of {names}"),
    "Performance": ("How fast {names} is", "How fast {names} are"),
    "Category": ("What kind of framework {names} is", "What kinds of framework {names} are"),
}

_YES_NO = LEXICON.pattern("yes_no_opening", re.IGNORECASE)
MAX_ECHO = 60  # a longer question is no headline


def facet_headline(title: str, names: str, count: int) -> str:
    one, several = FACET_HEADLINES.get(title, ("{names}: " + title.lower(),) * 2)
    return (one if count == 1 else several).format(names=names)


def asked_headline(req: Request) -> str:
    """The question as a headline, when it is a short yes/no question typed without
    misspelt names: that is what the answer answers. '' otherwise."""
    text = " ".join(req.text.split()).strip()
    if not text or len(text) > MAX_ECHO or req.assumptions or req.from_context:
        return ""
    if not _YES_NO.match(text) or "\n" in text:
        return ""
    text = text.rstrip("?!. ")
    return text[:1].upper() + text[1:] + "?"


# a sentence that says something is missing or not done
_NEGATIVE = LEXICON.pattern("states_absence", re.IGNORECASE)
_HEDGED = LEXICON.pattern("hedged_statement", re.IGNORECASE)
# a question that itself asks about an absence ('dependency-free', 'without a database')
_ASKS_ABSENCE = LEXICON.pattern("asks_about_absence")


def asks_about_absence(req: Request) -> bool:
    """The question asks which lack something ('dependency-free', 'without a database')."""
    return bool(_ASKS_ABSENCE.search(req.folded))


def states_absence(req: Request, fact_text: str) -> bool:
    """Whether the fact says the thing asked about is missing ('CherryPy does not handle
    templating'), unless the question itself asks about an absence."""
    return bool(_NEGATIVE.search(fact_text)) and not _ASKS_ABSENCE.search(req.folded)


def yes_or_no(req: Request, fact_text: str) -> str:
    """'Yes: ' or 'No: ' before the fact that answers a short yes/no question, from whether
    the fact states something or its absence; '' when the question asks about an absence
    itself ('is bottle dependency-free?'), where the fact's wording says nothing of the
    answer's sign."""
    if not asked_headline(req) or _ASKS_ABSENCE.search(req.folded):
        return ""
    if _NEGATIVE.search(fact_text):
        return "No: "
    # 'Flask lets you plug in any ORM' is no plain yes to 'does flask have an orm?'
    return "" if _HEDGED.search(fact_text) else "Yes: "


def asks_yes_or_no(req: Request) -> bool:
    """The question, or the clause that asks, opens like a yes/no question ('does X have Y')."""
    return bool(_YES_NO.match(req.asked or req.folded))
