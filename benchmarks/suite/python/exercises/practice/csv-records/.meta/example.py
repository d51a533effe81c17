def _scan(text):
    """Yield records; a small state machine over the characters (quotes may span lines)."""
    records, record, field = [], [], []
    i, n = 0, len(text)
    at_field_start, quoted_done = True, False
    while i < n:
        ch = text[i]
        if at_field_start and ch == '"':
            i += 1
            while True:
                if i >= n:
                    raise ValueError("unclosed quote")
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        field.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                field.append(text[i])
                i += 1
            at_field_start, quoted_done = False, True
            continue
        if ch == ",":
            record.append("".join(field))
            field, at_field_start, quoted_done = [], True, False
        elif ch == "\n" or (ch == "\r" and text.startswith("\r\n", i)):
            record.append("".join(field))
            records.append(record)
            record, field, at_field_start, quoted_done = [], [], True, False
            if ch == "\r":
                i += 1
        elif quoted_done:
            raise ValueError(f"unexpected {ch!r} after a closing quote")
        elif ch == '"':
            raise ValueError("quote inside an unquoted field")
        else:
            field.append(ch)
            at_field_start = False
        i += 1
    if field or record or not at_field_start or quoted_done:
        record.append("".join(field))
        records.append(record)
    return records


def parse(text):
    return _scan(text)


def parse_line(line):
    records = _scan(line)
    if len(records) > 1 or line.endswith("\n"):
        raise ValueError("a single record must not contain a line break outside quotes")
    return records[0] if records else [""]
