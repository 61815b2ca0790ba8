import sys

from gxdesk.cli import main

sys.exit(main())
