"""Where lines break, decided once for both writers: titles, the signature block, table labels.

Widths are counted in grid cells (one full-width character; half-width
characters count half), the unit of GB/T 9704's 28 characters a line. The
decisions here depend only on the text, never on a font, so the .docx and the
PDF break titles, signatures and table labels in the same places:

- ``title_lines``: a title wrapped at word boundaries into the balanced
  上长下短 shape of GB/T 9704 7.3.1 — lines never longer than the one above,
  none of one or two characters, no number split;
- ``signature_lines``: the body's name and the date (7.3.5) for a name of any
  length, with or without a seal, always inside the type area;
- ``label_lines``: a table label broken so that no character is left alone
  on its last line (稳/定” → 三安全/一稳定”).
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from typing import NamedTuple, Sequence

# 行首禁则 / 行尾禁则 (GB/T 15834 practice): characters that may not start / end a line.
CANNOT_START = frozenset("，。、；：？！）》」』】〕〉］｝”’…—～·%‰℃,.;:?!)]}>々")
CANNOT_END = frozenset("（《「『【〔〈［｛“‘([{<")
# Full-width punctuation drawn in one half of its square (GB fonts centre ：；？！ instead):
# of two adjacent ones the blank half between them is squeezed out (标点挤压).
CLOSING = frozenset("，。、）》」』】〕〉”’")
OPENING = frozenset("（《「『【〔〈“‘")

LINE_CELLS = 28  # GB/T 9704: 28 characters a line


def char_cells(char: str) -> float:
    """Width in cells: full width for CJK (and the quotes Chinese fonts set wide), else half."""
    return 1.0 if unicodedata.east_asian_width(char) in "WFA" else 0.5


def cells(text: str) -> float:
    return sum(char_cells(c) for c in text)


def squeezed(char: str, following: str) -> bool:
    """Whether ``char`` loses its blank half before ``following`` (，“ ）。 （《 …)."""
    return (char in CLOSING and (following in CLOSING or following in OPENING)) or (
        char in OPENING and following in OPENING)


def is_latin(char: str) -> bool:
    return char.isascii() and not char.isspace()


def atoms(text: str) -> list[str]:
    """The pieces no line break may cut: a Latin word or figure (1,326) and a character with the
    punctuation glued to it (closing punctuation to what precedes, opening to what follows)."""
    units: list[str] = []
    for char in text:
        if units and is_latin(char) and is_latin(units[-1][-1]):
            units[-1] += char
        else:
            units.append(char)
    out: list[str] = []
    glue_next = False
    for unit in units:
        if out and not unit.isspace() and (glue_next or unit[0] in CANNOT_START):
            out[-1] += unit
        else:
            out.append(unit)
        glue_next = unit[-1] in CANNOT_END
    return out


# --- Organ names ---------------------------------------------------------------------

# A word of an organ's name ends after these (longest first): administrative levels and the
# kinds of bodies. "市场", "县委" and the like are words of their own, not a level and a rest.
_ENDINGS = sorted((
    "人民代表大会常务委员会", "人民政府办公室", "人民政府", "委员会", "办公室", "办事处", "领导小组", "服务中心",
    "管理局", "中心", "局", "厅", "委", "办", "院", "所", "站", "队", "处", "室", "科", "部", "署", "会",
    "自治区", "自治州", "自治县", "地区", "街道", "省", "市", "州", "盟", "县", "旗", "区", "乡", "镇",
), key=len, reverse=True)
_NOT_AN_END = ("市场", "市政", "市容", "市民", "区域", "县域", "乡村", "镇村", "州府", "县委", "市委", "区委",
               "省委", "州委", "旗委", "镇党委", "乡党委", "局属", "处置", "所属", "部门", "会计", "室外", "中心城区")


_NOT_ENDINGS = ("城乡", "城市", "都市", "社区")


def _not_an_ending(organ: str, start: int, end: int) -> bool:
    """Whether organ[start:end] only looks like an ending: a break after it would cut a word of
    _NOT_AN_END (市|场, 县|委), or it ends a word of _NOT_ENDINGS (城乡, 城市)."""
    cut = any(organ.startswith(word, p) and p < end < p + len(word)
              for word in _NOT_AN_END for p in range(max(0, end - len(word) + 1), end))
    return cut or any(organ.startswith(word, end - len(word)) and end - len(word) < start for word in _NOT_ENDINGS)


def organ_words(organ: str) -> list[str]:
    """The organ's name in words, e.g. 青禾县|市场监督管理局 or 某某市|某某区|人民政府|办公室."""
    words: list[str] = []
    start = i = 0
    while i < len(organ):
        ending = next((e for e in _ENDINGS if organ.startswith(e, i)), None)
        if ending is None:
            i += 1
            continue
        end = i + len(ending)
        if _not_an_ending(organ, i, end):
            i += 1
            continue
        if end - start >= 2 or not words:
            words.append(organ[start:end])
        else:  # a one-character word (区 of 某区区) stays with the one before
            words[-1] += organ[start:end]
        start = i = end
    if start < len(organ):
        words.append(organ[start:])
    return [w for w in words if w]


# --- Balanced lines --------------------------------------------------------------------

# What a break costs, by where it falls. Cheaper breaks are tried first.
MARKED = 1.0  # where the text marks a preferred break (the template's <wbr/>)
WORD_END = 2.0  # after a word of an organ's name: 青禾县|市场监督管理局
WORD_PAIR = 4.0  # between two-character words inside a longer one: 国有|资产|监督|管理委员会
CHARACTER = 30.0  # between any two characters: a last resort
_TIERS = (MARKED, WORD_END, WORD_PAIR, CHARACTER)
_GLUED_AFTER_FIGURES = frozenset("年月日号届次")
_CONJUNCTIONS = frozenset("和与及")
Pieces = list[tuple[str, float]]  # atoms, each with the cost of a break after it


def pieces(text: str) -> Pieces:
    """``text`` as atoms with the cost of a line break after each (the last costs 0)."""
    units = atoms(text)
    costs = [CHARACTER] * len(units)
    for i in range(len(units) - 1):
        if is_latin(units[i][-1]) and units[i + 1][0] in _GLUED_AFTER_FIGURES:
            costs[i] = math.inf  # 2025|年 would leave 年 opening a line
            if i + 2 < len(units) and units[i + 1] == "年" and units[i + 2] == "度":
                costs[i + 1], costs[i + 2] = math.inf, WORD_END  # 2025年度|政务
            else:
                costs[i + 1] = WORD_END  # 2025年|政府 is a word boundary
    position = 0
    for word in organ_words(text):
        first = _unit_at(units, position)
        position += len(word)
        last = _unit_at(units, position - 1)
        if last is not None and costs[last] < math.inf:
            costs[last] = min(costs[last], WORD_END)
        if first is not None and last is not None:
            _pairs(units, costs, first, last)
    if costs:
        costs[-1] = 0.0
    return list(zip(units, costs, strict=True))


def _unit_at(units: list[str], char_index: int) -> int | None:
    seen = 0
    for i, unit in enumerate(units):
        seen += len(unit)
        if char_index < seen:
            return i
    return None


def _pairs(units: list[str], costs: list[float], first: int, last: int) -> None:
    """Inside a word of four or more single characters: breaks between its two-character words,
    a conjunction (和) going with what follows, the word's known ending kept whole."""
    ending = next((e for e in _ENDINGS if "".join(units[first: last + 1]).endswith(e)), "")
    stem_end = last - len(ending) if ending and all(len(u) == 1 for u in units[first: last + 1]) else last
    run: list[int] = []
    for i in range(first, stem_end + 1):
        after_figure = (i > 0 and is_latin(units[i - 1][-1]) and units[i] in _GLUED_AFTER_FIGURES) or (
            i > 1 and units[i - 1] == "年" and units[i] == "度" and is_latin(units[i - 2][-1]))  # 2025年度
        if len(units[i]) != 1 or is_latin(units[i]) or after_figure:
            run = []
            continue
        if units[i] in _CONJUNCTIONS and run:
            costs[i - 1] = min(costs[i - 1], WORD_PAIR)
            run = []
            continue
        run.append(i)
        if len(run) % 2 == 0 and i < last:
            costs[i] = min(costs[i], WORD_PAIR)


def balanced_lines(words: Sequence[str], capacity: float) -> list[str]:
    """``words`` set in as few lines of at most ``capacity`` cells as the shape allows: each line
    no longer than the one above (上长下短), none of one or two characters, as even as possible;
    broken between the given words where it can, inside one (at its own word boundaries) only
    where it must, never inside a figure."""
    text = "".join(words)
    if cells(text) <= capacity or len(text) < 6:
        return [text] if text else []
    atoms_costs: Pieces = []
    for word in words:
        word_pieces = pieces(word)
        if word_pieces:
            word_pieces[-1] = (word_pieces[-1][0], MARKED)
            atoms_costs.extend(word_pieces)
    atoms_costs[-1] = (atoms_costs[-1][0], 0.0)
    return balance(atoms_costs, capacity)


def balance(units: Pieces, capacity: float) -> list[str]:
    """The cheapest balanced 上长下短 lines for ``units`` (see ``balanced_lines``)."""
    texts = [u for u, _ in units]
    costs = [c for _, c in units]
    widths = [cells(u) for u in texts]
    lowest = max(1, math.ceil(sum(widths) / capacity - 1e-9))
    best: tuple[float, list[str]] | None = None
    for tier in _TIERS:
        if best is not None and best[0] <= tier:
            break  # every break of this tier costs at least as much as the best already found
        gaps = [i for i in range(len(texts) - 1) if costs[i] <= tier]
        for count in range(lowest, lowest + 3):
            if count - 1 > len(gaps) or math.comb(len(gaps), count - 1) > 20000:
                continue
            found = _best_breaks(texts, widths, costs, gaps, count, capacity)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
            if found is not None:
                break  # more lines than needed only when fewer cannot take the shape
    return best[1] if best is not None else _greedy(texts, widths, capacity)


def _best_breaks(texts: list[str], widths: list[float], costs: list[float], gaps: list[int], count: int,
                 capacity: float) -> tuple[float, list[str]] | None:
    mean = sum(widths) / count
    ends = list(itertools.accumulate(widths))
    chars = list(itertools.accumulate(len(t) for t in texts))
    best: tuple[float, tuple[int, ...]] | None = None
    for chosen in itertools.combinations(gaps, count - 1):
        bounds = (-1, *chosen, len(texts) - 1)
        lengths = [ends[b] - (ends[a] if a >= 0 else 0.0) for a, b in itertools.pairwise(bounds)]
        if max(lengths) > capacity + 1e-9 or any(x < y for x, y in itertools.pairwise(lengths)):
            continue
        if any(chars[b] - (chars[a] if a >= 0 else 0) < 3 for a, b in itertools.pairwise(bounds)):
            continue
        cost = sum(costs[g] for g in chosen) + sum((x - mean) ** 2 for x in lengths)
        if best is None or cost < best[0]:
            best = (cost, chosen)
    if best is None:
        return None
    bounds = (-1, *best[1], len(texts) - 1)
    return best[0], ["".join(texts[a + 1: b + 1]) for a, b in itertools.pairwise(bounds)]


def _greedy(texts: list[str], widths: list[float], capacity: float) -> list[str]:
    lines: list[str] = [""]
    used = 0.0
    for text, width in zip(texts, widths, strict=True):
        if lines[-1] and used + width > capacity:
            lines.append("")
            used = 0.0
        lines[-1] += text
        used += width
    return lines


def title_lines(parts: list[list[str]], capacity: float) -> list[str]:
    """Title lines: explicit breaks (``parts``, one list per explicit line) always; each line
    balanced, preferably at its marked break points (between the list's words), when it does not fit."""
    lines: list[str] = []
    for words in parts:
        lines.extend(balanced_lines([w for w in words if w], capacity))
    return [line for line in lines if line] or [""]


# --- The signature block ------------------------------------------------------------------


class SignatureLine(NamedTuple):
    """One line of the signature block: where it stands, in cells from the left margin."""

    text: str
    align: str  # "left": starts at ``at``; "centre": centred on ``at``
    at: float


SEAL_DATE_RIGHT = 4  # with a seal the date is 右空四字
DATE_RIGHT = 2  # without, the name is 右空二字 (and the date when it is the longer line)
DATE_STEP = 2  # the date starts two characters right of the name


def signature_lines(organ: str, date: str, seal: bool, width: int = LINE_CELLS) -> list[SignatureLine]:
    """GB/T 9704 7.3.5 for a name of any length: the name (wrapped at word boundaries when
    too long), then the date on its own line under it; every line inside ``width`` cells.

    Without a seal the name is 右空二字 and the date starts two characters right of its first
    character (a date longer than the name is 右空二字 and the name moves left); a name too long
    for 右空二字 moves left, one longer than a line wraps. With a seal the date is 右空四字 and the
    name is centred above it, wrapped into shorter lines when it is too long to centre there.
    """
    date_w = cells(date)
    if seal:
        axis = width - SEAL_DATE_RIGHT - date_w / 2
        names = _seal_name(organ, axis, width)
        longest = max((cells(n) for n in names), default=0.0)
        name_axis = min(axis, width - longest / 2)
        return [*(SignatureLine(n, "centre", name_axis) for n in names), SignatureLine(date, "centre", axis)]
    names = balanced_lines(organ_words(organ), width - DATE_RIGHT) if cells(organ) > width else [organ]
    longest = max((cells(n) for n in names), default=0.0)
    start = max(0.0, width - DATE_RIGHT - longest)
    date_at = start + DATE_STEP
    if date_at + date_w > width - DATE_RIGHT:
        date_at = max(0.0, width - DATE_RIGHT - date_w)
        start = max(0.0, date_at - DATE_STEP)
    lines = [SignatureLine(n, "left", start) for n in names if n]
    return [*lines, SignatureLine(date, "left", date_at)]


def _seal_name(organ: str, axis: float, width: int) -> list[str]:
    if not organ:
        return []
    room = 2 * min(axis, width - axis)  # the longest line that can be centred on the axis
    if cells(organ) <= room:
        return [organ]
    centred = balanced_lines(organ_words(organ), room)
    if len(centred) <= 3 and all(cells(line) <= room for line in centred):
        return centred
    return balanced_lines(organ_words(organ), width) if cells(organ) > width else [organ]


# --- Table labels ----------------------------------------------------------------------------


def label_lines(text: str, capacity: float) -> list[str]:
    """A table label broken for a cell ``capacity`` cells wide: breaks where the text has them,
    else as late as the line allows, but never one character alone on the last line."""
    lines: list[str] = []
    for hard in text.split("\n"):
        lines.extend(_label(hard, capacity))
    return lines


def _label(text: str, capacity: float) -> list[str]:
    units = atoms(text)
    lines: list[list[str]] = [[]]
    used = 0.0
    for unit in units:
        width = cells(unit)
        if lines[-1] and used + width > capacity + 1e-9:
            lines.append([])
            used = 0.0
        lines[-1].append(unit)
        used += width
    if len(lines) > 1 and _letters(lines[-1]) <= 1 and len(lines[-2]) > 2:
        lines[-1].insert(0, lines[-2].pop())  # 稳/定” → 一稳/定”… moved down until two characters stand there
        if _letters(lines[-1]) <= 1 and len(lines[-2]) > 2:
            lines[-1].insert(0, lines[-2].pop())
    return ["".join(line) for line in lines]


def _letters(units: list[str]) -> int:
    return sum(1 for unit in units for c in unit if c not in CANNOT_START and c not in CANNOT_END)
