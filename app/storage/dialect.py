"""The two storage engines by name, and which one a database is: the leaf every schema module may import."""

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every plain SQLite file


def dialect_of(db) -> str:
    """The engine behind `db` (a Store, or a bare sqlite-utils Database: SQLite)."""
    return getattr(db, "dialect", SQLITE)
