"""The knowledge's and intents' records: one declaration each, used at run time and as the schema.

The engine works on these light dataclasses, which pickle into the compiled cache, so
`framework-bot ask` never imports pydantic. Their annotations carry the rules curators' YAML
must follow (`Check` marks: ids in lower_snake_case, text never empty, every fact sourced);
pydantic reads them only when YAML is loaded (bot/knowledge.py, bot/nlu/intent_data.py), with
unknown keys refused (`__pydantic_config__`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from bot.yamlsrc import example_lines


class Check:
    """A constraint on a field, applied by pydantic when YAML is validated: `kind` names
    pydantic's own marker (`StringConstraints`, `Field`), imported only then."""

    def __init__(self, kind: str, **constraints: Any) -> None:
        self.kind, self.constraints = kind, constraints

    def __repr__(self) -> str:
        return f"Check({self.kind!r}, **{self.constraints!r})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        import pydantic

        marker = getattr(pydantic, self.kind)(**self.constraints)
        return handler(Annotated[source, marker])


Id = Annotated[str, Check("StringConstraints", pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, Check("StringConstraints", min_length=1, strip_whitespace=True)]
SourceIds = Annotated[list[Id], Check("Field", min_length=1)]
EntityKind = Literal["framework", "category", "term"]

# Unknown fields are errors: a misspelled key must not silently drop a fact.
STRICT = {"extra": "forbid"}
record = dataclass(slots=True, kw_only=True)

FACETS = (
    "summary",
    "features",
    "strengths",
    "drawbacks",
    "built_on",
    "databases",
    "templating",
    "history",
    "users",
    "performance",
    "related",
)
CATEGORY_FACETS = ("definition", "traits", "advantages", "disadvantages", "when_to_choose")


@record
class Source:
    __pydantic_config__ = STRICT

    id: Id
    title: Text
    short: Text  # how answers cite it, e.g. 'ICTS'
    site: Text | None = None
    author: Text | None = None
    file: Text
    kind: Literal["article", "qa_thread"] = "article"


@record
class Fact:
    """One statement in the project's own words, with where it comes from."""

    __pydantic_config__ = STRICT

    text: Text
    sources: SourceIds
    year: int | None = None
    by: Text | None = None


@record
class Named:
    """A company, site or project named by a document (users of a framework)."""

    __pydantic_config__ = STRICT

    name: Text
    sources: SourceIds
    note: Text | None = None


def statement_text(item: Any) -> str:
    """What a statement says, as one string: a fact's or argument's text, a user's name and
    note."""
    text = getattr(item, "text", None)
    if text is not None:
        return text
    return f"{getattr(item, 'name', '')} {getattr(item, 'note', None) or ''}"


@record
class Ref:
    """A sourced pointer to another entry: a category, a tag or a related framework.

    `contrast` marks a related framework the sources name as an opposite example ("microframeworks
    such as Flask, full-fledged ones such as Django"): related, but no alternative to it."""

    __pydantic_config__ = STRICT

    id: Id
    sources: SourceIds
    note: Text | None = None
    contrast: bool = False


@record
class EverydayWord:
    """A framework name that is also an ordinary word ('a flask of coffee').

    `cues` are words that, with no tech word around, mean the everyday sense; `patterns` are
    regular expressions over the normalised question that always mean the everyday sense.
    """

    __pydantic_config__ = STRICT

    cues: list[Text] = field(default_factory=list)
    patterns: list[Text] = field(default_factory=list)


@record
class Framework:
    __pydantic_config__ = STRICT

    id: Id
    name: Text
    aliases: list[Text] = field(default_factory=list)
    language: Literal["python", "ruby"] = "python"
    categories: Annotated[list[Ref], Check("Field", min_length=1)]
    summary: Annotated[list[Fact], Check("Field", min_length=1)]
    features: list[Fact] = field(default_factory=list)
    strengths: list[Fact] = field(default_factory=list)
    drawbacks: list[Fact] = field(default_factory=list)
    built_on: list[Fact] = field(default_factory=list)
    databases: list[Fact] = field(default_factory=list)
    templating: list[Fact] = field(default_factory=list)
    history: list[Fact] = field(default_factory=list)
    users: list[Named] = field(default_factory=list)
    performance: list[Fact] = field(default_factory=list)
    related: list[Ref] = field(default_factory=list)
    tags: list[Ref] = field(default_factory=list)
    everyday_word: EverydayWord | None = None

    @property
    def category_ids(self) -> list[str]:
        return [ref.id for ref in self.categories]

    @property
    def tag_ids(self) -> set[str]:
        return {ref.id for ref in self.tags}

    def filled_facets(self) -> list[str]:
        return [name for name in FACETS if getattr(self, name)]


@record
class Category:
    __pydantic_config__ = STRICT

    id: Id
    name: Text
    aliases: list[Text] = field(default_factory=list)
    definition: Annotated[list[Fact], Check("Field", min_length=1)]
    traits: list[Fact] = field(default_factory=list)
    advantages: list[Fact] = field(default_factory=list)
    disadvantages: list[Fact] = field(default_factory=list)
    when_to_choose: list[Fact] = field(default_factory=list)


@record
class Term:
    """A glossary term. `plain` is a one-line gloss for terms the documents only name."""

    __pydantic_config__ = STRICT

    id: Id
    name: Text
    aliases: list[Text] = field(default_factory=list)
    definition: list[Fact] = field(default_factory=list)
    plain: Text | None = None
    named_in: list[Id] = field(default_factory=list)
    frameworks: list[Ref] = field(default_factory=list)


@record
class Argument:
    """One argument in the full-stack / micro / asynchronous debate."""

    __pydantic_config__ = STRICT

    id: Id
    about: Annotated[list[Id], Check("Field", min_length=1)]
    favours: Id | None = None
    text: Text
    sources: SourceIds
    replies_to: Id | None = None


@record
class Tag:
    """A trait that drives recommendations; `keywords` are what people say when they want it."""

    __pydantic_config__ = STRICT

    id: Id
    label: Text
    description: Text
    keywords: list[Text] = field(default_factory=list)


@record
class Knowledge:
    """Everything the bot knows, validated and cross-checked (built by the loader)."""

    directory: str
    sources: dict[str, Source]
    categories: dict[str, Category]
    frameworks: dict[str, Framework]
    terms: dict[str, Term]
    tradeoffs: list[Argument]
    tags: dict[str, Tag]

    def members(self, category_id: str) -> list[Framework]:
        return members_of(self, category_id)

    def iter_facts(self) -> Iterator[tuple[str, Fact | Named | Argument]]:
        return facts_of(self)


def members_of(knowledge: Any, category_id: str) -> list[Any]:
    """Frameworks in a category, in the order of their files (derived, never duplicated)."""
    return [fw for fw in knowledge.frameworks.values() if category_id in fw.category_ids]


def facts_of(knowledge: Any) -> Iterator[tuple[str, Any]]:
    """Every sourced statement with a label of where it lives (for counts and audits)."""
    for fw in knowledge.frameworks.values():
        for facet in FACETS:
            for item in getattr(fw, facet):
                if hasattr(item, "text") or hasattr(item, "name"):
                    yield f"{fw.id}.{facet}", item
    for cat in knowledge.categories.values():
        for facet in CATEGORY_FACETS:
            for item in getattr(cat, facet):
                yield f"{cat.id}.{facet}", item
    for term in knowledge.terms.values():
        for item in term.definition:
            yield f"{term.id}.definition", item
    for arg in knowledge.tradeoffs:
        yield f"tradeoffs.{arg.id}", arg


@record
class IntentSpec:
    __pydantic_config__ = STRICT

    intent: Annotated[str, Check("Field", pattern=r"^[a-z][a-z0-9_]*$")]
    description: str = ""
    cues: list[str] = field(default_factory=list)
    entity_kinds: list[EntityKind] = field(default_factory=list)
    min_entities: Annotated[int, Check("Field", ge=0, le=3)] = 0
    examples: str

    def example_lines(self) -> list[str]:
        return example_lines(self.examples)


@record
class IntentData:
    intents: dict[str, IntentSpec]
    lookups: dict[str, list[str]]
    files: list[str]
    synonyms: dict[str, str] = field(default_factory=dict)


def from_model(value: Any) -> Any:
    """Kept for callers of the old two-step load: the loaders return these records already."""
    return value
