"""``python -m stance``: the same as the ``stance`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
