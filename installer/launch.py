"""Entry point of both frozen executables: ``gxdesk`` (console) and ``gxdeskw`` (windowed).

One script serves both so that the spec needs one analysis; the executable's
own name says which front door to open, as the two pip entry points do.
"""

import sys
from pathlib import Path

from gxdesk.cli import main, main_window

if __name__ == "__main__":
    windowed = Path(sys.executable).stem.lower() == "gxdeskw"
    sys.exit(main_window() if windowed else main())
