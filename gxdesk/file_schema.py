"""The JSON Schema of a .gxr file, derived from the format schema.

``python -m gxdesk.file_schema > docs/gxr.schema.json`` regenerates the
published copy; a test keeps the two identical.
"""

from __future__ import annotations

import json
from typing import Any

from gxdesk import schema
from gxdesk.gxr import EXPLANATIONS, FORMAT, PREVIOUS, VERSION
from gxdesk.model import FindingKey
from gxdesk.schema import MAX_COUNT, META_FIELDS, TEXT_PARTS, YEAR_MAX, YEAR_MIN, FileForm, Kind, MetaKind

_COUNT = {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_COUNT,
          "description": "件数; null = left blank (flagged by `gxdesk check`)"}
_AMOUNT = {"type": ["string", "number", "null"], "pattern": r"^\d+(\.\d{1,6})?$", "minimum": 0,
           "description": "金额，单位万元: a decimal string (a JSON number is read exactly too)"}


def _object(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if description:
        out["description"] = description
    return out


def _table(table: schema.Table) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for block in table.blocks:
        columns = [c for c in block.columns if not c.computed]
        cell = _AMOUNT if block.kind is Kind.AMOUNT else _COUNT
        for row in block.rows:
            if row.computed:
                continue
            if block.file_form is FileForm.LIST:
                rows[row.id] = {"type": "array", "items": cell, "minItems": len(columns),
                                "maxItems": len(columns),
                                "description": f"{row.label}: [{', '.join(c.label for c in columns)}]"}
            elif block.file_form is FileForm.VALUE:
                rows[row.id] = dict(cell, description=f"{row.label}（{columns[0].label}）")
            else:
                rows[row.id] = _object({c.id: dict(cell, description=c.label) for c in columns}, row.label)
    return _object(rows, f"{schema.SECTION_BY_ID[table.section].heading}; a missing row reads as zeros")


_META_TYPES: dict[MetaKind, dict[str, Any]] = {
    MetaKind.TEXT: {"type": "string"},
    MetaKind.YEAR: {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
    MetaKind.DATE: {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2})?$"},
}


def _meta(meta: schema.MetaField) -> dict[str, Any]:
    return dict(_META_TYPES[meta.kind], description=f"{meta.label}, {meta.note}" if meta.note else meta.label)


def _columns_note(table: schema.Table) -> str:
    """Which column each figure of a list row is (the list itself does not say)."""
    (block,) = [b for b in table.blocks if b.file_form is FileForm.LIST]
    return f"columns of {table.id} rows, in order: " + ", ".join(c.id for c in block.columns if not c.computed)


def _content() -> dict[str, Any]:
    """Meta, text and tables: the report, and last year's inside it."""
    text = _object({p.id: {"type": "string", "description": p.title or p.hint} for p in TEXT_PARTS},
                   "narrative text; a missing part is empty")
    properties: dict[str, Any] = {meta.id: _meta(meta) for meta in META_FIELDS}
    properties["text"] = text
    for table in schema.TABLES:
        properties[table.id] = _table(table)
    return properties


_REQUIRED = [m.id for m in META_FIELDS if m.required]


def json_schema() -> dict[str, Any]:
    versions = list(range(1, VERSION + 1))
    properties: dict[str, Any] = {
        "format": {"const": FORMAT},
        "version": {"enum": versions,
                    "description": "1, or 2 when the file has an optional part (explanations, previous); "
                                   "gxdesk 0.1 reads 1 only"},
        **_content(),
        EXPLANATIONS: _explanations(),
        PREVIOUS: dict(_object(_content(), "optional (version 2): last year's report, for the cross-year "
                                           "checks: the same keys as the report itself"), required=_REQUIRED),
    }
    listed = [t for t in schema.TABLES if any(b.file_form is FileForm.LIST for b in t.blocks)]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"gxdesk report (.gxr), versions {versions[0]}–{versions[-1]}",
        "description": "; ".join(_columns_note(t) for t in listed).capitalize(),
        **_object(properties),
        "required": ["format", "version", *_REQUIRED],
        # A file holding an optional part says version 2, so that gxdesk 0.1 refuses it as newer.
        "allOf": [{"if": {"required": [part]}, "then": {"properties": {"version": {"const": 2}}}}
                  for part in (EXPLANATIONS, PREVIOUS)],
    }


_FINDING_KEYS = {
    "rule": "the finding's rule id, e.g. cross.ratio",
    "table": "its table id, or empty",
    "row": "its row id, or empty",
    "column": "its column id, or empty",
    "field": "its text part or meta field, or empty",
}


def _explanations() -> dict[str, Any]:
    assert tuple(_FINDING_KEYS) == FindingKey._fields
    item = _object({**{k: {"type": "string", "description": d} for k, d in _FINDING_KEYS.items()},
                    "text": {"type": "string", "minLength": 1, "description": "the explanation (出错说明)"}})
    item["required"] = ["rule", "text"]
    return {"type": "array", "items": item,
            "description": "optional (version 2): the clerk's written answers to findings, each under the "
                           "finding's keys as `gxdesk check --json` prints them; one per finding"}


def dumps() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(dumps(), end="")
