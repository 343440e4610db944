"""The frozen app's entry point (PyInstaller runs this file; `python -m app` does the same from source)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
