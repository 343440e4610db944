"""A batch's JSON files are canonical (app.exports.batch.canonical_json): the bytes the standard library's encoder
writes with sorted keys, UTF-8 and compact separators, whichever encoder made them, so a batch written again is
byte for byte the batch sent."""

import json
import random

import pytest

from app.exports.batch import canonical_json
from tests.support.exports import exporting_desk, submit_three


def reference(data) -> bytes:
    return (json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def test_every_document_of_a_batch_is_the_standard_encoders_bytes(tmp_path):
    cases, exports = exporting_desk(tmp_path / "desk.sqlite3", pdf_for=None)
    submit_three(cases)
    result = exports.export("caloptima-medi-cal", tmp_path / "out")
    files = sorted(path for path in result.path.rglob("*.json") if path.name != "manifest.json")
    assert len(files) == 4  # two requests: a JSON and a Bundle each
    for path in files:
        assert path.read_bytes() == reference(json.loads(path.read_bytes())), path.name


@pytest.mark.parametrize("seed", range(5))
def test_hostile_text_is_written_as_the_standard_encoder_writes_it(seed):
    rng = random.Random(seed)
    alphabet = [chr(code) for code in [*range(0x80), 0xE9, 0x7F, 0x85, 0xA0, 0x2028, 0x2029, 0xFEFF, 0x1F600,
                                       0x4E00, 0x5F20, 0x0531, 0x1EC5, 0xFFFD]]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        document = {"name": text, text: [text, 0, -7, 10**15, True, False, None, {"é": {}, "a": []}]}
        assert canonical_json(document) == reference(document)


def test_what_orjson_refuses_still_writes():
    assert canonical_json({"n": 2**70}) == reference({"n": 2**70})
    assert canonical_json({1: "one"}) == reference({1: "one"})
    assert canonical_json({"b": 1, "a": 2}, indent=2) == b'{\n  "a": 2,\n  "b": 1\n}\n'
