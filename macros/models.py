"""Typed models of the handbook content: the contract every YAML file must meet.

Every user-visible text is a `Text`: one string per published language, so a single
item id serves every edition and a reader's progress survives a language switch.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from functools import cache
from typing import Annotated, Any, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    StringConstraints,
    Tag,
)

from .languages import LANGUAGES

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# A reference: "<playbook-or-checklist-id>" or "<id>#<section-or-item-id>".
REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(#[a-z0-9]+(-[a-z0-9]+)*)?$"

Slug = Annotated[
    str,
    StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=64),
    Field(description="Stable kebab-case id; never derived from the text.", examples=["nda"]),
]
Ref = Annotated[
    str,
    StringConstraints(strict=True, pattern=REF_PATTERN),
    Field(
        description="A link by id: 'playbook-id', 'playbook-id#section-id', "
        "'checklist-id' or 'checklist-id#item-id'. Resolved at build time.",
        examples=["crisis-steps#root-cause", "kickoff-agreements#nda"],
    ),
]
_MARKUP = re.compile(r"<[A-Za-z!/?]|\{\{|\{%|\{#")


def _plain_text(value: str) -> str:
    """Texts are plain: markup in content is either a mistake or an attack."""
    found = _MARKUP.search(value)
    if found:
        raise ValueError(
            f"markup is not allowed in text (found {value[found.start():found.start() + 12]!r}); "
            "write plain text"
        )
    return value


def _iso_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"must be a date as YYYY-MM-DD, got {value!r}") from None
    if len(value) != 10:
        raise ValueError(f"must be a date as YYYY-MM-DD, got {value!r}")
    return value


NonEmpty = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1),
    AfterValidator(_plain_text),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


InternalFlag = Annotated[
    bool,
    Field(description="Staff only: left out of the public edition entirely (HTML, search, exports)."),
]
StaffNote = Annotated[
    "Text | None",
    Field(description="A note for staff only; the public edition never contains it."),
]


class Text(_Strict):
    """One text in every published language. Paragraphs are separated by a blank line."""

    ru: NonEmpty = Field(description="Russian (the default edition).")
    uk: NonEmpty = Field(description="Ukrainian.")
    en: NonEmpty = Field(description="English.")

    def get(self, language: str) -> str:
        return str(getattr(self, language))


assert tuple(Text.model_fields) == LANGUAGES, "Text must carry exactly the published languages"


SearchPhrase = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=2, max_length=80),
    AfterValidator(_plain_text),
]


def _distinct(phrases: list[str]) -> list[str]:
    seen: set[str] = set()
    for phrase in phrases:
        key = phrase.casefold().replace("ё", "е")
        if key in seen:
            raise ValueError(f"{phrase!r} is listed twice")
        seen.add(key)
    return phrases


Phrases = Annotated[list[SearchPhrase], Field(min_length=1, max_length=40), AfterValidator(_distinct)]


class SearchWords(_Strict):
    """The words and phrases a reader types when looking for this entry, in each language:
    colloquial words, synonyms of the handbook's term, short questions. Search indexes them
    with the entry; no page shows them."""

    ru: Phrases
    uk: Phrases
    en: Phrases

    def get(self, language: str) -> list[str]:
        return list(getattr(self, language))


assert tuple(SearchWords.model_fields) == LANGUAGES, "SearchWords must carry exactly the published languages"

SearchWordsField = Annotated[
    "SearchWords | None",
    Field(description="What readers type to find this (search only, shown nowhere)."),
]


WordStart = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, to_lower=True, min_length=3, max_length=30,
                      pattern=r"^[^\s]+$"),
]
Word = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, to_lower=True, min_length=1, max_length=30,
                      pattern=r"^[^\s]+$"),
]


class LanguageVocabulary(_Strict):
    """One language's search words that cut across sections."""

    ignore: list[Word] = Field(
        default_factory=list,
        description="Question and filler words that never count against a result (whole words).")
    synonyms: list[Annotated[list[WordStart], Field(min_length=2)]] = Field(
        default_factory=list,
        description="Groups of word beginnings that mean one thing: a query word that begins "
                    "with one entry also searches every other entry of its group.")


class SearchVocabulary(_Strict):
    """macros/search.yml: the shared search vocabulary, per language."""

    ru: LanguageVocabulary
    uk: LanguageVocabulary
    en: LanguageVocabulary

    def get(self, language: str) -> LanguageVocabulary:
        result: LanguageVocabulary = getattr(self, language)
        return result


class UiStrings(RootModel[dict[str, Text]]):
    """macros/ui.yml: the interface's labels, each in every language."""

    model_config = ConfigDict(frozen=True, defer_build=True)


class Who(str, Enum):
    """Who carries out an item."""

    agency = "agency"
    client = "client"
    both = "both"


class CalloutKind(str, Enum):
    tip = "tip"
    warning = "warning"
    note = "note"
    quote = "quote"


class TagRef(_Strict):
    """A topic marked staff-only where it is used: `{tag: escalation, internal: true}`."""

    tag: Slug
    internal: InternalFlag = False


def _tag_kind(value: Any) -> str:
    return "TagRef" if isinstance(value, (TagRef, dict)) else "Slug"


TopicTag = Annotated[
    Annotated[Slug, Tag("Slug")] | Annotated[TagRef, Tag("TagRef")],
    Discriminator(_tag_kind),
    Field(description="A topic id, or {tag, internal: true} for a topic only the staff edition shows."),
]


def tag_id(tag: str | TagRef) -> str:
    return tag.tag if isinstance(tag, TagRef) else tag


class Point(_Strict):
    """One statement in a section: a sign, a step, a rule, a question."""

    id: Slug
    text: Text = Field(description="The point itself, one or two sentences.")
    detail: Text | None = Field(default=None, description="Why it matters or how to do it.")
    subpoints: list[Text] = Field(
        default_factory=list, description="Nested points, e.g. probing questions for a cause."
    )
    see_also: list[Ref] = Field(default_factory=list)
    internal: InternalFlag = False
    staff_note: StaffNote = None


class Story(_Strict):
    """A short case from practice that makes a rule concrete."""

    id: Slug
    title: Text
    text: Text
    internal: InternalFlag = False


class Callout(_Strict):
    id: Slug
    kind: CalloutKind = CalloutKind.note
    title: Text | None = None
    text: Text
    internal: InternalFlag = False


class Section(_Strict):
    id: Slug = Field(description="Also the page anchor, identical in every edition.")
    title: Text
    lead: Text | None = Field(default=None, description="Introductory paragraphs.")
    numbered: bool = Field(default=False, description="Render points as ordered steps.")
    points: list[Point] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    callouts: list[Callout] = Field(default_factory=list)
    checklist: Slug | None = Field(default=None, description="Id of a checklist shown here.")
    see_also: list[Ref] = Field(default_factory=list)
    tags: list[TopicTag] = Field(default_factory=list, description="Topic ids of this section.")
    search_words: SearchWordsField = None
    internal: InternalFlag = False
    staff_note: StaffNote = None


class Stage(str, Enum):
    """Where a playbook sits on the course of a client relationship (the relationship map)."""

    before = "before"
    agreements = "agreements"
    working = "working"
    warning = "warning"
    crisis = "crisis"
    ending = "ending"


class BriefStage(str, Enum):
    """The kinds of client call a brief prepares for."""

    prospect = "prospect"
    kickoff = "kickoff"
    expectations = "expectations"
    weekly = "weekly"
    director_check_in = "director-check-in"
    warning_signs = "warning-signs"
    team_change = "team-change"
    crisis = "crisis"
    parting = "parting"


class BriefLine(_Strict):
    """A brief line with a mark: `{text: {ru: …, uk: …, en: …}, internal: true}`."""

    text: Text
    internal: InternalFlag = False

    def get(self, language: str) -> str:
        return self.text.get(language)


def _brief_line_kind(value: Any) -> str:
    if isinstance(value, BriefLine) or (isinstance(value, dict) and "text" in value):
        return "BriefLine"
    return "Text"


# The tags of the unions below: pydantic puts them into an error's location, and the
# catalog leaves them out of `file:line: where`, which names fields as the YAML has them.
UNION_TAGS = frozenset({"Text", "BriefLine", "Lines", "Slug", "TagRef"})

Line = Annotated[
    Annotated[Text, Tag("Text")] | Annotated[BriefLine, Tag("BriefLine")],
    Discriminator(_brief_line_kind),
    Field(description="A brief line: a text in every language, or {text, internal} to mark it staff-only."),
]


class Lines(RootModel[list[Line]]):
    """A card text (a playbook's `summary` or `when`) written as lines, some of them staff-only:
    read as one paragraph, the lines in order; the public edition leaves the internal ones out."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    root: Annotated[list[Line], Field(min_length=1)]

    def get(self, language: str) -> str:
        return " ".join(line.get(language) for line in self.root)

    def as_text(self) -> Text:
        return Text(**{language: self.get(language) for language in LANGUAGES})


def _card_text_kind(value: Any) -> str:
    return "Lines" if isinstance(value, (Lines, list)) else "Text"


CardText = Annotated[
    Annotated[Text, Tag("Text")] | Annotated[Lines, Tag("Lines")],
    Discriminator(_card_text_kind),
]


class CallBrief(_Strict):
    """A one-page brief to read minutes before a call of one kind."""

    id: Slug
    stage: BriefStage
    title: Text
    prepare: list[Text] = Field(min_length=1, description="What to have ready before the call: documents, "
                                "figures, who attends. Shown first.")
    goal: Text = Field(description="What the call must achieve, in one or two sentences.")
    ask: list[Line] = Field(min_length=1, description="Questions to ask the client.")
    avoid: list[Line] = Field(min_length=1, description="What not to say or do.")
    agree: list[Line] = Field(min_length=1, description="What to leave the call having agreed.")
    follow_up: list[Line] = Field(min_length=1, description="What to do after the call.")
    see_also: list[Ref] = Field(default_factory=list)
    search_words: SearchWordsField = None
    internal: InternalFlag = False


BRIEF_LINE_FIELDS = ("ask", "avoid", "agree", "follow_up")
CARD_FIELDS = ("summary", "when")  # a playbook's card on the home page, and its lede
assert all(name in CallBrief.model_fields for name in BRIEF_LINE_FIELDS)


PLACEHOLDER_PATTERN = r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]"


class Placeholder(_Strict):
    id: Slug = Field(description="Written in a template body as [[id]].")
    label: Text = Field(description="The form field's label.")
    example: Text = Field(description="Shown until the reader fills the field.")


class MessageTemplate(_Strict):
    """A ready text to send a client, with [[placeholders]] filled from a small form."""

    id: Slug
    title: Text
    purpose: Text = Field(description="When to send it.")
    body: Text = Field(description="The message. Placeholders are [[id]], declared below.")
    placeholders: list[Placeholder] = Field(default_factory=list)
    search_words: SearchWordsField = None
    internal: InternalFlag = False


class SelfCheck(_Strict):
    """An onboarding question whose answer the reader reveals on request."""

    id: Slug
    question: Text
    answer: Text
    see_also: list[Ref] = Field(default_factory=list)


class Term(_Strict):
    """A glossary entry, defined in the playbook that explains it."""

    id: Slug
    term: Text
    definition: Text
    forms: Text = Field(
        description="Comma-separated word beginnings that mark a use of the term in text, "
        "e.g. 'бриф' matches бриф, брифа, брифом.",
    )
    internal: InternalFlag = False
    search_words: SearchWordsField = None


class Playbook(_Strict):
    """A page of the handbook: one situation in the client relationship."""

    id: Slug = Field(description="Equals the file name without .yml.")
    order: int = Field(ge=1, description="Position in the navigation.")
    title: Text
    summary: CardText = Field(description="One sentence: what this playbook is for (its card and lede); "
                              "a text, or lines each a text or {text, internal}.")
    when: CardText = Field(description="When to open it (its card and lede); a text, or lines each a "
                           "text or {text, internal}.")
    tags: list[TopicTag] = Field(default_factory=list, description="Topic ids.")
    owner: Text = Field(description="Who keeps this playbook true: a role, not a person.")
    reviewed: Annotated[str, StringConstraints(strict=True), AfterValidator(_iso_date)] = Field(
        description="Date of the last review, YYYY-MM-DD.", examples=["2026-11-20"]
    )
    review_every_days: int = Field(ge=7, le=730, description="How often it must be reviewed.")
    stage: Stage = Field(description="Its place on the relationship map.")
    internal: InternalFlag = False
    sections: list[Section] = Field(min_length=1)
    call_briefs: list[CallBrief] = Field(default_factory=list)
    templates: list[MessageTemplate] = Field(default_factory=list)
    self_check: list[SelfCheck] = Field(default_factory=list, description="Onboarding questions.")
    terms: list[Term] = Field(default_factory=list, description="Glossary entries.")


class Item(_Strict):
    """One tickable line of a checklist."""

    id: Slug = Field(description="Storage key for reader progress: never change it.")
    text: Text = Field(description="What to do or check, imperative, short.")
    detail: Text | None = Field(default=None, description="Why and how, shown on demand.")
    who: Who | None = Field(default=None, description="Who does it, where it matters.")
    required: bool = Field(default=True, description="False for nice-to-have items.")
    see_also: list[Ref] = Field(default_factory=list)
    internal: InternalFlag = False
    staff_note: StaffNote = None
    indicates: list[Ref] = Field(
        default_factory=list,
        description="Health checks: the situations (section refs) this observation points to.",
    )
    weight: int = Field(default=1, ge=1, le=3, description="Health checks: 1 mild, 2 serious, 3 acute.")


class ChecklistKind(str, Enum):
    steps = "steps"
    health_check = "health-check"


class Checklist(_Strict):
    id: Slug = Field(description="Equals the file name without .yml.")
    playbook: Slug = Field(description="The playbook whose section shows this checklist.")
    title: Text
    purpose: Text = Field(description="When to run it and what it achieves.")
    kind: ChecklistKind = Field(default=ChecklistKind.steps,
                                description="A health check turns ticked observations into a diagnosis.")
    internal: InternalFlag = False
    search_words: SearchWordsField = None
    items: list[Item] = Field(min_length=1)



@cache
def walked_fields(model: type[BaseModel], also: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The fields of a model that can hold other models (Text aside), and those in `also`,
    in field order: all that a walk over the content for references or internal parts
    needs to enter."""
    return tuple(name for name, info in model.model_fields.items()
                 if name in also or _holds_models(info.annotation))


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return not issubclass(annotation, Text)
    return any(_holds_models(arg) for arg in get_args(annotation))
