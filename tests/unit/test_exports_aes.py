"""An encrypted batch's ZIP (app.exports.aes): WinZip AES-256 that pyzipper reads back, a salt of its own for
every file (never a key used twice), the keys derived ahead and, past the count asked for, there and then."""

import io
import struct

import pyzipper
import pytest

from app.exports.aes import SALT, AheadKeys, aes_zip_file, derive

PASSPHRASE = b"synthetic passphrase"


def _write(files: dict[str, bytes], ahead: int) -> bytes:
    buffer = io.BytesIO()
    keys = AheadKeys(PASSPHRASE, ahead)
    archive = aes_zip_file(buffer, keys)
    archive.setpassword(PASSPHRASE)
    archive.setencryption(pyzipper.WZ_AES, nbits=256)
    for name, data in files.items():
        archive.writestr(name, data)
    archive.close()
    keys.close()
    return buffer.getvalue()


def _salts(data: bytes) -> list[bytes]:
    """The salt at the start of each file's data (after its local header), read from the archive's bytes."""
    salts, at = [], 0
    while data[at:at + 4] == b"PK\x03\x04":
        (size,) = struct.unpack_from("<I", data, at + 18)  # compressed size, salt and MAC included
        name_length, extra_length = struct.unpack_from("<HH", data, at + 26)
        start = at + 30 + name_length + extra_length
        salts.append(data[start:start + SALT])
        at = start + size
    return salts


@pytest.mark.parametrize("ahead", [0, 2, 5, 8])  # none ahead, too few, exactly, more than needed
def test_every_file_reads_back_with_the_passphrase_and_has_a_salt_of_its_own(ahead):
    files = {f"requests/{n}.json": b'{"member": "Synthetic Person %d"}\n' % n for n in range(5)}
    data = _write(files, ahead)
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        archive.setpassword(PASSPHRASE)
        assert {name: archive.read(name) for name in archive.namelist()} == files
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive, pytest.raises(RuntimeError):
        archive.setpassword(b"another passphrase")
        archive.read("requests/0.json")
    salts = _salts(data)
    assert len(salts) == 5 and len(set(salts)) == 5


def test_the_keys_are_the_formats_pbkdf2_of_the_passphrase_and_the_salt():
    keys = AheadKeys(PASSPHRASE, 1)
    salt, material, _cipher, _hmac = keys.next()
    keys.close()
    from Cryptodome.Protocol.KDF import PBKDF2

    assert material == derive(PASSPHRASE, salt) == PBKDF2(PASSPHRASE, salt, count=1000, dkLen=66)
