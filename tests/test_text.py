"""Decoding bytes and sanitising text (reader.formats.text)."""

from __future__ import annotations

import codecs

import pytest

from reader.formats import ArticleError
from reader.formats.text import (
    REDECODED_NOTE,
    decode,
    looks_binary,
    normalize_newlines,
    sanitize_field,
    sanitize_text,
)

# --- decoding -----------------------------------------------------------------------


def test_utf8_decodes_without_a_note() -> None:
    decoded = decode("Zürich, 北京, café ☕".encode())
    assert decoded.text == "Zürich, 北京, café ☕"
    assert decoded.encoding == "utf-8"
    assert decoded.notes == ()


def test_utf8_byte_order_mark_is_dropped() -> None:
    decoded = decode(codecs.BOM_UTF8 + b"Headline")
    assert decoded.text == "Headline"
    assert decoded.notes == ()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks_choose_the_encoding(codec: str) -> None:
    text = "Ferry returns to Gullhaven — «bonne nouvelle» 北京"
    if codec == "utf-16-le":
        data = codecs.BOM_UTF16_LE + text.encode(codec)
    elif codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + text.encode(codec)
    else:
        data = text.encode(codec)  # Python writes the native-order mark itself.
    assert decode(data).text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_recognised_not_called_binary(codec: str) -> None:
    text = "A plain English capture saved as UTF-16 without a byte-order mark.\n"
    assert decode(text.encode(codec)).text == text


def test_windows_1252_is_decoded_not_dropped_with_a_note() -> None:
    data = "Le café “Au Port” — 5 € ½ price".encode("cp1252")
    decoded = decode(data)
    assert decoded.text == "Le café “Au Port” — 5 € ½ price"
    assert decoded.notes == (REDECODED_NOTE,)


def test_stray_windows_1252_bytes_in_utf8_text_keep_both() -> None:
    data = "naïve déjà vu ".encode() + b"\x93quoted\x94 and caf\xe9"
    assert decode(data).text == "naïve déjà vu “quoted” and café"


def test_bytes_undefined_in_windows_1252_become_a_replacement_mark() -> None:
    decoded = decode(b"before \x81\x8d\x8f\x90\x9d after")
    assert decoded.text == "before \ufffd\ufffd\ufffd\ufffd\ufffd after"


def test_invalid_utf8_sequences_are_read_as_windows_1252() -> None:
    # An overlong encoding, a lone continuation byte and a truncated sequence.
    decoded = decode(b"a\xc0\xafb \x80c \xe2\x82")
    assert decoded.text == "aÀ¯b €c â‚"
    assert decoded.notes == (REDECODED_NOTE,)


def test_a_prefix_leaves_out_a_character_split_at_the_end() -> None:
    data = "abc €".encode()
    assert decode(data[:-1], final=False).text == "abc "
    utf16 = codecs.BOM_UTF16_LE + "abc €".encode("utf-16-le")
    assert decode(utf16[:-1], final=False).text == "abc "


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(ArticleError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)


def test_many_control_bytes_mean_binary() -> None:
    assert looks_binary(bytes([1, 2, 3, 4, 65]) * 100)
    with pytest.raises(ArticleError, match="binary file, not text"):
        decode(bytes([1, 2, 3, 4, 65]) * 100)


def test_known_binary_signatures_mean_binary() -> None:
    assert looks_binary(b"%PDF-1.7\n%comment\n1 0 obj\n<< /Type /Catalog >>\n" * 10)
    assert looks_binary(b"PK\x03\x04" + b"mostly text" * 100)


def test_a_stray_nul_in_text_is_stripped_not_called_binary() -> None:
    data = b"A long enough line of ordinary article text.\n" * 10 + b"odd\x00byte\n"
    assert not looks_binary(data)
    assert sanitize_text(decode(data).text).endswith("oddbyte\n")


def test_text_with_escape_sequences_is_not_binary() -> None:
    coloured = b"\x1b[1;31mRed\x1b[0m line\r\n" * 200
    assert not looks_binary(coloured)
    assert decode(coloured).text.startswith("\x1b[1;31mRed")


def test_empty_bytes_are_not_binary() -> None:
    assert not looks_binary(b"")
    assert decode(b"").text == ""


# --- line ends ------------------------------------------------------------------------


def test_crlf_and_lone_cr_become_newlines() -> None:
    assert normalize_newlines("one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"
    assert sanitize_text("one\r\ntwo\rthree\r\n\r\nfour") == "one\ntwo\nthree\n\nfour"


def test_unicode_line_separators_become_newlines() -> None:
    assert sanitize_text("a\u2028b\u2029c\x85d\x0ce") == "a\nb\nc\nd\ne"


# --- escape sequences and control characters -------------------------------------------


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("\x1b[1;31mRed\x1b[0m alert", "Red alert"),
        ("\x1b[2J\x1b[HCleared", "Cleared"),
        ("\x1b[?25lhidden cursor\x1b[?25h", "hidden cursor"),
        ("\x9b31mEight-bit CSI", "Eight-bit CSI"),
        ("\x1b]8;;http://evil.example\x07Click\x1b]8;;\x07 here", "Click here"),
        ("\x1b]8;;http://evil.example\x1b\\Click\x1b]8;;\x1b\\ here", "Click here"),
        ("\x1b]0;window title\x1b\\Headline", "Headline"),
        ("\x1b]0;window title\x07Headline", "Headline"),
        ("\x9d0;eight-bit OSC\x9cHeadline", "Headline"),
        ("\x1bPq#0;2;0;0;0#1;2;100;100;0\x1b\\Sixel gone", "Sixel gone"),
        ("\x1b_application command\x1b\\APC gone", "APC gone"),
        ("\x1b(BCharset\x1b7 saved\x1b8", "Charset saved"),
        ("Trailing lone escape\x1b", "Trailing lone escape"),
        ("Cut CSI \x1b[", "Cut CSI "),
    ],
)
def test_escape_sequences_are_removed(dirty: str, clean: str) -> None:
    assert sanitize_text(dirty) == clean


def test_an_unterminated_osc_ends_at_the_line_end() -> None:
    text = "Before\x1b]0;never terminated title\nThe next line survives"
    assert sanitize_text(text) == "Before\nThe next line survives"


def test_c0_c1_and_delete_are_removed_newline_kept() -> None:
    dirty = "a\x00b\x01c\x07d\x08e\x7ff\x80g\x8ah\ni"
    assert sanitize_text(dirty) == "abcdefgh\ni"


def test_tabs_become_spaces() -> None:
    assert sanitize_text("\tindented\tand tabbed") == "    indented    and tabbed"


def test_bidi_overrides_and_invisible_format_characters_are_removed() -> None:
    dirty = "user\u202egnp.exe\u202c \u2066iso\u2069 soft\u00adhyphen zero\u200bwidth \ufeffbom"
    assert sanitize_text(dirty) == "usergnp.exe iso softhyphen zerowidth bom"


def test_joiners_for_emoji_and_scripts_are_kept() -> None:
    family = "👩\u200d👩\u200d👧"
    persian = "می\u200cخواهم"
    assert sanitize_text(family + " " + persian) == family + " " + persian


def test_rich_markup_is_kept_exactly_as_written() -> None:
    markup = "[bold red]Breaking[/bold red] [link=http://x]here[/link] [/] \\[escaped]"
    assert sanitize_text(markup) == markup
    assert sanitize_field(markup) == markup


def test_wide_and_accented_text_is_untouched() -> None:
    text = "Marché couvert de Sainte-Aube 夜间巴士 한국어 مرحبا"
    assert sanitize_text(text) == text


def test_sanitize_field_makes_one_clean_line() -> None:
    assert (
        sanitize_field("  \x1b[1mTwo\x1b[0m\r\nlines\tand  spaces \x07 ") == "Two lines and spaces"
    )
    assert sanitize_field("\x1b]0;only a title\x07") == ""


def test_a_100000_character_line_is_sanitised_whole() -> None:
    line = ("word " * 20_000).strip() + "\x1b[0m"
    cleaned = sanitize_text(line)
    assert len(cleaned) == 99_999
    assert "\x1b" not in cleaned
