"""who_uses: the companies and projects the sources name, and the reverse ('which framework does
Reddit use?').
"""

from __future__ import annotations

from bot.answers.common import Request, cite_line, join, sentence, short
from bot.answers.facets.base import facet_answer
from bot.answers.model import Answer
from bot.answers.suggest import suggestions_for
from bot.records import Named
from bot.text.tokens import fold, tokens


def _names(group: list[Named]) -> str:
    return sentence(
        join([f"{n.name} ({n.note})" if n.note and len(n.note) < 60 else n.name for n in group])
    )


def who_uses(req: Request) -> Answer:
    if req.users_asked:
        return _used_by(req)
    return facet_answer(
        req,
        "users",
        "Who uses it",
        lambda fw, items: f"Companies and projects the sources name as using {fw.name}:",
        "The sources don't name any users of {name}.",
        render=_names,
    )


def _used_by(req: Request) -> Answer:
    """The reverse question: 'which framework does Reddit use?'."""
    lines, src = [], []
    for asked in req.users_asked:
        for fw in req.frameworks:
            for user in fw.users:
                if " ".join(tokens(fold(user.name))) == asked:
                    note = f" ({user.note})" if user.note else ""
                    lines.append(
                        f"{user.name} uses {fw.name}{note}, according to "
                        f"{short(req.knowledge, user.sources)}."
                    )
                    src += user.sources
    text = " ".join(lines) + "\n" + cite_line(req.knowledge, src)
    return req.answer(
        "Who uses what",
        text,
        src,
        entities=[e for e in req.entities if e not in req.knowledge.frameworks],
        subjects=[fw.id for fw in req.frameworks],
        suggestions=suggestions_for(req, "who_uses"),
    )
