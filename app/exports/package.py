"""Write a batch's files to a folder or a ZIP, under a temporary name, and rename it only when complete.

A batch is written to `.<name>.partial-<pid>` beside its final place, the manifest last; it is synced to disk,
and only `PendingBatch.publish()` renames it (the service records the batch in the database first, in the same
transaction). A crash leaves at most a hidden `.partial` folder without a manifest, or a ZIP without its central
directory: never something that looks like a whole batch.

ZIPs are deterministic (fixed order, times, attributes, compression). AES-256 encryption (WinZip AE-2, via
pyzipper) draws a random salt per file, as it must: an encrypted batch written again holds the same files, byte
for byte once decrypted, but not the same ciphertext.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import InputProblem
from app.exports.batch import (
    MANIFEST,
    SUBMISSIONS,
    BatchHeader,
    PdfFor,
    Submission,
    batch_name,
    fhir_name,
    pdf_name,
    request_json_name,
)
from app.exports.fhir import fhir_bundle
from app.exports.manifest import manifest_json
from app.exports.request_json import request_json
from app.exports.submissions_csv import submissions_csv

Progress = Callable[[int, int], None]
PARTIAL = ".partial-"


def target_path(out: Path, header: BatchHeader, as_zip: bool) -> Path:
    """`out` itself, or the batch's default name inside `out` when it is an existing folder."""
    out = Path(out)
    if out.is_dir():
        out = out / (batch_name(header) + (".zip" if as_zip else ""))
    if out.exists() or out.is_symlink():
        raise InputProblem([f"{out} already exists: give a new name, or a folder to write the batch into "
                            "(a batch is never written over another)"])
    if not out.parent.is_dir():
        raise InputProblem([f"{out.parent} is not a folder: create it first, or give another --out"])
    return out


PARALLEL_FILES = 2000  # requests: from here a batch without letters makes its files in worker processes
FILE_CHUNK = 64


def request_files(job: tuple[BatchHeader, Submission, bytes | None]) -> tuple[bytes, bytes]:
    """One request's JSON and FHIR Bundle (in a worker process for a large batch without letters); the
    Bundle carries the request's letter when given (from export format 4)."""
    header, submission, letter = job
    return request_json(header, submission), fhir_bundle(header, submission, letter)


def _files_made(header: BatchHeader, submissions: Sequence[Submission]) -> Iterator[tuple[bytes, bytes, None]]:
    """Each submission's (JSON, FHIR, no letter) in order, for a batch without letters. A large one makes them
    in worker processes (the cores the letters' renderer would use), while this process writes and hashes the
    files."""
    cores = os.cpu_count() or 1
    if cores < 2 or len(submissions) < PARALLEL_FILES:
        yield from ((*request_files((header, submission, None)), None) for submission in submissions)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(cores, 4), mp_context=context) as pool:
        yield from ((*files, None) for files in pool.map(
            request_files, [(header, submission, None) for submission in submissions], chunksize=FILE_CHUNK))


def _letters_made(header: BatchHeader, submissions: Sequence[Submission],
                  pdf_for: PdfFor) -> Iterator[tuple[bytes, bytes, bytes]]:
    """Each submission's (JSON, FHIR, PDF) in order. A renderer that can take the whole batch (from its
    snapshots, in worker processes) is given it at once, so the letters render while this process makes each
    request's JSON and FHIR (which carries its letter) from the one that arrived."""
    batch_pdfs = getattr(pdf_for, "for_submissions", None)
    pdfs = (iter(batch_pdfs(header, submissions)) if batch_pdfs is not None
            else (pdf_for(submission.case) for submission in submissions))
    try:
        for submission, letter in zip(submissions, pdfs, strict=True):
            yield *request_files((header, submission, letter)), letter
    finally:
        if hasattr(pdfs, "close"):
            pdfs.close()  # stops the renderer's work when the batch is abandoned


def batch_files(header: BatchHeader, submissions: Sequence[Submission],
                pdf_for: PdfFor | None) -> Iterator[tuple[int, list[tuple[str, bytes]]]]:
    """(requests done, files) as they are produced: submissions.csv first, then each request's files."""
    yield 0, [(SUBMISSIONS, submissions_csv(header, submissions))]
    made = (_letters_made(header, submissions, pdf_for) if pdf_for is not None
            else _files_made(header, submissions))
    try:
        for done, (submission, (json_file, fhir_file, letter)) in enumerate(zip(submissions, made, strict=True),
                                                                             start=1):
            case_id = submission.request_id
            files = [(request_json_name(case_id), json_file), (fhir_name(case_id), fhir_file)]
            if letter is not None:
                files.append((pdf_name(case_id), letter))
            yield done, files
    finally:
        made.close()  # stops the workers when the batch is abandoned


@dataclass
class PendingBatch:
    """A complete batch under its temporary name, waiting for `publish()` (or `discard()`)."""

    path: Path
    temporary: Path
    count: int
    manifest_sha256: str
    files: dict[str, tuple[str, int]] = field(default_factory=dict)

    def publish(self) -> Path:
        os.replace(self.temporary, self.path)
        _fsync_folder(self.path.parent)
        return self.path

    def discard(self) -> None:
        _remove(self.temporary)


def write_batch(header: BatchHeader, submissions: Sequence[Submission], out: Path, *, as_zip: bool = False,
                passphrase: str | None = None, pdf_for: PdfFor | None = None,
                progress: Progress | None = None) -> PendingBatch:
    if passphrase is not None and not as_zip:
        raise InputProblem(["encryption needs a ZIP: add --zip"])
    if passphrase is not None and not passphrase:
        raise InputProblem(["the passphrase is empty"])
    if header.with_pdfs != (pdf_for is not None):
        raise ValueError("header.with_pdfs must say whether pdf_for is given")
    path = target_path(out, header, as_zip)
    temporary = path.with_name(f".{path.name}{PARTIAL}{os.getpid()}")
    _remove(temporary)  # a leftover of this same process id
    files_per_request = 2 + (pdf_for is not None)  # its JSON, its FHIR Bundle (and its letter)
    sink = (_ZipSink(temporary, header, passphrase, files=2 + files_per_request * len(submissions)) if as_zip
            else _FolderSink(temporary))
    files: dict[str, tuple[str, int]] = {}
    total = len(submissions)
    try:
        for done, produced in batch_files(header, submissions, pdf_for):
            for name, data in produced:
                sink.add(name, data)
                files[name] = (hashlib.sha256(data).hexdigest(), len(data))
            if progress is not None and done:
                progress(done, total)
        manifest = manifest_json(header, total, files)
        sink.add(MANIFEST, manifest)  # last: a folder without it was never finished
        sink.close()
    except BaseException:
        sink.abandon()
        _remove(temporary)
        raise
    return PendingBatch(path, temporary, total, hashlib.sha256(manifest).hexdigest(), files)


class _FolderSink:
    """Files written by two threads while the batch's next files are made: creating 20,000 files is mostly the
    kernel's time (the GIL is released), which then overlaps the Python work instead of following it."""

    WRITERS = 2

    def __init__(self, folder: Path) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.folder = folder
        folder.mkdir()
        self.written: list[Path] = []
        self.folders = {folder}
        self.pool = ThreadPoolExecutor(max_workers=self.WRITERS, thread_name_prefix="export-writer")
        self.pending: list = []

    def add(self, name: str, data: bytes) -> None:
        target = self.folder / name
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        self.pending.append(self.pool.submit(_write_file, target, data))
        self.written.append(target)
        if len(self.pending) >= 512:  # bounded: a failure shows soon, and memory stays small
            self._settle()

    def _settle(self) -> None:
        pending, self.pending = self.pending, []
        for future in pending:
            future.result()  # an OSError of a writer is raised here

    def close(self) -> None:
        self._settle()
        self.pool.shutdown(wait=True)
        # One sync of the file system instead of an fsync per file (30,000 of them cost 15 s on this disk).
        if hasattr(os, "sync"):
            os.sync()
        else:  # Windows
            for path in self.written:
                with open(path, "rb+") as handle:
                    os.fsync(handle.fileno())
        for folder in sorted(self.folders, key=lambda p: len(p.parts), reverse=True):
            _fsync_folder(folder)

    def abandon(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _write_file(target: Path, data: bytes) -> None:
    with open(target, "wb") as handle:
        handle.write(data)


class _ZipSink:
    def __init__(self, path: Path, header: BatchHeader, passphrase: str | None, files: int = 0) -> None:
        self.handle = open(path, "xb")
        local = header.created_at  # a ZIP keeps local wall-clock time, no zone: the batch's Pacific time
        # From format 4 a batch's bundles carry their letters (base64 of a compressed PDF): deflating them again
        # would cost about 2 ms of a core each for a quarter of their size, so they are stored as the PDFs are.
        self.stored_bundles = header.with_pdfs and header.format_version >= 4
        self.date_time = (max(local.year, 1980), local.month, local.day, local.hour, local.minute,
                          local.second - local.second % 2)
        self.info_class = zipfile.ZipInfo
        if passphrase is None:
            self.zip = zipfile.ZipFile(self.handle, "w")
        else:
            import pyzipper

            from app.exports.aes import AheadKeys, aes_zip_file

            self.keys = AheadKeys(passphrase.encode("utf-8"), files)
            self.zip = aes_zip_file(self.handle, self.keys)
            self.zip.setpassword(passphrase.encode("utf-8"))
            self.zip.setencryption(pyzipper.WZ_AES, nbits=256)
            self.info_class = self.zip.zipinfo_cls  # pyzipper's own, which carries the AES fields

    def add(self, name: str, data: bytes) -> None:
        info = self.info_class(name, self.date_time)
        info.create_system = 3  # as written on Unix, on every platform: same bytes everywhere
        info.external_attr = 0o644 << 16
        # PDFs are compressed already; deflating them again costs time for nothing.
        stored = name.endswith(".pdf") or (self.stored_bundles and name.startswith("fhir/"))
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)

    def close(self) -> None:
        self.zip.close()
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        if getattr(self, "keys", None) is not None:
            self.keys.close()

    def abandon(self) -> None:
        if getattr(self, "keys", None) is not None:
            self.keys.close()
        try:
            self.zip.close()
        except Exception:  # noqa: BLE001 - the file is removed next; its state no longer matters
            pass
        self.handle.close()


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder to fsync it; NTFS journals the rename itself
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()
