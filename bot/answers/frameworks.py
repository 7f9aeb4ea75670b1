"""Moved: the facet composers live in bot/answers/facets/ (one module each), the kind composers
in bot/answers/kinds.py and the question's detail words in bot/answers/asked.py."""

from bot.answers.asked import FACET_GENERIC as _GENERIC  # moved  # noqa: F401
from bot.answers.asked import detail_hits, name_stems  # moved  # noqa: F401
from bot.answers.facets.category import category_of  # moved  # noqa: F401
from bot.answers.facets.drawbacks import drawbacks, limitations  # moved  # noqa: F401
from bot.answers.facets.features import asks_strengths, features  # moved  # noqa: F401
from bot.answers.facets.history import history  # moved  # noqa: F401
from bot.answers.facets.overview import describe  # moved  # noqa: F401
from bot.answers.facets.performance import performance  # moved  # noqa: F401
from bot.answers.facets.stack import built_on, databases  # moved  # noqa: F401
from bot.answers.facets.users import who_uses  # moved  # noqa: F401
from bot.answers.kinds import category_drawbacks, category_facet  # moved  # noqa: F401
