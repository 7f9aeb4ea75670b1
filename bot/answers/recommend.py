"""recommend: rank frameworks by the tags a question asks for, explain why, give the trade-offs.

The guided "help me choose" flow (bot/answers/flow.py) asks a few questions whose options map
to the same needs, so the Slack buttons, the terminal's numbered options and free-text
questions share one ranking (bot/answers/picking.py); a question about one named framework is
a fit check (bot/answers/fit.py).
"""

from __future__ import annotations

from bot.answers import needs
from bot.answers.common import Request
from bot.answers.fit import fit_check
from bot.answers.flow import start_flow
from bot.answers.model import Answer
from bot.answers.picking import pick_for, recommend_for, wanted_tags
from bot.text.lexicon import LEXICON
from bot.text.tokens import tokens


def recommend(req: Request) -> Answer:
    tags = wanted_tags(req.knowledge, req.folded)
    named = req.frameworks
    if req.from_context and len(named) == 1 and not _refers_back(req):
        # "which framework should I use?" after "who created web.py": a fresh question
        named = []
        req.entities = [e for e in req.entities if e not in req.knowledge.frameworks]
    if len(named) == 1:
        return fit_check(req, tags)
    among = [f.id for f in named] if len(named) >= 2 else None
    if among is None and len(req.category_ids) >= 2:
        # "which of the two for a small app?" after "full stack vs micro": pick a kind first
        among = [f.id for c in req.category_ids for f in req.knowledge.members(c)]
    asked = needs.asked_needs(req.knowledge, req.folded, tags)
    if asked:
        answer = pick_for(req, asked, [] if among else req.category_ids, among)
    else:
        answer = recommend_for(req, tags, [] if among else req.category_ids, among)
    if answer is None:
        answer = start_flow(req)
    answer.suggestions = [s for s in answer.suggestions if s]
    return answer


# Words that point back at the subject before ('is it good for…', 'which of the two…').
_BACK = LEXICON.words("refers_back_words")


def _refers_back(req: Request) -> bool:
    return bool(_BACK & set(tokens(req.folded)))


# "help me choose", "can you help me pick a framework?", "guide me through choosing"
_FLOW_ASK = LEXICON.pattern("asks_for_guided_flow")


def asks_for_flow(req: Request) -> bool:
    """A request for the guided flow itself, naming no framework to choose among."""
    named = [] if req.from_context else req.frameworks
    return len(named) < 2 and bool(_FLOW_ASK.search(req.folded.replace("'", "")))


def guided(req: Request) -> Answer:
    """'help me choose': the guided flow, unless the request already says what it needs
    ('help me pick something for a small API' gets the pick straight away)."""
    if needs.asked_needs(req.knowledge, req.folded, wanted_tags(req.knowledge, req.folded)):
        req.intent = "recommend"
        return recommend(req)
    return start_flow(req)
