"""The two storage engines by name, and which one a database is: the leaf every schema module may import."""

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


def dialect_of(db) -> str:
    """The engine behind `db` (a Store, or a bare sqlite-utils Database: SQLite)."""
    return getattr(db, "dialect", SQLITE)
