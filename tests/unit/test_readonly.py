"""`sodesk evaluate` reads a desk's file without changing it (app.storage.readonly): no sqlite-utils, no
migrations, the same determination as the full store gives."""

import hashlib
import shutil
from pathlib import Path

from app.services.context import evaluator_for, evaluator_over
from app.storage.providers import ProviderRepository
from app.storage.readonly import ReadOnlyFile, open_read_only
from app.storage.store import open_store
from tests.factories import ORTHO_HAKOBYAN, make_request

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_desks_file_is_read_without_a_write_and_determines_as_the_full_store_does(tmp_path):
    path = tmp_path / "desk.sqlite3"
    shutil.copy(FIXTURES / "schema-v6.sqlite3", path)  # an older schema, with a directory: read, never migrated
    before = _digest(path)
    evaluator = evaluator_for(path)
    assert isinstance(evaluator.directory.db, ReadOnlyFile)
    request = make_request(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN)
    read = evaluator.evaluate(request)
    assert _digest(path) == before and not (tmp_path / "desk.sqlite3-wal").exists()
    full = evaluator_over(ProviderRepository(open_store(path))).evaluate(request)  # migrates the file
    assert read == full


def test_what_cannot_be_only_read_is_opened_the_full_way(tmp_path):
    assert open_read_only(tmp_path / "missing.sqlite3") is None
    (tmp_path / "text.sqlite3").write_text("not a database")
    assert open_read_only(tmp_path / "text.sqlite3") is None
    import sqlite3

    sqlite3.connect(tmp_path / "bare.sqlite3").execute("CREATE TABLE t (x)").connection.close()
    assert open_read_only(tmp_path / "bare.sqlite3") is None  # no directory yet: the full way creates it
