"""Print pip constraints that pin every dependency to the lowest version pyproject.toml allows.

    python .ci/floors.py > floors.txt && pip install -c floors.txt -e '.[test]'

Each ``NAME>=X`` of the runtime dependencies and of the ``test`` extra becomes ``NAME==X``, so
the suite runs against the oldest versions we claim to support (.ci/run does this on the oldest
supported Python). A dependency without a floor is left to the resolver. Needs Python 3.11+
(tomllib); the constraints it writes serve any Python.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[^;]*?,\s*)?>=\s*([0-9][^,;\s]*)")


def requirements(text: str) -> list[str]:
    project = tomllib.loads(text)["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["test"]]


def floors(specs: list[str]) -> list[str]:
    pins = []
    for spec in specs:
        match = FLOOR.match(spec)
        if match:
            pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


def main() -> int:
    print("\n".join(floors(requirements(PYPROJECT.read_text(encoding="utf-8")))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
