"""The page layout of GB/T 9704-2012 《党政机关公文格式》, shared by both writers.

Everything a writer needs to place text lives here in points (1/72 inch):
page and margins, font sizes and line pitch, the rules and padding of table
cells, the page-number position, the signature indents. Both the .docx and
the PDF writer read these constants, so the two outputs cannot drift apart.
Each table's own column widths and type size are facts of the format, in
``gxdesk.schema``.
"""

from __future__ import annotations

from gxdesk.render import breaking

MM = 72 / 25.4  # points per millimetre

# --- Page -------------------------------------------------------------------------
PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
MARGIN_TOP = 37 * MM
MARGIN_BOTTOM = 35 * MM
MARGIN_LEFT = 28 * MM
MARGIN_RIGHT = 26 * MM
TYPE_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
TYPE_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 225 mm

# --- Type -------------------------------------------------------------------------
# Chinese point sizes: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt, 小四 = 12 pt, 5号 = 10.5 pt.
BODY_SIZE = 16.0
TITLE_SIZE = 22.0
PAGE_NUMBER_SIZE = 14.0
# The grid of GB/T 9704: 22 lines × 28 characters of 3号 in the 156 × 225 mm type area.
LINES = 22
LINE_CELLS = breaking.LINE_CELLS
# 22 lines a page: 225 mm / 22 = 28.99 pt; Word templates use the fixed 28.95 pt.
LINE_PITCH = 28.95
# 28 characters a line: 156 mm / 28 = 15.79 pt, a little less than the 16 pt of 3号 — the
# standard's slight compression. Body text is tracked by the difference, on every character.
CHAR_PITCH = TYPE_WIDTH / LINE_CELLS
TRACKING = CHAR_PITCH - BODY_SIZE  # −0.21 pt
TITLE_PITCH = 36.0  # a two-line 2号 title needs more air than the body grid
TITLE_CELLS = int(TYPE_WIDTH // TITLE_SIZE)  # 20 characters of 2号 a line
INDENT = 2 * CHAR_PITCH  # first line indented two characters (two cells of the grid)
TITLE_FAUX_BOLD = 0.035  # stroke width / size when 小标宋 is missing and 宋体 stands in

# --- Tables (widths and type size per table: schema.Table) -------------------------
TABLE_LEADING = 1.3  # line height / font size inside table cells
CELL_PAD_X = 3.0
CELL_PAD_Y = 2.5
RULE_WIDTH = 0.5  # table lines, 0.5 pt
TABLE_SPACE_AFTER = 8.0  # between a table and the next paragraph

# --- Page numbers -----------------------------------------------------------------
# "— 1 —" in 4号宋体, the dash line 7 mm below the type area; odd pages right,
# even pages left, one character in from the edge of the type area.
PAGE_NUMBER_GAP = 7 * MM
PAGE_NUMBER_INSET = PAGE_NUMBER_SIZE
# Word places the footer by the distance from the page edge to the bottom of
# its line; 25.5 mm puts the dash line 7 mm under the type area (measured in
# LibreOffice's rendering, tests/test_render_libreoffice_layout.py).
FOOTER_DISTANCE = 25.5 * MM


def page_number_text(number: int) -> str:
    return f"— {number} —"


# --- Signature --------------------------------------------------------------------
SIGNATURE_GAP_LINES = 1  # blank lines between text and signature, no seal
SEAL_GAP_LINES = 2  # with a seal: its top within a line of the text, date and name under its centre
