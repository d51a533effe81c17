import pytest

from csv_records import parse, parse_line


def test_simple_records():
    assert parse("a,b,c\n1,2,3") == [["a", "b", "c"], ["1", "2", "3"]]


def test_empty_text():
    assert parse("") == []


def test_trailing_line_break_adds_no_record():
    assert parse("a,b\n") == [["a", "b"]]
    assert parse("a,b\r\n") == [["a", "b"]]


def test_empty_fields_and_lines():
    assert parse(",a,,\n\nb") == [["", "a", "", ""], [""], ["b"]]


def test_whitespace_kept():
    assert parse(" a , b ") == [[" a ", " b "]]


def test_quoted_comma_and_doubled_quote():
    assert parse('name,quote\r\nAda,"Say ""hi"", then go"\n') == [
        ["name", "quote"],
        ["Ada", 'Say "hi", then go'],
    ]


def test_quoted_empty_and_only_quotes():
    assert parse('"",""""') == [["", '"']]


def test_quoted_field_spans_lines():
    assert parse('a,"multi\nline",c\nd,e,f') == [["a", "multi\nline", "c"], ["d", "e", "f"]]
    assert parse('"x\r\ny"') == [["x\r\ny"]]


def test_lone_carriage_return_is_data():
    assert parse("a\rb,c") == [["a\rb", "c"]]


def test_errors():
    for bad in ['"never closed', 'a,"b\nc', '"ab"c', 'ab"c', 'x,"a" ,y']:
        with pytest.raises(ValueError):
            parse(bad)


def test_parse_line():
    assert parse_line('a,"b,c",d') == ["a", "b,c", "d"]
    assert parse_line("") == [""]
    assert parse_line('"in\nside"') == ["in\nside"]


def test_parse_line_rejects_line_breaks():
    with pytest.raises(ValueError):
        parse_line("a\nb")
