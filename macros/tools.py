"""What the manager's tools show, computed from the catalog (no HTML here).

Health check diagnosis targets, the glossary with where each term is used, the topics
index, the relationship map and the onboarding route are all derived from the YAML, so
a new playbook, term or tag appears in every tool without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .catalog import Catalog
from .models import (
    BriefStage,
    CallBrief,
    Callout,
    Checklist,
    Item,
    MessageTemplate,
    Playbook,
    Section,
    Stage,
    Story,
    TagRef,
    Term,
    Text,
    tag_id,
)

# Letters in alphabetical order where code points are not (і, ї, є, ґ, ё).
_ALPHABETS = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
}


def collation_key(text: str, language: str) -> tuple[int, ...]:
    """Sort key in the language's alphabet order; other characters after, by code point."""
    alphabet = _ALPHABETS.get(language, "")
    position = {letter: index for index, letter in enumerate(alphabet)}
    return tuple(position.get(ch, 1000 + ord(ch)) for ch in text.casefold())


# -- health check ------------------------------------------------------------------

@dataclass(frozen=True)
class Situation:
    """One diagnosis a health check can reach: a section, and what to open next."""

    ref: str
    playbook: Playbook
    section: Section
    checklist: Checklist | None
    items: tuple[Item, ...]


def health_situations(catalog: Catalog, checklist: Checklist) -> list[Situation]:
    """The sections a health check's items point to, in the order they first appear."""
    order: list[str] = []
    items: dict[str, list[Item]] = {}
    for item in checklist.items:
        for ref in item.indicates:
            if ref not in items:
                order.append(ref)
                items[ref] = []
            items[ref].append(item)
    situations = []
    for ref in order:
        target = catalog.resolve(ref)
        if target is None:  # never in a loaded catalog or its public view (both resolve every ref)
            continue
        section = next(s for s in target.playbook.sections if s.id == ref.partition("#")[2])
        shown = catalog.checklists.get(section.checklist) if section.checklist else None
        situations.append(Situation(ref, target.playbook, section, shown, tuple(items[ref])))
    return situations


def health_weights() -> tuple[int, ...]:
    """The weights an observation may carry, lightest first, as the model allows them."""
    bounds = {type(m).__name__: m for m in Item.model_fields["weight"].metadata}
    return tuple(range(bounds["Ge"].ge, bounds["Le"].le + 1))


@dataclass(frozen=True)
class HealthRules:
    """How the ticked observations of a health check become a risk level.

    The one statement of these rules: the diagnosis panel carries the numbers to health.js
    (its data-pb-health-* attributes), and the health check's page explains them, so what
    the page says is what the reader's ticks get.
    """

    acute: int = 3         # one sign this heavy or heavier: high on its own
    serious: int = 2       # one sign this heavy or heavier: at least medium
    high_total: int = 6    # ticked weights adding up to this or more: high
    medium_total: int = 3  # ... to this or more: at least medium

    def level(self, weights: Iterable[int]) -> str:
        """`none` with nothing ticked, else `low`, `medium` or `high` (as health.js decides)."""
        ticked = list(weights)
        if not ticked:
            return "none"
        if max(ticked) >= self.acute or sum(ticked) >= self.high_total:
            return "high"
        if max(ticked) >= self.serious or sum(ticked) >= self.medium_total:
            return "medium"
        return "low"


HEALTH_RULES = HealthRules()
HEALTH_LEVELS = ("low", "medium", "high")


@dataclass(frozen=True)
class WeightGroup:
    weight: int
    items: tuple[Item, ...]
    tone: str  # drawn as this risk level is: mild signs as low risk, acute ones as high


@dataclass(frozen=True)
class HealthExample:
    """`count` ticked signs of one `weight` (and nothing else) give `level`."""

    count: int
    weight: int
    level: str


@dataclass(frozen=True)
class HealthGuide:
    """What the health check's own page explains, all of it from the YAML and the rules."""

    checklist: Checklist
    rules: HealthRules
    weights: tuple[WeightGroup, ...]
    examples: tuple[HealthExample, ...]
    situations: tuple[Situation, ...]
    shown_in: tuple[Playbook, Section] | None  # the playbook section that also shows it

    @property
    def max_weight(self) -> int:
        return sum(item.weight for item in self.checklist.items)

    @staticmethod
    def weights_from(lightest: int) -> tuple[int, ...]:
        return tuple(w for w in health_weights() if w >= lightest)

    @staticmethod
    def weights_between(lightest: int, too_heavy: int) -> tuple[int, ...]:
        return tuple(w for w in health_weights() if lightest <= w < too_heavy)


def health_guide(catalog: Catalog, checklist: Checklist, rules: HealthRules = HEALTH_RULES) -> HealthGuide:
    groups = tuple(WeightGroup(w, tuple(i for i in checklist.items if i.weight == w),
                               HEALTH_LEVELS[min(n, len(HEALTH_LEVELS) - 1)])
                   for n, w in enumerate(health_weights()))
    # For each weight, the counts of its signs at which the level changes: 1 mild sign is
    # low, 3 are medium... (as many as the checklist has of that weight).
    examples = []
    for group in groups:
        last = None
        for count in range(1, len(group.items) + 1):
            level = rules.level([group.weight] * count)
            if level != last:
                examples.append(HealthExample(count, group.weight, level))
                last = level
    target = catalog.resolve(checklist.id)
    shown_in = None
    if target is not None:
        section = next((s for s in target.playbook.sections if s.checklist == checklist.id), None)
        shown_in = (target.playbook, section) if section is not None else None
    # every situation it can lead to, the one most signs point to first
    situations = sorted(health_situations(catalog, checklist), key=lambda s: -len(s.items))
    return HealthGuide(checklist, rules, groups, tuple(examples), tuple(situations), shown_in)


# -- glossary ----------------------------------------------------------------------

@dataclass(frozen=True)
class Use:
    """A section whose text uses a term."""

    playbook: Playbook
    section: Section


@dataclass
class GlossaryEntry:
    term: Term
    playbook: Playbook
    uses: list[Use] = field(default_factory=list)


def term_pattern(term: Term, language: str) -> re.Pattern[str]:
    """Words that begin with one of the term's forms, whole words only."""
    forms = sorted((f.strip() for f in term.forms.get(language).split(",") if f.strip()), key=len, reverse=True)
    alternatives = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![\w'’])(?:{alternatives})[\w'’-]*", re.IGNORECASE)


_WORD_TAIL = re.compile(r"[\w'’-]*")


class TermFinder:
    """Every use of many glossary terms in a text, in one pass over its word starts.

    Finds what `term_pattern` finds (a word beginning with one of a term's forms, to the
    end of the word), but looks each word start up in a table of forms instead of running
    one regular expression per term: with one term per playbook, a regex per term makes
    the glossary and the term links grow with the square of the number of playbooks.
    """

    def __init__(self, terms: Iterable[Term], language: str) -> None:
        self.terms = list(terms)
        self.language = language
        self.forms: dict[str, list[Term]] = {}
        for term in self.terms:
            for form in {f.strip().lower() for f in term.forms.get(language).split(",") if f.strip()}:
                self.forms.setdefault(form, []).append(term)
        self.lengths = sorted({len(form) for form in self.forms}, reverse=True)
        # The first letters of every form: most words start otherwise and are passed over.
        self.head = min(2, *self.lengths) if self.lengths else 0
        self.heads = {form[:self.head] for form in self.forms}
        # Word starts (the text's start, or after a character other than a letter, digit, _
        # or apostrophe) that begin like a form, found by the regex engine: each first
        # letter with the letters that may follow it (`ab|c[de]`), so the loop in `find`
        # sees few other words. Matching without case takes every letter whose lower case
        # is a form's (and a few more, such as ſ for s), and `heads` decides.
        following: dict[str, set[str]] = {}
        for head in self.heads:
            following.setdefault(head[0], set()).add(head[1:])
        starts = "|".join(
            re.escape(first) + (f"[{''.join(sorted(map(re.escape, rest)))}]" if rest != {""} else "")
            for first, rest in sorted(following.items())
        )
        self.starts = re.compile(rf"(?<![\w'’])(?:{starts})", re.IGNORECASE) if starts else None

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        """(start, end, term) of each use, by start; at one start, each term's longest form."""
        if self.starts is None:
            return []
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter whose lower case is longer: use the regexes
            return sorted(((m.start(), m.end(), t) for t in self.terms
                           for m in term_pattern(t, self.language).finditer(text)), key=lambda f: f[0])
        found: list[tuple[int, int, Term]] = []
        head, heads = self.head, self.heads
        for match in self.starts.finditer(text):
            start = match.start()
            if lowered[start:start + head] not in heads:
                continue
            seen: set[str] = set()
            for length in self.lengths:
                for term in self.forms.get(lowered[start:start + length], ()):
                    if term.id not in seen:
                        seen.add(term.id)
                        tail = _WORD_TAIL.match(text, start + length)
                        assert tail is not None, "the tail pattern matches the empty string too"
                        end = tail.end()
                        found.append((start, end, term))
        return found


def section_texts(section: Section, language: str) -> Iterator[str]:
    """The running text of a section, where glossary terms are linked (titles are not)."""
    texts: list[Text | None] = [section.lead]
    for point in section.points:
        texts += [point.text, point.detail, *point.subpoints]
    blocks: list[Callout | Story] = [*section.callouts, *section.stories]
    for block in blocks:
        texts.append(block.text)
    yield from (t.get(language) for t in texts if t is not None)


def glossary(catalog: Catalog, language: str) -> list[GlossaryEntry]:
    entries = [GlossaryEntry(term, playbook) for playbook in catalog.playbooks for term in playbook.terms]
    by_id = {entry.term.id: entry for entry in entries}
    finder = TermFinder([entry.term for entry in entries], language)
    for playbook in catalog.playbooks:
        for section in playbook.sections:
            used = {term.id for text in section_texts(section, language) for _, _, term in finder.find(text)}
            for term_id in used:  # each entry's uses stay in page order
                by_id[term_id].uses.append(Use(playbook, section))
    return sorted(entries, key=lambda e: collation_key(e.term.term.get(language), language))


# -- topics ------------------------------------------------------------------------

@dataclass
class Topic:
    tag: str
    playbooks: list[Playbook] = field(default_factory=list)
    sections: list[Use] = field(default_factory=list)
    internal: bool = False


def topics(catalog: Catalog) -> list[Topic]:
    """Each tag with its uses; a topic that only staff-only uses carry (marked so, or in a
    staff-only section or playbook) is `internal`: the public view has no such topic."""
    found: dict[str, Topic] = {}
    public: set[str] = set()

    def staff(tag: str | TagRef, *within: Playbook | Section) -> bool:
        return (isinstance(tag, TagRef) and tag.internal) or any(entry.internal for entry in within)

    for playbook in catalog.playbooks:
        for tag in playbook.tags:
            found.setdefault(tag_id(tag), Topic(tag_id(tag))).playbooks.append(playbook)
            public |= set() if staff(tag, playbook) else {tag_id(tag)}
        for section in playbook.sections:
            for tag in section.tags:
                found.setdefault(tag_id(tag), Topic(tag_id(tag))).sections.append(Use(playbook, section))
                public |= set() if staff(tag, playbook, section) else {tag_id(tag)}
    for topic in found.values():
        topic.internal = topic.tag not in public
    return list(found.values())


# -- relationship map ---------------------------------------------------------------

@dataclass(frozen=True)
class MapStage:
    stage: Stage
    playbooks: tuple[Playbook, ...]


def relationship_map(catalog: Catalog) -> list[MapStage]:
    """The course of a client relationship, stage by stage, with the playbooks for each."""
    return [
        MapStage(stage, tuple(p for p in catalog.playbooks if p.stage is stage))
        for stage in Stage
    ]


# -- call briefs and templates --------------------------------------------------------

@dataclass(frozen=True)
class Owned:
    """A brief or template with the playbook it comes from."""

    playbook: Playbook
    brief: CallBrief | None = None
    template: MessageTemplate | None = None


class Library:
    """Briefs and templates across the catalog, found by id."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    @cached_property
    def briefs(self) -> dict[str, Owned]:
        return {b.id: Owned(p, brief=b) for p in self.catalog.playbooks for b in p.call_briefs}

    @cached_property
    def templates(self) -> list[Owned]:
        return [Owned(p, template=t) for p in self.catalog.playbooks for t in p.templates]

    def briefs_by_stage(self) -> list[tuple[BriefStage, list[Owned]]]:
        return [(stage, [o for o in self.briefs.values() if o.brief and o.brief.stage is stage])
                for stage in BriefStage]
