"""Data edits as contributors make them: a copy of the real data folder with one entry of one file
broken in a generated way (wrong types, missing and unknown keys, dangling ids, duplicates, odd
Unicode, broken bytes). Every failure must be a TaxonomyError naming file, entry and field, never
another exception; a valid edit (odd Unicode in a summary) must still load."""

from __future__ import annotations

import datetime
import json
import math
import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muscletwitch import course, parameters, quiz, reflex_params, taxonomy
from muscletwitch.errors import TaxonomyError
from muscletwitch.schema import DATA_DIR, data_fields, required

TABLES = (*taxonomy.TABLES, *course.TABLES, *parameters.TABLES, quiz.BANK, *reflex_params.TABLES)
BY_KEY = {(t.file, t.key): t for t in TABLES}
FILES = sorted({t.file for t in TABLES})
DOCS = {f: tomllib.loads((DATA_DIR / f).read_text("utf-8")) for f in FILES}
# free text that nothing else depends on: any Unicode that is not blank is a valid edit
FREE_TEXT = {"summary", "mechanism", "question", "advice", "explanation", "timing", "learn"}


def load_everything(folder: Path) -> None:
    """Every loader of the package, on one folder (each checks what it reads)."""
    taxonomy.load_taxonomy(folder)
    course.load_course(folder)
    parameters.load_parameters(folder)
    quiz.load_bank(folder)
    reflex_params.load_reflex(folder)


# --- TOML out (the standard library reads TOML but does not write it) ----------------------------


def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return (
            "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
        )
    if isinstance(v, str):  # JSON string escapes are TOML's, but for DEL
        return json.dumps(v, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(map(toml_value, v)) + "]"
    return "{" + ", ".join(f"{toml_value(k)} = {toml_value(x)}" for k, x in v.items()) + "}"


def toml_doc(doc: dict[str, Any]) -> str:
    return "".join(f"{toml_value(k)} = {toml_value(v)}\n" for k, v in doc.items())


# --- where an entry is, as the loader names it ---------------------------------------------------


def entries(file: str) -> list[tuple[str, Any]]:
    """(table key, locator) of every entry of ``file``: a list index, a key, or None (single)."""
    out = []
    for key, raw in DOCS[file].items():
        form = BY_KEY[file, key].form if (file, key) in BY_KEY else None
        if form == "list":
            out += [(key, i) for i in range(len(raw))]
        elif form == "keyed":
            out += [(key, k) for k in raw]
        elif form == "single":
            out.append((key, None))
    return out


def label(file: str, key: str, loc: Any, entry: dict) -> str:
    kind = key.replace("_", " ")
    if loc is None:
        return f"{file}, [{key}]"
    return f"{file}, {kind} {(loc if isinstance(loc, str) else entry['id'])!r}"


# --- values ---------------------------------------------------------------------------------------

odd_text = st.text(
    st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf", "Co")),
    min_size=1,
    max_size=12,
)
scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    odd_text,
    st.dates(),
)
toml_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(odd_text, inner, max_size=3),
    max_leaves=6,
)


def tables_in(value: Any) -> list[dict]:
    """The TOML tables directly inside a value (a table, or a list of tables)."""
    if isinstance(value, dict):
        return [value] if value else []
    return [v for v in value if isinstance(v, dict) and v] if isinstance(value, list) else []


def toml_type(v: Any) -> str:
    return "number" if type(v) in (int, float) else type(v).__name__


# --- the property ---------------------------------------------------------------------------------

MESSAGE = re.compile(r"^(?P<file>[a-z_]+\.toml)(?:: |, )")
KINDS = (
    "wrong-type",
    "nested",
    "number",
    "delete",
    "unknown-key",
    "dangling",
    "duplicate",
    "unicode",
    "not-a-table",
)


@dataclass
class Edit:
    file: str
    data: bytes = field(repr=False)
    expect: str  # "load", "fail" or "either"
    where: str = ""  # how the message must start
    field: str | None = None  # the field it must name


@st.composite
def entry_edits(draw: st.DrawFn) -> Edit:
    """One entry of one file changed; the file written back as TOML."""
    file = draw(st.sampled_from(FILES))
    doc = tomllib.loads(toml_doc(DOCS[file]))  # a deep copy
    key, loc = draw(st.sampled_from(entries(file)))
    holder, slot = (doc, key) if loc is None else (doc[key], loc)
    entry = holder[slot]
    where = label(file, key, loc, entry)
    table = BY_KEY[file, key]
    spec = {f.name: f for f in data_fields(table.cls)}
    present = [n for n in entry if n != "id" or table.form == "list"]
    kind = draw(st.sampled_from(KINDS))

    def edit(expect: str, where: str = where, field: str | None = None) -> Edit:
        return Edit(file, toml_doc(doc).encode(), expect, where, field)

    def by_number(name: str | None) -> Edit:  # an entry without a usable id is named by its place
        return edit("fail", f"{file}, {key.replace('_', ' ')} number {loc + 1}", name)

    if kind == "wrong-type":
        name = draw(st.sampled_from(present))
        old = toml_type(entry[name])
        entry[name] = draw(toml_values.filter(lambda v: toml_type(v) != old))
        return by_number(name) if name == "id" else edit("fail", field=name)
    if kind == "nested":  # a value inside a table inside the entry (a code, a range)
        inner = [(n, t) for n in present for t in tables_in(entry[n])]
        if not inner:
            return edit("load")
        name, target = draw(st.sampled_from(inner))
        part = draw(st.sampled_from(sorted(target)))
        old = toml_type(target[part])
        target[part] = draw(toml_values.filter(lambda v: toml_type(v) != old))
        return edit("fail", field=name)
    if kind == "number":  # any number where there is one: huge, negative, not finite
        numbers = [n for n in present if toml_type(entry[n]) == "number"]
        if not numbers:
            return edit("load")
        name = draw(st.sampled_from(numbers))
        edges = st.sampled_from([math.nan, math.inf, -math.inf, -1, 0, 10**400, 1e308, 5e-324])
        entry[name] = draw(edges | st.integers(-(2**63), 2**63 - 1) | st.floats())
        if isinstance(entry[name], float) and not math.isfinite(entry[name]):
            return edit("fail", field=name)
        return edit("either", file)  # a finite number may break a rule across entries
    if kind == "delete":
        name = draw(st.sampled_from(present))
        del entry[name]
        if name == "id":
            return by_number(name)
        return edit("fail", field=name) if required(spec[name]) else edit("either", file)
    if kind == "unknown-key":
        name = draw(odd_text.filter(lambda k: k not in spec))
        entry[name] = draw(toml_values)
        return edit("fail", field=name)
    if kind == "dangling":
        refs = [n for n in present if "ref" in spec[n].metadata]
        if not refs:
            return edit("load")  # untouched
        name = draw(st.sampled_from(refs))
        bad = "no-such-" + draw(odd_text)
        value = entry[name]
        if isinstance(value, str):
            entry[name] = bad
        elif isinstance(value, dict):
            value[bad] = 1
        else:
            value.append([bad] if value and isinstance(value[0], list) else bad)
        return edit("fail", field=name)
    if kind == "duplicate" and table.form == "list":
        padded = (
            draw(st.sampled_from(["", " ", "\t"])) + entry["id"] + draw(st.sampled_from(["", " "]))
        )
        holder.append(dict(entry, id=padded))  # the same id, perhaps with spaces around it
        return edit("fail", field="id")
    if kind == "unicode":
        texts = [n for n in present if n in FREE_TEXT and isinstance(entry[n], str)]
        if texts:
            entry[draw(st.sampled_from(texts))] = draw(odd_text.filter(str.strip))
        return edit("load")  # a valid edit
    holder[slot] = draw(scalars | st.lists(scalars, max_size=2))  # not a table
    return by_number(None) if table.form == "list" else edit("fail")


@st.composite
def file_edits(draw: st.DrawFn) -> Edit:
    """A file broken as bytes (bad UTF-8, cut short) or given an unknown top-level table."""
    file = draw(st.sampled_from(FILES))
    data = (DATA_DIR / file).read_bytes()
    at = draw(st.integers(0, len(data)))
    how = draw(st.sampled_from(["bad-utf8", "cut", "top-level"]))
    if how == "bad-utf8":
        bad = draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xe2\x82"]))
        return Edit(file, data[:at] + bad + data[at:], "fail", f"{file}: ")
    if how == "cut":
        return Edit(file, data[:at], "either", "")
    name = draw(odd_text.filter(lambda k: k not in DOCS[file] and k != "disclaimer"))
    first = next(iter(DOCS[file].values()))
    top = {name: first, **DOCS[file]}  # e.g. [[caus]] for [[cause]]: entries silently lost
    return Edit(file, toml_doc(top).encode(), "fail", f"{file}: ", None)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def test_the_serialiser_round_trips_the_real_data():
    for file in FILES:
        assert tomllib.loads(toml_doc(DOCS[file])) == DOCS[file]


def check(base: Path, edit: Edit) -> None:
    """Load a copy of the data with ``edit`` made: it loads, or raises the TaxonomyError wanted."""
    with tempfile.TemporaryDirectory(dir=base.parent) as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(base, folder)
        (folder / edit.file).write_bytes(edit.data)
        try:
            load_everything(folder)
        except TaxonomyError as e:  # anything else fails the test with its traceback
            message = str(e)
            assert edit.expect != "load", f"a valid edit of {edit.file} failed: {message}"
            assert MESSAGE.match(message), message
            assert message.startswith(edit.where), (message, edit.where)
            if edit.field is not None:
                assert f"field {edit.field!r}" in message, (message, edit.field)
        else:
            assert edit.expect != "fail", f"this edit loaded: {edit}"


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entry_edits() | file_edits())
def test_every_broken_edit_is_a_taxonomy_error_naming_file_entry_and_field(base, edit):
    check(base, edit)


def broken(file: str, old: bytes, new: bytes, message: str) -> Edit:
    """The real ``file`` with ``old`` replaced once: loading must fail with ``message``."""
    data = (DATA_DIR / file).read_bytes()
    assert old in data, old
    return Edit(file, data.replace(old, new, 1), "fail", message)


@pytest.mark.parametrize(
    "edit",
    [
        # bad UTF-8 escaped from tomllib as a UnicodeDecodeError
        broken("sites.toml", b'"Brain"', b'"Br\xffin"', "sites.toml: not UTF-8 text: byte 0xff"),
        # a misspelt table name lost its entries without a word
        broken(
            "therapies.toml",
            b"[[therapy]]",
            b"[[therapie]]",
            "therapies.toml: unknown top-level key 'therapie'; this file holds therapy; did you",
        ),
        # nan (and inf) passed every check of a float field
        broken(
            "signatures.toml",
            b"refractory_ms = 3.0",
            b"refractory_ms = nan",
            "signatures.toml, [train], field 'refractory_ms': value must be a finite number",
        ),
        # a number too large for a float raised OverflowError
        broken(
            "signatures.toml",
            b"refractory_ms = 3.0",
            b"refractory_ms = 1" + b"0" * 400,
            "signatures.toml, [train], field 'refractory_ms': value is too large for a float",
        ),
        # an id with a space after it was a second entry of the same id
        broken(
            "findings.toml",
            b'id = "blinking"',
            b'id = "twitching "',
            "findings.toml, finding 'twitching', field 'id': duplicate id",
        ),
    ],
    ids=["bad-utf8", "top-level-typo", "nan", "huge-number", "padded-duplicate-id"],
)
def test_the_bugs_it_found_stay_fixed(base, edit):
    check(base, edit)
