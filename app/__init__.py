"""Second Opinion Desk: Medi-Cal second medical opinion requests for California front desks."""

__version__ = "0.1.0"
