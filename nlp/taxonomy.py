"""The canonical indicator taxonomy: dimensions, 三级 concepts and filler.

The taxonomy is a versioned JSON data file shipped in the package
(``nlp/resources/taxonomy/taxonomy-<version>.json``). :func:`load_taxonomy`
reads it and validates every entry, so a broken edit fails loudly with the file
name, the entry index and its id. Concept ids are stable forever: new versions
only add concepts (see docs/taxonomy.md).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from nlp.dimensions import DIMENSIONS, L1_OF_DIMENSION_101, L1_OF_DIMENSION_CLASSIC
from nlp.text import normalize_for_matching

#: File name of the taxonomy shipped with this version of the library.
DEFAULT_TAXONOMY_FILE = "taxonomy-1.1.json"

MEASURE_TYPES: tuple[str, ...] = (
    "count",
    "rate",
    "money",
    "date_or_duration",
    "satisfaction",
    "qualitative",
)

#: Unit families a target value is expected to carry.
UNIT_FAMILIES: tuple[str, ...] = ("count", "percent", "money", "time", "score", "none")

_REQUIRED_CONCEPT_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "dimension",
    "measure_type",
    "unit_family",
    "aliases",
    "phrasings",
)
_OPTIONAL_CONCEPT_FIELDS: tuple[str, ...] = (
    "sectors",
    "project_types",
    "filler",
    "filler_reason",
    "process",
    "tolerated_dimensions",
    "note",
)
_REQUIRED_DIMENSION_FIELDS: tuple[str, ...] = (
    "name",
    "l1_classic",
    "l1_2021",
    "definition",
    "decision_rules",
)
_ID_RE = re.compile(r"^[a-z]+(?:\.[a-z0-9_]+)+$")

# Decoration that real tables put around a 三级 name and that never changes its
# meaning: "指标1:", "1.", "★", and a trailing unit in brackets "（%）", "(万人)".
_LEADING_DECORATION_RE = re.compile(r"^(?:[★☆*]+|指标\d+[:.、]|\d+[:.、)]|[(（]\d+[)）])+")
_TRAILING_UNIT_RE = re.compile(
    r"[(（\[](?:%|％|‰|[个人次户家台套元万亿千米亩平方公里项件篇份场期天日月年所村座条辆头只株册本批课时]{1,4})[)）\]]$"
)
# A template placeholder left in the name: "(≥**%)", "(≤**万元)", "( ≥**个 )".
_TRAILING_PLACEHOLDER_RE = re.compile(r"[(（][^()（）]*\*\*[^()（）]*[)）]$")


class TaxonomyError(ValueError):
    """The taxonomy file, or a label checked against it, is invalid.

    The message names the file and the entry (index and id) and says what is
    expected instead.
    """


@dataclass(frozen=True)
class Dimension:
    """One canonical 二级 dimension and where it sits in both frameworks."""

    name: str
    l1_classic: str
    l1_2021: str
    definition: str
    decision_rules: tuple[str, ...]


@dataclass(frozen=True)
class Concept:
    """One canonical 三级 indicator concept."""

    id: str
    name: str
    dimension: str
    measure_type: str
    unit_family: str
    aliases: tuple[str, ...]
    phrasings: tuple[str, ...]
    sectors: tuple[str, ...] = ()
    project_types: tuple[str, ...] = ()
    filler: bool = False
    filler_reason: str = ""
    #: A 过程 (budget execution / management) indicator rather than an
    #: output or outcome; 财预〔2021〕101号 says not to use these as targets.
    process: bool = False
    #: Dimensions under which real tables commonly file this concept and which
    #: checks should accept without flagging a misfiling.
    tolerated_dimensions: tuple[str, ...] = ()
    note: str = ""

    @property
    def l1_2021(self) -> str:
        return L1_OF_DIMENSION_101[self.dimension]

    @property
    def l1_classic(self) -> str:
        return L1_OF_DIMENSION_CLASSIC[self.dimension]

    def accepts_dimension(self, dimension: str) -> bool:
        """True when filing this concept under ``dimension`` is not a misfiling."""
        return dimension == self.dimension or dimension in self.tolerated_dimensions


@dataclass(frozen=True)
class Taxonomy:
    version: str
    source: str
    dimensions: Mapping[str, Dimension]
    concepts: Mapping[str, Concept]
    sectors: tuple[str, ...]
    project_types: tuple[str, ...]
    decision_rules: tuple[str, ...] = ()
    _index: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id; :class:`TaxonomyError` when there is none."""
        try:
            return self.concepts[concept_id]
        except KeyError:
            raise TaxonomyError(
                f"{self.source}: unknown concept id {concept_id!r}; ids are listed in "
                f"Taxonomy.concepts (e.g. {next(iter(self.concepts))!r})"
            ) from None

    def lookup(self, name: str) -> Concept | None:
        """The concept whose canonical name or alias equals ``name`` once both are
        normalised (:func:`nlp.text.normalize_for_matching`), else None.

        Numbering prefixes ("指标1:", "★"), a trailing bracketed unit ("（%）",
        "(人)") and a trailing template placeholder ("(≥**%)") are ignored, since
        tables add them freely.
        """
        for key in _lookup_keys(name):
            concept_id = self._index.get(key)
            if concept_id is not None:
                return self.concepts[concept_id]
        return None

    @property
    def filler_ids(self) -> frozenset[str]:
        """Boilerplate concepts (``filler: true``)."""
        return frozenset(cid for cid, c in self.concepts.items() if c.filler)

    @property
    def process_ids(self) -> frozenset[str]:
        """Budget-execution / fund-management concepts (``process: true``)."""
        return frozenset(cid for cid, c in self.concepts.items() if c.process)

    def concepts_in(self, dimension: str) -> tuple[Concept, ...]:
        """Concepts of one dimension, in file order."""
        self._check_dimension(dimension)
        return tuple(c for c in self.concepts.values() if c.dimension == dimension)

    def validate_label(self, dimension: str, concept_id: str | None = None) -> Concept | None:
        """Check a (dimension, concept) label. Returns the concept (or None when
        no concept id is given); raises :class:`TaxonomyError` when the dimension
        is unknown, the id is unknown, or the concept belongs elsewhere."""
        self._check_dimension(dimension)
        if not concept_id:
            return None
        concept = self.concept(concept_id)
        if not concept.accepts_dimension(dimension):
            allowed = ", ".join((concept.dimension, *concept.tolerated_dimensions))
            raise TaxonomyError(
                f"{self.source}: concept {concept_id!r} ({concept.name}) belongs to dimension "
                f"{concept.dimension!r}, not {dimension!r} (accepted: {allowed}); "
                f"fix the dimension or choose a concept of {dimension!r}"
            )
        return concept

    def _check_dimension(self, dimension: str) -> None:
        if dimension not in self.dimensions:
            raise TaxonomyError(
                f"{self.source}: unknown dimension {dimension!r} "
                f"(expected one of {', '.join(DIMENSIONS)})"
            )


def _lookup_keys(name: str) -> list[str]:
    key = normalize_for_matching(name or "")
    keys = [key]
    stripped = _LEADING_DECORATION_RE.sub("", key)
    stripped = _TRAILING_PLACEHOLDER_RE.sub("", stripped)
    stripped = _TRAILING_UNIT_RE.sub("", stripped)
    if stripped and stripped != key:
        keys.append(stripped)
    return keys


def default_taxonomy_path() -> Path:
    """Path of the taxonomy file shipped in the package."""
    resource = resources.files("nlp").joinpath("resources", "taxonomy", DEFAULT_TAXONOMY_FILE)
    return Path(str(resource))


_DEFAULT_CACHE: dict[str, Taxonomy] = {}


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy file (default: the packaged one).

    Raises :class:`TaxonomyError` naming the file and the offending entry.
    """
    if path is None:
        cached = _DEFAULT_CACHE.get(DEFAULT_TAXONOMY_FILE)
        if cached is None:
            resource = resources.files("nlp").joinpath("resources", "taxonomy", DEFAULT_TAXONOMY_FILE)
            cached = _parse(resource.read_text(encoding="utf-8"), DEFAULT_TAXONOMY_FILE)
            _DEFAULT_CACHE[DEFAULT_TAXONOMY_FILE] = cached
        return cached
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TaxonomyError(f"{path.name}: cannot read taxonomy file: {exc.strerror}") from None
    return _parse(text, path.name)


def _parse(text: str, source: str) -> Taxonomy:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TaxonomyError(
            f"{source}: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}: top level must be a JSON object")
    for key in ("version", "dimensions", "concepts"):
        if key not in data:
            raise TaxonomyError(f"{source}: missing top-level field {key!r}")
    version = data["version"]
    if not isinstance(version, str) or not re.fullmatch(r"\d+\.\d+", version):
        raise TaxonomyError(f"{source}: version must be a string like '1.0', got {version!r}")

    dimensions = _parse_dimensions(data["dimensions"], source)
    sectors = tuple(_string_list(data.get("sectors", []), source, "top level", "sectors"))
    project_types = tuple(
        _string_list(data.get("project_types", []), source, "top level", "project_types")
    )
    rules = tuple(_string_list(data.get("decision_rules", []), source, "top level", "decision_rules"))

    concepts: dict[str, Concept] = {}
    positions: dict[str, int] = {}
    index: dict[str, str] = {}
    raw_concepts = data["concepts"]
    if not isinstance(raw_concepts, list):
        raise TaxonomyError(f"{source}: 'concepts' must be a list")
    for number, raw in enumerate(raw_concepts):
        concept = _parse_concept(raw, number, source, sectors, project_types)
        where = f"{source}: concept #{number} (id {concept.id!r})"
        if concept.id in concepts:
            raise TaxonomyError(
                f"{where}: duplicate concept id, already used by concept #{positions[concept.id]}; "
                f"give the new concept a new id (ids are never reused)"
            )
        for text_form in (concept.name, *concept.aliases):
            key = normalize_for_matching(text_form)
            other_id = index.get(key)
            if other_id is None:
                index[key] = concept.id
                continue
            if other_id == concept.id:
                continue  # the same name twice within one concept is harmless
            other = concepts[other_id]
            if other.dimension != concept.dimension:
                raise TaxonomyError(
                    f"{where}: alias {text_form!r} already maps to concept #{positions[other_id]} "
                    f"(id {other_id!r}) with dimension {other.dimension!r}, not {concept.dimension!r}; "
                    f"a name must mean one dimension: keep it on one concept"
                )
            raise TaxonomyError(
                f"{where}: alias {text_form!r} already maps to concept #{positions[other_id]} "
                f"(id {other_id!r}); a name must map to one concept: merge them or drop the alias"
            )
        concepts[concept.id] = concept
        positions[concept.id] = number

    return Taxonomy(
        version=version,
        source=source,
        dimensions=MappingProxyType(dimensions),
        concepts=MappingProxyType(concepts),
        sectors=sectors,
        project_types=project_types,
        decision_rules=rules,
        _index=MappingProxyType(index),
    )


def _parse_dimensions(raw: Any, source: str) -> dict[str, Dimension]:
    if not isinstance(raw, list):
        raise TaxonomyError(f"{source}: 'dimensions' must be a list")
    dimensions: dict[str, Dimension] = {}
    for number, entry in enumerate(raw):
        name = entry.get("name") if isinstance(entry, dict) else None
        where = f"{source}: dimension #{number} ({name!r})"
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where}: must be a JSON object")
        for key in _REQUIRED_DIMENSION_FIELDS:
            if key not in entry:
                raise TaxonomyError(f"{where}: missing field {key!r}")
        if name not in DIMENSIONS:
            raise TaxonomyError(
                f"{where}: unknown dimension {name!r} (expected one of {', '.join(DIMENSIONS)})"
            )
        if name in dimensions:
            raise TaxonomyError(f"{where}: dimension listed twice")
        if entry["l1_2021"] != L1_OF_DIMENSION_101[name]:
            raise TaxonomyError(
                f"{where}: l1_2021 is {entry['l1_2021']!r}, expected {L1_OF_DIMENSION_101[name]!r}"
            )
        if entry["l1_classic"] != L1_OF_DIMENSION_CLASSIC[name]:
            raise TaxonomyError(
                f"{where}: l1_classic is {entry['l1_classic']!r}, "
                f"expected {L1_OF_DIMENSION_CLASSIC[name]!r}"
            )
        dimensions[name] = Dimension(
            name=name,
            l1_classic=entry["l1_classic"],
            l1_2021=entry["l1_2021"],
            definition=_string(entry["definition"], where, "definition"),
            decision_rules=tuple(_string_list(entry["decision_rules"], source, where, "decision_rules")),
        )
    missing = [d for d in DIMENSIONS if d not in dimensions]
    if missing:
        raise TaxonomyError(f"{source}: dimensions missing: {', '.join(missing)}")
    return dimensions


def _parse_concept(
    raw: Any,
    number: int,
    source: str,
    sectors: tuple[str, ...],
    project_types: tuple[str, ...],
) -> Concept:
    cid = raw.get("id") if isinstance(raw, dict) else None
    where = f"{source}: concept #{number} (id {cid!r})"
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{where}: must be a JSON object")
    for key in _REQUIRED_CONCEPT_FIELDS:
        if key not in raw:
            raise TaxonomyError(f"{where}: missing field {key!r}")
    unknown = sorted(set(raw) - set(_REQUIRED_CONCEPT_FIELDS) - set(_OPTIONAL_CONCEPT_FIELDS))
    if unknown:
        raise TaxonomyError(
            f"{where}: unknown field {unknown[0]!r} (allowed: "
            f"{', '.join(_REQUIRED_CONCEPT_FIELDS + _OPTIONAL_CONCEPT_FIELDS)})"
        )
    if not isinstance(cid, str) or not _ID_RE.match(cid):
        raise TaxonomyError(
            f"{where}: id must be a lower-case dotted slug like 'qty.training_sessions'"
        )
    dimension = raw["dimension"]
    if dimension not in DIMENSIONS:
        raise TaxonomyError(
            f"{where}: unknown dimension {dimension!r} (expected one of {', '.join(DIMENSIONS)})"
        )
    measure_type = raw["measure_type"]
    if measure_type not in MEASURE_TYPES:
        raise TaxonomyError(
            f"{where}: unknown measure type {measure_type!r} "
            f"(expected one of {', '.join(MEASURE_TYPES)})"
        )
    unit_family = raw["unit_family"]
    if unit_family not in UNIT_FAMILIES:
        raise TaxonomyError(
            f"{where}: unknown unit family {unit_family!r} "
            f"(expected one of {', '.join(UNIT_FAMILIES)})"
        )
    concept_sectors = _string_list(raw.get("sectors", []), source, where, "sectors")
    for sector in concept_sectors:
        if sector not in sectors:
            raise TaxonomyError(
                f"{where}: unknown sector {sector!r}; add it to the top-level 'sectors' list first"
            )
    concept_types = _string_list(raw.get("project_types", []), source, where, "project_types")
    for project_type in concept_types:
        if project_type not in project_types:
            raise TaxonomyError(
                f"{where}: unknown project type {project_type!r}; "
                f"add it to the top-level 'project_types' list first"
            )
    tolerated = _string_list(raw.get("tolerated_dimensions", []), source, where, "tolerated_dimensions")
    for other in tolerated:
        if other not in DIMENSIONS or other == dimension:
            raise TaxonomyError(
                f"{where}: tolerated dimension {other!r} must be another of {', '.join(DIMENSIONS)}"
            )
    filler = raw.get("filler", False)
    process = raw.get("process", False)
    if not isinstance(filler, bool) or not isinstance(process, bool):
        raise TaxonomyError(f"{where}: 'filler' and 'process' must be true or false")
    filler_reason = _string(raw.get("filler_reason", ""), where, "filler_reason", allow_empty=True)
    if filler and not filler_reason:
        raise TaxonomyError(f"{where}: filler concept needs a 'filler_reason'")
    if filler_reason and not filler:
        raise TaxonomyError(f"{where}: 'filler_reason' given but 'filler' is not true")
    return Concept(
        id=cid,
        name=_string(raw["name"], where, "name"),
        dimension=dimension,
        measure_type=measure_type,
        unit_family=unit_family,
        aliases=tuple(_string_list(raw["aliases"], source, where, "aliases")),
        phrasings=tuple(_string_list(raw["phrasings"], source, where, "phrasings")),
        sectors=tuple(concept_sectors),
        project_types=tuple(concept_types),
        filler=filler,
        filler_reason=filler_reason,
        process=process,
        tolerated_dimensions=tuple(tolerated),
        note=_string(raw.get("note", ""), where, "note", allow_empty=True),
    )


def _string(value: Any, where: str, key: str, allow_empty: bool = False) -> str:
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise TaxonomyError(f"{where}: field {key!r} must be a non-empty string")
    return value


def _string_list(value: Any, source: str, where: str, key: str) -> list[str]:
    prefix = where if where.startswith(source) else f"{source}: {where}"
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{prefix}: field {key!r} must be a list of non-empty strings")
    return list(value)


def load_taxonomy_version(version: str) -> Taxonomy:
    """A packaged taxonomy by version ("1.0", "1.1"): data and models record the version they were made with."""
    file = f"taxonomy-{version}.json"
    resource = resources.files("nlp").joinpath("resources", "taxonomy", file)
    if not resource.is_file():
        raise TaxonomyError(f"{file}: no packaged taxonomy version {version!r}")
    return load_taxonomy(Path(str(resource)))
