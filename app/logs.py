"""The desk's log: a rotating file in the user data folder, written through a filter that lets ids through and
nothing else a member could be recognised by.

What a log line may carry: its message template (a literal in our code), numbers (request, letter and batch
ids), and values wrapped in `Safe` (codes: an action, a status, a plan id, a staff user name). Every other
argument becomes "[redacted]"; dates and member-id-like tokens are scrubbed from whatever text is left; an
exception keeps its type and where it happened, never its message (a validation message may quote what was
typed, a date of birth for one). Other libraries' records are kept from WARNING up, scrubbed the same way.

    from app.logs import Safe, setup_logging
    setup_logging()                       # once, at start (the CLI and the desk do it)
    log.info("request %d decided: %s", case_id, Safe(outcome))
"""

from __future__ import annotations

import logging
import re
import traceback
from enum import Enum
from pathlib import Path

LOG_NAME = "sodesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
REDACTED = "[redacted]"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Dates in the usual spellings, and tokens shaped like member ids (letters then 5+ digits, or 8+ alphanumerics
# mixing both): scrubbed from any text that reaches the file.
_PATTERNS = (
    (re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"), "[date]"),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"), "[date]"),
    (re.compile(r"\b[A-Za-z]{1,4}\d{5,}[A-Za-z0-9]*\b"), "[id]"),
    (re.compile(r"\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{8,}\b"), "[id]"),
)


class Safe(str):
    """A string known to hold no PHI (a code, a status, a staff user name): logged as it is."""


def scrub(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _safe_arg(value):
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return value
    if isinstance(value, Safe):
        return str(value)
    if isinstance(value, Enum):
        return Safe(str(value.value))
    return REDACTED


class RedactFilter(logging.Filter):
    """Rewrites each record so only ids and Safe values remain (see the module docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        ours = record.name == "app" or record.name.startswith("app.") or record.name == "sodesk"
        if not ours and record.levelno < logging.WARNING:
            return False
        template = str(record.msg) if ours else scrub(str(record.msg))
        args = record.args
        if isinstance(args, dict):
            safe_args = {key: _safe_arg(value) for key, value in args.items()}
        elif args:
            safe_args = tuple(_safe_arg(value) for value in args)
        else:
            safe_args = None
        try:
            message = template % safe_args if safe_args is not None else template
        except (TypeError, ValueError):
            message = template
        record.msg, record.args = scrub(message), None
        if record.exc_info:
            kind, _error, tb = record.exc_info
            frames = "".join(traceback.format_tb(tb)) if tb is not None else ""
            # The message of an error can quote what was typed; its type and where it happened are kept.
            record.exc_text = f"Traceback (most recent call last):\n{scrub(frames)}" \
                              f"{kind.__name__ if kind else 'Exception'}: {REDACTED}"
            record.exc_info = None
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def default_log_path() -> Path | None:
    """$SODESK_LOG if set ("off": no log file), else logs/sodesk.log in the user data folder."""
    import os

    from app.paths import user_data_dir

    chosen = os.environ.get("SODESK_LOG")
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    return user_data_dir() / "logs" / LOG_NAME


def ensure_logging() -> Path | None:
    """The default log, unless logging was set up already (by a test, or an earlier call)."""
    if _installed is not None:
        return None
    path = default_log_path()
    return setup_logging(path) if path is not None else None


_installed: logging.Handler | None = None


class _RotatingOnFirstUse(logging.Handler):
    """The rotating file handler, made at the first record: a one-shot command that logs nothing does not pay for
    importing logging.handlers (sockets, pickle, queues) at every start."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            try:
                self._file = logging.handlers.RotatingFileHandler(self.path, maxBytes=MAX_BYTES,
                                                                  backupCount=BACKUPS, encoding="utf-8")
            except OSError:
                return
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging(path: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to a rotating file (five files of 1 MB); the desk and every command call it once at start. A folder
    that cannot be written leaves logging off rather than stopping the desk. Returns the file, or None."""
    global _installed
    path = Path(path) if path is not None else default_log_path()
    root = logging.getLogger()
    if _installed is not None:
        root.removeHandler(_installed)
        _installed.close()
        _installed = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8"):
            pass  # writable: said now, not at the first record
    except OSError:
        return None
    handler = _RotatingOnFirstUse(path)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactFilter())
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(min(root.level if root.level != logging.NOTSET else logging.WARNING, level))
    logging.getLogger("app").setLevel(level)
    _installed = handler
    return path


def stop_logging() -> None:
    global _installed
    if _installed is not None:
        logging.getLogger().removeHandler(_installed)
        _installed.close()
        _installed = None
