"""PHP's serialize() format, as WordPress stores arrays in postmeta and term descriptions.

`unserialize(text)` reads it tolerantly: a string's declared length `s:N:` counts UTF-8 bytes,
and exports often break it (an XML round trip turns CRLF into LF; a tool re-encodes the text
or counts characters instead of bytes). When the declared length does not land on the closing
`";`, the nearest closing quote after which the data goes on sensibly is taken instead.
Arrays come back as dicts (PHP arrays are ordered maps), objects as `PhpObject` dicts.
"""

import re

_MAX_DEPTH = 64
_SERIALIZED = re.compile(r"^(?:N;|b:[01];|i:-?\d+;|d:[^;]+;|s:\d+:\".*\";|[aO]:\d+:.*[;}])$", re.S)
# What may follow a string: an array key is followed by a value, an array value by the
# next key or the closing brace, the outermost value by the end of the data.
_FOLLOWERS = {
    "value": re.compile(rb"N;|[sibdaOrRE]:"),
    "key": re.compile(rb"\}|[is]:"),
}


class PhpDataError(ValueError):
    pass


class PhpObject(dict):
    """A serialized PHP object: its properties, and its class name."""

    def __init__(self, class_name, properties):
        super().__init__(properties)
        self.class_name = class_name


def is_serialized(text):
    """Whether a string looks like PHP serialize() output (as WordPress's is_serialized())."""
    return isinstance(text, str) and bool(_SERIALIZED.match(text.strip()))


def maybe_unserialize(text):
    """The unserialized value if `text` is serialized data that can be read, else `text`."""
    if not is_serialized(text):
        return text
    try:
        return unserialize(text)
    except PhpDataError:
        return text


def unserialize(text):
    """Read one serialized value; raise PhpDataError if it cannot be made sense of."""
    data = text.strip().encode("utf-8") if isinstance(text, str) else bytes(text).strip()
    reader = _Reader(data)
    value = reader.value(depth=0, then="end")
    if reader.pos != len(data):
        raise PhpDataError(f"trailing data at byte {reader.pos}")
    return value


class _Reader:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def fail(self, what):
        raise PhpDataError(f"{what} at byte {self.pos}")

    def expect(self, token):
        if not self.data.startswith(token, self.pos):
            self.fail(f"expected {token.decode()!r}")
        self.pos += len(token)

    def until(self, stop):
        end = self.data.find(stop, self.pos)
        if end < 0:
            self.fail(f"missing {stop.decode()!r}")
        chunk = self.data[self.pos : end]
        self.pos = end + len(stop)
        return chunk.decode("ascii", errors="replace")

    def number(self, stop):
        chunk = self.until(stop)
        try:
            return int(chunk)
        except ValueError:
            self.fail(f"bad number {chunk!r}")

    def value(self, depth, then):
        """One value; `then` is what follows it: "end", "value" (it is a key) or "key"."""
        if depth > _MAX_DEPTH:
            self.fail("nested too deep")
        if self.pos + 2 > len(self.data):
            self.fail("data ends")
        kind = self.data[self.pos : self.pos + 1]
        if kind == b"N":
            self.expect(b"N;")
            return None
        self.pos += 1
        self.expect(b":")
        if kind == b"b":
            return self.number(b";") != 0
        if kind == b"i":
            return self.number(b";")
        if kind == b"d":
            return _float(self.until(b";"), self)
        if kind in (b"r", b"R"):
            self.number(b";")
            return None  # a reference to an earlier value; WordPress data has no use for it
        if kind in (b"s", b"E"):
            length = self.number(b":")
            return self.string(length, then)
        if kind == b"a":
            self.number(b":")  # the declared count; the braces are what count
            return self.array(depth)
        if kind == b"O":
            self.number(b":")
            class_name = self.quoted()
            self.expect(b":")
            self.number(b":")
            return PhpObject(class_name, self.array(depth))
        self.pos -= 1
        self.fail(f"unknown type {kind!r}")

    def quoted(self):
        self.expect(b'"')
        return self.until(b'"')

    def string(self, length, then):
        self.expect(b'"')
        start = self.pos
        end = start + length
        if not (self.data.startswith(b'";', end) and self._sensible_after(end + 2, then)):
            end = self._repair(start, end, then)
        self.pos = end + 2
        return self.data[start:end].decode("utf-8", errors="replace")

    def _sensible_after(self, at, then):
        if then == "end":
            return at == len(self.data)
        return bool(_FOLLOWERS[then].match(self.data, at))

    def _repair(self, start, declared_end, then):
        """The end of a string whose declared length is wrong: the `";` nearest the
        declared end after which the data goes on sensibly."""
        candidates = []
        at = self.data.find(b'";', start)
        while at >= 0:
            if self._sensible_after(at + 2, then):
                candidates.append(at)
            at = self.data.find(b'";', at + 1)
        if not candidates:
            self.fail("unterminated string")
        return min(candidates, key=lambda end: (abs(end - declared_end), end))

    def array(self, depth):
        self.expect(b"{")
        result = {}
        while not self.data.startswith(b"}", self.pos):
            if self.pos >= len(self.data):
                self.fail("array not closed")
            key = self.value(depth + 1, then="value")
            if not isinstance(key, int | str):
                self.fail("array key is neither integer nor string")
            result[key] = self.value(depth + 1, then="key")
        self.expect(b"}")
        return result


def _float(chunk, reader):
    special = {"INF": float("inf"), "-INF": float("-inf"), "NAN": float("nan")}
    if chunk in special:
        return special[chunk]
    try:
        return float(chunk)
    except ValueError:
        reader.fail(f"bad float {chunk!r}")
