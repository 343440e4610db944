"""The audit trail as the screens use it: the desk's `AuditLog` (Desk.audit), the filter its screen asks with,
and the CSV an auditor takes away. The storage behind it is app.storage.audit."""

from app.storage.audit import AuditFilter, AuditLog, entries_csv, utc_now  # noqa: F401  (the screens ask here)
