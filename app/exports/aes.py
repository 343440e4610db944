"""WinZip AES-256 (AE-2) for an encrypted batch, its keys derived ahead of the files that need them.

Every file of a WinZip AES archive has a random salt of its own, and its keys are derived from the passphrase and
that salt with PBKDF2-HMAC-SHA1, 1,000 rounds (the format's fixed count): about 1.2 ms a file, which for the
20,000 files of a 10,000-request batch was half of the export's time. So the salts are drawn at the start and
the keys derived by OpenSSL (hashlib, which releases the GIL) on two worker threads while the batch's files are
being made; each file then takes the next salt and its keys. The encryption itself (AES-CTR, HMAC-SHA1) is
pyzipper's, through pycryptodomex, as before: the archive is the same format, read by pyzipper, 7-Zip and WinZip.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

import pyzipper
from pyzipper import zipfile_aes

SALT = 16  # bytes, for AES-256
KEY = 32
MATERIAL = 2 * KEY + 2  # encryption key, HMAC key, password verifier
ROUNDS = 1000  # fixed by the WinZip AES format
WORKERS = 2


def derive(passphrase: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha1", passphrase, salt, ROUNDS, MATERIAL)


def _prepared(passphrase: bytes, salt: bytes) -> tuple[bytes, object, object]:
    """A file's key material with its AES-CTR cipher and HMAC-SHA1 made from it (their set-up, 0.17 ms a file,
    is done here on the key threads too)."""
    material = derive(passphrase, salt)
    cipher = zipfile_aes.AES.new(material[:KEY], zipfile_aes.AES.MODE_CTR,
                                 counter=zipfile_aes.Counter.new(nbits=128, little_endian=True))
    return material, cipher, zipfile_aes.HMAC.new(material[KEY:2 * KEY], digestmod=zipfile_aes.SHA1Hash())


class AheadKeys:
    """(salt, key material, cipher, HMAC) for `count` files, derived on worker threads in the order they will be
    asked for; asked for more, it derives them there and then."""

    def __init__(self, passphrase: bytes, count: int) -> None:
        self.passphrase = passphrase
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="aes-keys") if count else None
        self.ahead: deque[tuple[bytes, Future]] = deque()
        for _ in range(count):
            salt = os.urandom(SALT)
            self.ahead.append((salt, self.pool.submit(_prepared, passphrase, salt)))

    def next(self) -> tuple[bytes, bytes, object, object]:
        if self.ahead:
            salt, prepared = self.ahead.popleft()
            return (salt, *prepared.result())
        salt = os.urandom(SALT)
        return (salt, *_prepared(self.passphrase, salt))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)


class _Encrypter(zipfile_aes.AESZipEncrypter):
    """pyzipper's AES-256 encrypter, given its salt and key material instead of deriving them itself."""

    def __init__(self, salt: bytes, material: bytes, cipher, hmac) -> None:  # what AESZipEncrypter sets (256 bits)
        self.force_wz_aes_version = None
        self.conditionally_include_crc = None
        self.min_bytes_to_include_crc = None
        self.salt_length = SALT
        self.aes_strength = 3
        self.salt = salt
        self.encpwdverify = material[2 * KEY:]
        self.encrypter = cipher
        self.hmac = hmac


def aes_zip_file(handle, keys: AheadKeys) -> pyzipper.AESZipFile:
    """An AES-256 ZIP writer on `handle` whose files take their keys from `keys`."""

    class _AheadZipFile(pyzipper.AESZipFile):
        def get_encrypter(self):
            return _Encrypter(*keys.next())

    return _AheadZipFile(handle, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES)
