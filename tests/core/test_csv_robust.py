"""Hostile CSV files: every one is read correctly or refused with a clear DatasetError."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pytest

from gdstudio.core import datasets as ds
from gdstudio.core.datasets import DatasetError, load_csv, read_csv_columns, read_csv_table


def write(tmp_path: Path, data: bytes | str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_unclosed_quote_names_the_line(tmp_path):
    path = write(tmp_path, 'a,b\n1,2\n3,"4\n5,6\n7,8\n')
    with pytest.raises(DatasetError, match=r"line 3.*never closed") as info:
        load_csv(path, ["a"], "b")
    assert "5,6" not in str(info.value)


def test_malformed_quote_inside_a_value(tmp_path):
    path = write(tmp_path, 'a,b\n1,2\n3,"4"x\n')
    with pytest.raises(DatasetError, match=r"line 3.*quoting is malformed"):
        load_csv(path, ["a"], "b")


def test_quote_running_over_lines_is_refused(tmp_path):
    path = write(tmp_path, 'a,b\n1,"2\n3",4\n5,6\n')
    with pytest.raises(DatasetError, match=r"line 2 runs over 2 lines.*not closed"):
        load_csv(path, ["a"], "b")


def test_excel_sep_line_is_honoured(tmp_path):
    path = write(tmp_path, "sep=;\r\nheight;weight\r\n1,5;50\r\n1,7;70\r\n1,8;82\r\n")
    assert read_csv_columns(path) == ["height", "weight"]
    d = load_csv(path, ["height"], "weight")
    np.testing.assert_allclose(d.X[:, 0], [1.5, 1.7, 1.8])


def test_bom_and_crlf(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbfa,b\r\n1,2\r\n2,4\r\n3,5\r\n")
    assert read_csv_columns(path) == ["a", "b"]
    assert load_csv(path, ["a"], "b").y.tolist() == [2.0, 4.0, 5.0]


def test_utf16_with_bom_is_read_and_without_bom_refused_by_name(tmp_path):
    text = "größe;gewicht\n1,5;50\n1,7;70\n"
    assert read_csv_columns(write(tmp_path, text.encode("utf-16"))) == ["größe", "gewicht"]
    with pytest.raises(DatasetError, match="UTF-16 without a byte-order mark.*UTF-8"):
        read_csv_columns(write(tmp_path, text.encode("utf-16-le"), "le.csv"))


def test_big5_is_refused_by_name_not_misread(tmp_path):
    path = write(tmp_path, "身高,體重\n170,60\n180,75\n".encode("big5"))
    with pytest.raises(DatasetError, match="Big5.*UTF-8"):
        read_csv_columns(path)


def test_short_big5_names_among_ascii_are_refused_too(tmp_path):
    path = write(tmp_path, "a身,b體\n170,60\n180,75\n".encode("big5"))
    with pytest.raises(DatasetError, match="Big5"):
        read_csv_columns(path)


def test_latin1_western_text_is_still_read(tmp_path):
    path = write(tmp_path, "größe;gewicht\n1,5;50\n1,7;70\n".encode("cp1252"))
    assert read_csv_columns(path) == ["größe", "gewicht"]
    path = write(tmp_path, "café;crème;prix\n1;2;3\n".encode("latin-1"), "fr.csv")
    assert read_csv_columns(path) == ["café", "crème", "prix"]


def test_empty_and_duplicate_column_names(tmp_path):
    with pytest.raises(DatasetError, match=r"column 2 has no name.*line 1"):
        read_csv_columns(write(tmp_path, "a,,c\n1,2,3\n"))
    with pytest.raises(DatasetError, match="columns 1 and 2 are both named"):
        read_csv_columns(write(tmp_path, "x,X\n1,2\n", "dup.csv"))
    # a trailing delimiter on the header is not an unnamed column
    assert read_csv_columns(write(tmp_path, "a,b,\n1,2,\n", "trail.csv")) == ["a", "b"]


def test_header_with_a_comma_is_selectable(tmp_path):
    path = write(tmp_path, '"weight, kg",height\n50,1.5\n70,1.7\n82,1.8\n')
    d = load_csv(path, ["height"], "weight, kg")
    assert d.target_name == "weight, kg" and d.n_samples == 3


def test_markup_in_a_header_is_never_echoed(tmp_path):
    path = write(tmp_path, "<font size=7 color=red>HUGE</font>,b\n1,2\n2,3\n")
    with pytest.raises(DatasetError) as info:
        load_csv(path, ["nope"], "b")
    assert "<font" not in str(info.value) and "available columns" in str(info.value)


def test_decimal_comma_in_a_comma_file_gets_a_hint(tmp_path):
    path = write(tmp_path, 'a,b\n"1,5",2\n"2,5",3\n')
    with pytest.raises(DatasetError, match="decimal comma.*semicolons"):
        load_csv(path, ["a"], "b")


def test_folder_fifo_and_device_are_refused_at_once(tmp_path):
    with pytest.raises(DatasetError, match="folder"):
        load_csv(tmp_path, ["a"], "b")
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result: list[BaseException] = []

    def read() -> None:
        try:
            read_csv_columns(fifo)
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion
            result.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "reading a FIFO blocked"
    assert isinstance(result[0], DatasetError) and "FIFO" in str(result[0])
    with pytest.raises(DatasetError, match="device"):
        read_csv_columns("/dev/zero")


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path, "a,b\n1,2\n2,3\n")
    monkeypatch.setattr(ds.csv_import, "MAX_CSV_BYTES", 10)

    def never(self, *args):
        raise AssertionError("opened a file that is over the limit")

    monkeypatch.setattr(Path, "open", never)
    with pytest.raises(DatasetError, match="larger than .* at most"):
        load_csv(path, ["a"], "b")


def test_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(ds.csv_import, "MAX_CSV_ROWS", 3)
    path = write(tmp_path, "a,b\n" + "".join(f"{i},{i}\n" for i in range(5)))
    with pytest.raises(DatasetError, match="more than 3 data rows.*at most 3"):
        load_csv(path, ["a"], "b")


def test_the_file_is_parsed_once(tmp_path, monkeypatch):
    path = write(tmp_path, "a,b\n1,2\n2,3\n4,4\n")
    calls = []
    original = ds.csv_import._parse_file

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(ds.csv_import, "_parse_file", counting)
    read_csv_columns(path)
    load_csv(path, ["a"], "b")
    load_csv(path, ["b"], "a")
    assert len(calls) == 1
    table = read_csv_table(path)
    assert load_csv(table, ["a"], "b").n_samples == 3 and len(calls) == 1
    path.write_text("a,b\n1,2\n2,3\n4,4\n5,9\n")  # changed: parsed again
    assert load_csv(path, ["a"], "b").n_samples == 4 and len(calls) == 2


def test_underscored_numbers_are_not_numbers(tmp_path):
    path = write(tmp_path, "a,b\n1_000,2\n2,3\n")
    with pytest.raises(DatasetError, match="non-numeric value on line 2"):
        load_csv(path, ["a"], "b")
