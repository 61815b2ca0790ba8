"""Is installer/ChineseSimplified.isl a complete translation of Inno Setup's Default.isl?

    python3 installer/isl_check.py PATH/TO/Default.isl [installer/ChineseSimplified.isl]

Every message of Default.isl's [Messages] and [CustomMessages] must be translated, none added,
and each translation must carry the same placeholders as the original (%1…%9, %n, [name],
[name/ver], [mb], [gb]): Inno Setup fills them in, and one lost would show a blank or a wrong
figure. Prints one line per problem; exits 1 when there is one.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

SECTIONS = ("Messages", "CustomMessages")
PLACEHOLDER = re.compile(r"%[1-9n]|\[(?:name|name/ver|mb|gb|kb)\]")


def messages(path: Path) -> dict[str, dict[str, str]]:
    """{section: {name: text}} of the sections checked."""
    found: dict[str, dict[str, str]] = {}
    section = ""
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif section in SECTIONS and "=" in line:
            name, text = line.split("=", 1)
            found.setdefault(section, {})[name.strip()] = text
    return found


def problems(original: Path, translation: Path) -> list[str]:
    english, chinese = messages(original), messages(translation)
    found = []
    for section in SECTIONS:
        source, target = english.get(section, {}), chinese.get(section, {})
        found += [f"[{section}] {name}: not translated" for name in source if name not in target]
        found += [f"[{section}] {name}: not in Default.isl" for name in target if name not in source]
        for name in source.keys() & target.keys():
            want, have = Counter(PLACEHOLDER.findall(source[name])), Counter(PLACEHOLDER.findall(target[name]))
            if want != have:
                found.append(f"[{section}] {name}: placeholders {sorted(have.elements())}, "
                             f"the original has {sorted(want.elements())}")
    return found


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    translation = Path(argv[1]) if len(argv) == 2 else Path(__file__).resolve().parent / "ChineseSimplified.isl"
    found = problems(Path(argv[0]), translation)
    for problem in found:
        print(f"isl_check: {translation.name}: {problem}")
    count = sum(len(v) for v in messages(translation).values())
    print(f"isl_check: {translation.name}: {count} messages, {len(found)} problems against {argv[0]}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
