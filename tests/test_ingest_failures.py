"""Every way an input is refused: one Failure naming the input and the reason, never an exception,
and the batch goes on."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from claimledger import errors
from claimledger.errors import InputError
from claimledger.ingest import document_from_bytes, document_from_text, read_inputs
from claimledger.models import Document, Failure

ENGLISH = (
    "The minister said the caf\u00e9 was \u201cdestroyed\u201d \u2014 and that \u20ac5 million in aid "
    "would follow. Officials confirmed the plan on Monday, the ministry said.\n"
)
GERMAN = (
    "Die Bundesregierung hat am Montag bekanntgegeben, dass die Hilfen f\u00fcr die Ukraine "
    "fortgesetzt werden. Das sagte ein Sprecher in Berlin. Nach Angaben des Ministeriums wurden "
    "bei den Angriffen mindestens drei Menschen verletzt.\n"
)


def one(path: Path, **kwargs):
    results = list(read_inputs([path], **kwargs))
    assert len(results) == 1, results
    return results[0]


def refused(path: Path, code: str) -> Failure:
    result = one(path)
    assert isinstance(result, Failure), result
    assert result.code == code, result
    assert result.input == str(path)
    assert str(result).startswith(f"{path}: ") and str(result).endswith(f"[{code}]")
    assert "\n" not in str(result)
    return result


def test_missing_path_is_a_failure(tmp_path):
    missing = tmp_path / "nope.txt"
    failure = refused(missing, errors.MISSING)
    assert failure.reason == "no such file or directory"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    failure = refused(path, errors.EMPTY)
    assert "empty" in failure.reason


@pytest.mark.parametrize(
    "content, kind",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip archive"),
        (b"Some text\x00with\x00NUL\x00bytes in it and more", "NUL"),
        (bytes(range(1, 9)) * 20 + b"text", "control characters"),
    ],
)
def test_binary_file(tmp_path, content, kind):
    path = tmp_path / "looks.txt"
    path.write_bytes(content)
    failure = refused(path, errors.BINARY)
    assert kind in failure.reason and "binary" in failure.reason


def test_broken_utf8_names_the_byte_offset(tmp_path):
    good = ENGLISH.encode("utf-8")
    offset = good.index(b"Officials")
    path = tmp_path / "broken.txt"
    path.write_bytes(good[:offset] + b"\xe9" + good[offset:])
    failure = refused(path, errors.ENCODING)
    assert f"byte {offset} (0xE9)" in failure.reason


def test_cp1252_text_is_decoded_and_recorded(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(ENGLISH.encode("cp1252"))
    doc = one(path)
    assert isinstance(doc, Document), doc
    assert doc.text == ENGLISH
    assert doc.meta["encoding"] == "cp1252"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_utf16_text_is_decoded(tmp_path, codec):
    path = tmp_path / "wide.txt"
    path.write_bytes(ENGLISH.encode(codec))
    doc = one(path)
    assert isinstance(doc, Document), doc
    assert doc.text == ENGLISH
    assert doc.meta["encoding"].startswith("utf-16")


def test_undecodable_legacy_bytes_are_refused(tmp_path):
    path = tmp_path / "garbage.txt"
    # High bytes with no pattern of any language: no encoding decodes them coherently.
    path.write_bytes(bytes((0x80 + (i * 37) % 128) for i in range(600)))
    failure = refused(path, errors.ENCODING)
    assert "no other encoding fits" in failure.reason


def test_legacy_cyrillic_is_decoded_then_refused_for_its_language(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes("Министр сказал, "
                     "что кафе было "
                     "разрушено. Чин"
                     "овники подтве"
                     "рдили план.".encode("koi8-r"))
    failure = refused(path, errors.LANGUAGE)
    assert failure.reason == "text is in Russian (ru), only English is supported"


def test_50_mb_file_is_refused_quickly_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)     # sparse: no 50 MB written
    start = time.perf_counter()
    failure = refused(path, errors.TOO_LARGE)
    assert time.perf_counter() - start < 0.5
    assert failure.reason == "file is 50.0 MB, over the 10.0 MB limit (max_bytes)"


def test_max_bytes_is_adjustable(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert one(path, max_bytes=10).code == errors.TOO_LARGE
    assert isinstance(one(path, max_bytes=10_000), Document)


def test_german_text_is_refused_naming_the_language(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(GERMAN, encoding="utf-8")
    failure = refused(path, errors.LANGUAGE)
    assert failure.reason == "text is in German (de), only English is supported"


def test_short_english_texts_are_not_refused():
    for text in (
        "Zelensky said Saturday. Kupiansk, Vovchansk and Sudzha were shelled.",
        "Police said two men were arrested.",
        "Syniehubov said Kupiansk was shelled. Two were hurt in Vovchansk, he said.",
    ):
        assert document_from_text(text).language == "en"


def test_unparseable_published_is_named():
    with pytest.raises(InputError) as info:
        document_from_text("Police said two men were arrested.", published="17/12/2024", path="a.txt")
    assert "'17/12/2024'" in str(info.value) and str(info.value).startswith("a.txt: ")


def test_library_functions_raise_input_error_with_input_set():
    with pytest.raises(InputError) as info:
        document_from_bytes(b"\x89PNG\r\n\x1a\nxxxx", "pic.txt")
    assert info.value.code == errors.BINARY and info.value.input == "pic.txt"
    with pytest.raises(InputError) as info:
        document_from_text("   \n", path="blank.txt")
    assert info.value.code == errors.EMPTY and info.value.input == "blank.txt"
    with pytest.raises(InputError) as info:
        document_from_bytes(b"x" * 100, "big.txt", max_bytes=10)
    assert info.value.code == errors.TOO_LARGE


def test_batch_goes_on_after_failures(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x1f\x8b\x08\x00")
    (tmp_path / "d_german.txt").write_text(GERMAN, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "e_good.md").write_text("Officials said the bridge was closed on Monday.\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    hidden_dir = tmp_path / ".git"
    hidden_dir.mkdir()
    (hidden_dir / "x.txt").write_text(ENGLISH, encoding="utf-8")

    results = list(read_inputs([tmp_path, tmp_path / "missing.txt"], published="2024-01-01"))
    summary = [(Path(r.input if isinstance(r, Failure) else r.path).name,
                r.code if isinstance(r, Failure) else "ok") for r in results]
    assert summary == [
        ("a_empty.txt", errors.EMPTY),
        ("b_good.txt", "ok"),
        ("c_binary.txt", errors.BINARY),
        ("d_german.txt", errors.LANGUAGE),
        ("e_good.md", "ok"),
        ("missing.txt", errors.MISSING),
    ]
    # Metadata given on the command line applies to files named directly, not to a directory's.
    assert all(r.published is None for r in results if isinstance(r, Document))


def test_metadata_applies_to_a_file_named_directly(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    doc = one(path, published="2024-12-17T08:00:00+02:00", outlet="BBC", url="https://x.example/a",
              title="Aid")
    assert (doc.published, doc.published_tz, doc.outlet, doc.url, doc.title) == (
        "2024-12-17", "+02:00", "BBC", "https://x.example/a", "Aid")


def test_unknown_extension_is_sniffed(tmp_path):
    page = tmp_path / "page.php"
    page.write_text("<html><body><article><p>" + ENGLISH * 2 + "</p></article></body></html>",
                    encoding="utf-8")
    plain = tmp_path / "notes"
    plain.write_text(ENGLISH, encoding="utf-8")
    assert one(page).content_type == "html"
    assert one(plain).content_type == "text"
    assert one(plain).text == ENGLISH
