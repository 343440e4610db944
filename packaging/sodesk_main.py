"""The frozen app's entry point (PyInstaller runs this file; `python -m app` does the same from source)."""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    # An export renders its letters in worker processes (app.services.referrals, "spawn"): in a frozen app each
    # worker starts this same program, which must hand it to multiprocessing instead of opening the desk.
    multiprocessing.freeze_support()
    sys.exit(main())
