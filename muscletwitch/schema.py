"""One loader for every TOML file, driven by the frozen dataclasses that hold the data.

A dataclass *is* the schema of its table:

- a field's type says what the TOML value must be: ``str`` (not blank), ``int``, ``float``,
  ``bool``, ``Literal[...]`` (a closed vocabulary), ``X | None``, ``tuple[X, ...]`` (a list),
  ``tuple[X, Y]`` (a list of exactly two), ``tuple[tuple[str, X], ...]`` (a TOML table of
  key = value pairs, in file order) or another dataclass (a TOML table, checked the same way);
- a field without a default is required, one with a default is optional;
- ``field(metadata={"ref": "site"})`` says the value, each item, or each key of a pair table is the
  id of an entry of the table ``site`` (checked, with "did you mean");
- ``"min"`` in the metadata is the least number, or the least number of items of a list;
  ``"same_as": ("group", "category")`` says the value must equal the ``category`` of the entry that
  the field ``group`` refers to; ``"data": False`` marks a field that never comes from a file;
- rules across fields live in the dataclass's ``__post_init__``, which raises ``FieldError``.

Standard library only (plus tomli, a faster TOML parser, where installed): ``import muscletwitch``
stays fast.
"""

from __future__ import annotations

import math

try:  # tomli's compiled wheel parses the data about 3x faster than the stdlib (bench_import.py)
    import tomli as tomllib
except ImportError:  # the browser kernel (Pyodide) and any install without it: same API
    import tomllib
import types
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, Field, dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from .errors import FieldError, TaxonomyError, did_you_mean

DATA_DIR = Path(__file__).parent / "data"

Known = dict[str, dict[str, Any]]  # table -> id -> loaded entry


def data_folder(folder: str | Path | None = None) -> Path:
    """The data folder: the one shipped with the package unless ``folder`` is given."""
    return Path(folder).resolve() if folder is not None else DATA_DIR


@dataclass(frozen=True)
class Table:
    """Where a dataclass's entries live: ``[[key]]`` entries with an ``id`` ("list"), ``[key.<id>]``
    tables whose key is the id ("keyed"), or one ``[key]`` table ("single")."""

    file: str
    key: str
    cls: type
    form: Literal["list", "keyed", "single"] = "list"

    @property
    def kind(self) -> str:
        return self.key.replace("_", " ")


class _Bad(Exception):
    """A problem with one value; the loader adds where it is."""


def data_fields(cls: type) -> tuple[Field, ...]:
    """The fields of ``cls`` that a data file may hold, in declaration order."""
    return tuple(f for f in fields(cls) if f.metadata.get("data", True))


def required(f: Field) -> bool:
    return f.default is MISSING and f.default_factory is MISSING


def read(folder: Path, file: str) -> dict[str, Any]:
    """A parsed TOML file; TaxonomyError when it is missing or not TOML."""
    try:
        data = (folder / file).read_bytes()
    except FileNotFoundError:
        raise TaxonomyError(f"{file}: file missing from {folder}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:  # tomllib.load lets this through
        line = data[: e.start].count(b"\n") + 1
        raise TaxonomyError(
            f"{file}: not UTF-8 text: byte {data[e.start]:#x} on line {line}"
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise TaxonomyError(f"{file}: not valid TOML: {e}") from None


def _ref(value: str, meta: Any, known: Known) -> None:
    table = meta.get("ref")
    if table and value not in known[table]:
        hint = did_you_mean(value, sorted(known[table]))
        raise _Bad(f"{value!r} is not a known {table.replace('_', ' ')} id{hint}")


def _number(tp: type, value: Any, meta: Any, label: str = "value") -> Any:
    whole = tp is int
    if type(value) is bool or not isinstance(value, int if whole else (int, float)):
        raise _Bad(f"expected {tp.__name__}, got {type(value).__name__} {value!r}")
    if not whole:  # TOML has nan, inf and ints of any size; no quantity of ours is one
        try:
            value = float(value)
        except OverflowError:
            raise _Bad(f"{label} is too large for a float") from None
        if not math.isfinite(value):
            raise _Bad(f"{label} must be a finite number, got {value!r}")
    low = meta.get("min")
    if low is not None and value < low:
        raise _Bad(f"{label} must be a {'whole ' if whole else ''}number >= {low}, got {value!r}")
    return value


def _pairs(of: Any, value: Any, meta: Any, known: Known) -> tuple:
    """``tuple[tuple[str, X], ...]`` from a TOML table ``{ key = value, ... }``."""
    if not isinstance(value, dict):
        what = meta.get("ref", "key").replace("_", " ")
        raise _Bad(f"expected a table of {what} id = {meta.get('each', 'value')}, got {value!r}")
    inner = {k: v for k, v in meta.items() if k != "ref"}
    out = []
    for k, v in value.items():
        _ref(k, meta, known)
        if of in (int, float):
            v = _number(of, v, inner, f"{meta.get('each', 'value')} of {k!r}")
        else:
            v = _value(of, v, inner, known)
        out.append((k, v))
    return tuple(out)


@cache
def _kind(tp: Any) -> tuple[str, tuple]:
    """What the loader does with a type, worked out once per type: (kind, type arguments)."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        return "literal", args
    if origin in (Union, types.UnionType):
        return "optional", tuple(a for a in args if a is not type(None))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        pair = get_args(args[0])
        if (
            get_origin(args[0]) is tuple
            and len(pair) == 2
            and pair[0] is str
            and pair[1] is not ...
        ):
            return "pairs", (pair[1],)
        return "list", (args[0],)
    if origin is tuple:
        return "fixed", args
    if is_dataclass(tp):
        return "record", ()
    if tp in (str, bool, int, float):
        return tp.__name__, ()
    raise TypeError(f"the loader cannot read a field of type {tp!r}")  # a bug in a dataclass


def _value(tp: Any, value: Any, meta: Any, known: Known) -> Any:
    """``value`` checked against the type ``tp`` (and converted: lists become tuples)."""
    kind, args = _kind(tp)
    if kind == "str":
        if type(value) is not str:
            raise _Bad(f"expected str, got {type(value).__name__} {value!r}")
        if not value.strip():
            raise _Bad("must not be empty")
        _ref(value, meta, known)
        return value.strip()
    if kind == "literal":
        if value not in args:
            raise _Bad(f"{value!r} is not one of {', '.join(map(str, args))}")
        return value
    if kind == "bool":
        if type(value) is not bool:
            raise _Bad(f"expected bool, got {type(value).__name__} {value!r}")
        return value
    if kind in ("int", "float"):
        return _number(tp, value, meta)
    if kind == "optional":
        return _value(args[0], value, meta, known)
    if kind == "pairs":
        return _pairs(args[0], value, meta, known)
    if kind == "list":
        if not isinstance(value, list):
            raise _Bad(f"expected a list, got {value!r}")
        items = tuple(_value(args[0], v, meta, known) for v in value)
        if len(items) < meta.get("min", 0):
            raise _Bad(f"expected a list of at least {meta['min']}, got {len(items)}")
        if args[0] is str and len(set(items)) != len(items):
            raise _Bad(f"lists an id twice: {value!r}")
        return items
    if kind == "fixed":
        if not isinstance(value, list) or len(value) != len(args):
            raise _Bad(f"expected a list of {len(args)} values, got {value!r}")
        return tuple(_value(a, v, meta, known) for a, v in zip(args, value, strict=True))
    if not isinstance(value, dict):  # a record
        raise _Bad(f"expected a table, got {value!r}")
    return _nested(tp, value, known)


class _FieldProblem(Exception):
    def __init__(self, name: str, problem: str):
        self.name, self.problem = name, problem


@cache
def _spec(cls: type) -> tuple[dict[str, Field], dict[str, Any], frozenset[str], tuple[str, ...]]:
    """A dataclass's data fields by name, their types, the required ones and those that must
    agree with another entry (``same_as``); worked out once per class."""
    spec = {f.name: f for f in data_fields(cls)}
    needed = frozenset(n for n, f in spec.items() if required(f))
    agreeing = tuple(n for n, f in spec.items() if "same_as" in f.metadata)
    return spec, get_type_hints(cls), needed, agreeing


def _build(cls: type, entry: dict[str, Any], known: Known, extra: dict | None = None) -> Any:
    """One ``cls`` from a TOML table; _FieldProblem (top level) or _Bad (nested) when invalid."""
    spec, hints, needed, agreeing = _spec(cls)
    given = entry | extra if extra else entry
    for key in given:
        if key not in spec:
            problem = f"unknown field; allowed: {', '.join(spec)}{did_you_mean(key, spec)}"
            raise _FieldProblem(key, problem)
    if missing := needed - given.keys():
        raise _FieldProblem(next(n for n in spec if n in missing), "missing required field")
    values = {}
    for name, v in given.items():
        try:
            values[name] = _value(hints[name], v, spec[name].metadata, known)
        except _Bad as e:
            raise _FieldProblem(name, str(e)) from None
    for name in agreeing:
        if name in values:
            via, attr = spec[name].metadata["same_as"]
            target = known[spec[via].metadata["ref"]][values[via]]
            if getattr(target, attr) != values[name]:
                raise _FieldProblem(
                    name,
                    f"{values[name]!r} disagrees with {via} {values[via]!r}, whose {attr} is "
                    f"{getattr(target, attr)!r}",
                )
    try:
        return cls(**values)
    except FieldError as e:
        raise _FieldProblem(e.field, e.problem) from None


def _nested(cls: type, entry: dict[str, Any], known: Known) -> Any:
    try:
        return _build(cls, entry, known)
    except _FieldProblem as e:
        sep = " " if e.problem.startswith("'") else ": "
        raise _Bad(f"{e.name}{sep}{e.problem}") from None


def _entries(table: Table, doc: dict[str, Any]) -> list[tuple[str, dict[str, Any], dict]]:
    """(where, entry, fields taken from the file's structure) for each entry of ``table``."""
    raw = doc.get(table.key)
    if table.form == "single":
        if not isinstance(raw, dict):
            raise TaxonomyError(f"{table.file}, [{table.key}]: expected a table, got {raw!r}")
        return [(f"{table.file}, [{table.key}]", raw, {})]
    if table.form == "keyed":
        if not isinstance(raw, dict) or not raw:
            raise TaxonomyError(f"{table.file}: expected one or more [{table.key}.<id>] tables")
        out = []
        for key, entry in raw.items():
            where = f"{table.file}, {table.kind} {key!r}"
            if not isinstance(entry, dict):
                raise TaxonomyError(f"{where}: expected a table, got {entry!r}")
            if "id" in entry:
                raise TaxonomyError(f"{where}, field 'id': the id is the table's key")
            out.append((where, entry, {"id": key}))
        return out
    if not isinstance(raw, list) or not raw:
        raise TaxonomyError(f"{table.file}: expected one or more [[{table.key}]] entries")
    out = []
    seen: set[str] = set()
    for i, entry in enumerate(raw, 1):
        where = f"{table.file}, {table.kind} number {i}"
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where}: expected a [[{table.key}]] table, got {entry!r}")
        entry_id = entry.get("id")
        if "id" not in entry:
            raise TaxonomyError(f"{where}: missing required field 'id'")
        if not isinstance(entry_id, str) or not entry_id.strip():
            raise TaxonomyError(f"{where}, field 'id': expected a non-empty str, got {entry_id!r}")
        entry_id = entry_id.strip()  # as the loader reads it: " als" is "als"
        where = f"{table.file}, {table.kind} {entry_id!r}"
        if entry_id in seen:
            raise TaxonomyError(f"{where}, field 'id': duplicate id (ids must be unique)")
        seen.add(entry_id)
        out.append((where, entry, {}))
    return out


def load_table(table: Table, doc: dict[str, Any], known: Known) -> tuple:
    """Every entry of ``table`` in ``doc``, checked; adds them to ``known`` under ``table.key``."""
    objects = []
    entries = _entries(table, doc)
    # a table may refer to its own ids (a finding that implies another): known before building
    ids_here = (extra.get("id", entry.get("id")) for _, entry, extra in entries)
    known[table.key] = dict.fromkeys(i for i in ids_here if i is not None)
    for where, entry, extra in entries:
        try:
            obj = _build(table.cls, entry, known, extra)
        except _FieldProblem as e:
            raise TaxonomyError(f"{where}, field {e.name!r}: {e.problem}") from None
        objects.append(obj)
    known[table.key] = {getattr(o, "id", table.key): o for o in objects}
    return tuple(objects)


def _top_level(file: str, doc: dict[str, Any], allowed: Sequence[str]) -> None:
    """A top-level key no table reads (``[[caus]]`` for ``[[cause]]``) would be lost: an error."""
    for key in doc:
        if key not in allowed:
            hint = did_you_mean(key, allowed)
            raise TaxonomyError(
                f"{file}: unknown top-level key {key!r}; this file holds {', '.join(allowed)}{hint}"
            )


def load_tables(
    folder: Path,
    tables: Sequence[Table],
    known: Known | None = None,
    docs: dict[str, dict[str, Any]] | None = None,
    also: dict[str, tuple[str, ...]] | None = None,
) -> Known:
    """Load ``tables`` in order (a table may refer to the ids of any earlier one, or of
    ``known``); each file is parsed once (into ``docs``, if given, for other top-level keys,
    which ``also`` names: file -> keys). Returns ``known`` with the new tables added."""
    known = dict(known or {})
    docs = {} if docs is None else docs
    for table in tables:
        if table.file not in docs:
            docs[table.file] = read(folder, table.file)
            keys = [t.key for t in tables if t.file == table.file]
            _top_level(table.file, docs[table.file], (*keys, *(also or {}).get(table.file, ())))
        load_table(table, docs[table.file], known)
    return known


# --- a JSON Schema of each table, generated from the same dataclasses -----------------------------


def _json(tp: Any, meta: Any) -> dict[str, Any]:
    kind, args = _kind(tp)  # the loader's own reading of the type
    if kind == "literal":
        return {"enum": list(args)}
    if kind == "optional":
        return _json(args[0], meta)
    if kind == "pairs":
        return {"type": "object", "additionalProperties": _json(args[0], {})}
    if kind == "list":
        return {"type": "array", "items": _json(args[0], meta)}
    if kind == "fixed":
        items = [_json(a, meta) for a in args]
        return {"type": "array", "prefixItems": items, "minItems": len(args), "maxItems": len(args)}
    if kind == "record":
        return json_schema(tp)
    name = {"str": "string", "bool": "boolean", "int": "integer", "float": "number"}[kind]
    out: dict[str, Any] = {"type": name}
    if "ref" in meta:
        out["description"] = f"id of a {meta['ref'].replace('_', ' ')}"
    return out


def json_schema(cls: type, *, skip: Iterable[str] = ()) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of one entry of ``cls``, for reviewers and editors. Cross-table
    references are named in descriptions; the loader checks them."""
    hints = get_type_hints(cls)
    wanted = [f for f in data_fields(cls) if f.name not in skip]
    props = {f.name: _json(hints[f.name], f.metadata) for f in wanted}
    return {
        "type": "object",
        "title": cls.__name__,
        "description": (cls.__doc__ or "").strip().split("\n")[0],
        "properties": props,
        "required": [f.name for f in data_fields(cls) if required(f) and f.name in props],
        "additionalProperties": False,
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every table of every data file, keyed ``file#table``; to read them:
    ``python -c "import json, muscletwitch.schema as s; print(json.dumps(s.all_schemas()))"``."""
    from . import (  # lazy: they import this module
        course,
        emg_data,
        exercises,
        parameters,
        pool_parameters,
        quiz,
        reflex_params,
        taxonomy,
    )
    from .assess import VIGNETTES  # (``muscletwitch.assess`` is also the function's name)

    tables = (*taxonomy.TABLES, *course.TABLES, *parameters.TABLES, quiz.BANK, VIGNETTES)
    tables += (exercises.TABLE,)
    tables += (*emg_data.TABLES, *reflex_params.TABLES, *pool_parameters.TABLES)
    return {
        f"{t.file}#{t.key}": json_schema(t.cls, skip=("id",) if t.form == "keyed" else ())
        for t in tables
    }
