"""Second Opinion Desk: Medi-Cal second medical opinion requests for California front desks."""

import os

__version__ = "0.1.0"

# The desk uses no pydantic plugin; looking for them reads every installed package's metadata on the first model
# (15 ms of a one-shot `sodesk evaluate`, issue 15). A deployment that wants one sets the variable itself.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
