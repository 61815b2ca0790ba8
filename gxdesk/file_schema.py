"""The JSON Schema of a .gxr file, derived from the format schema.

``python -m gxdesk.file_schema > docs/gxr.schema.json`` regenerates the
published copy; a test keeps the two identical.
"""

from __future__ import annotations

import json
from typing import Any

from gxdesk import schema
from gxdesk.gxr import FORMAT, VERSION
from gxdesk.schema import MAX_COUNT, REQUEST_COLUMN_IDS, TEXT_PARTS, YEAR_MAX, YEAR_MIN, Kind

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
            if table.id == "requests":
                rows[row.id] = {"type": "array", "items": cell, "minItems": len(columns),
                                "maxItems": len(columns),
                                "description": f"{row.label}: [{', '.join(c.label for c in columns)}]"}
            elif len(columns) == 1:
                rows[row.id] = dict(cell, description=f"{row.label}（{columns[0].label}）")
            else:
                rows[row.id] = _object({c.id: dict(cell, description=c.label) for c in columns}, row.label)
    return _object(rows, f"{schema.SECTION_BY_ID[table.section].heading}; a missing row reads as zeros")


def json_schema() -> dict[str, Any]:
    text = _object({p.id: {"type": "string", "description": p.title or p.hint} for p in TEXT_PARTS},
                   "narrative text; a missing part is empty")
    properties: dict[str, Any] = {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "organ": {"type": "string", "description": schema.META_LABELS["organ"]},
        "year": {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX,
                 "description": schema.META_LABELS["year"]},
        "doc_number": {"type": "string", "description": schema.META_LABELS["doc_number"]},
        "date": {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2})?$",
                 "description": f"{schema.META_LABELS['date']}, YYYY-MM-DD or empty"},
        "title": {"type": "string", "description": "optional own title; absent or empty = the standard title"},
        "text": text,
    }
    for table in schema.TABLES:
        properties[table.id] = _table(table)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"gxdesk report (.gxr), version {VERSION}",
        "description": "Applicant columns of requests rows, in order: " + ", ".join(REQUEST_COLUMN_IDS),
        **_object(properties),
        "required": ["format", "version", "year"],
    }


def dumps() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(dumps(), end="")
