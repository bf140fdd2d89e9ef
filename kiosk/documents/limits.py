"""Limits the models declare (`msgspec.Meta(ge=..., le=..., max_length=...)`), read back once.

For whoever offers a value to staff (a stepper's ends) and for the sentence a refused value gets:
msgspec says "Expected `int` <= 3600"; staff read "must be between 15 and 3600, got 9999."
"""

from __future__ import annotations

import re

import msgspec

# msgspec's wording for a value outside a declared `Meta(ge=..., le=..., max_length=...)` limit.
_BOUND = re.compile(r"^Expected `(?P<type>int|float)` (?P<op>>=|<=|>|<) (?P<limit>\S+)$")
_LENGTH = re.compile(r"^Expected `(?P<type>str|array|object)` of length (?P<op>>=|<=) (?P<limit>\d+)$")
_BOUND_WORDS = {">=": "{} or more", "<=": "{} or less", ">": "more than {}", "<": "less than {}"}
_LENGTH_WORDS = {
    ("str", ">="): "at least {} characters long",
    ("str", "<="): "at most {} characters long",
    ("array", ">="): "a list of at least {} entries",
    ("array", "<="): "a list of at most {} entries",
    ("object", ">="): "an object of at least {} fields",
    ("object", "<="): "an object of at most {} fields",
}
_PATH_SEGMENT = re.compile(r"\.(\w+)|\[(\d+|\.\.\.)\]")


def limits_of(model: type[msgspec.Struct], field: str) -> tuple[int, int]:
    """The lowest and highest whole number `model.field` accepts, as its `Meta(ge=..., le=...)` says:
    for whoever offers the value to staff (a stepper), so the limits are written once, in the model."""
    info = msgspec.inspect.type_info(model)
    assert isinstance(info, msgspec.inspect.StructType)
    for candidate in info.fields:
        if candidate.name == field:
            kind = candidate.type
            if not isinstance(kind, msgspec.inspect.IntType) or kind.ge is None or kind.le is None:
                raise TypeError(f"{model.__name__}.{field} is not a whole number with both limits declared")
            return kind.ge, kind.le
    raise KeyError(f"{model.__name__} has no field {field!r}")


def limit_sentence(model: object, path: str, message: str, data: bytes) -> str | None:
    """msgspec's `message` about the value at `path` as a sentence, when it is about a declared limit;
    `data` is the document, for the value refused. None for any other message."""
    bound = _BOUND.match(message)
    if bound is not None:
        return _range_sentence(model, path, data, bound["op"], bound["limit"])
    length = _LENGTH.match(message)
    if length is not None:
        words = _LENGTH_WORDS[(length["type"], length["op"])].format(length["limit"])
        return f"must be {words}."
    return None


def _range_sentence(model: object, path: str, data: bytes, op: str, limit: str) -> str:
    """ "must be between 15 and 3600, got 9999." from the limits the model declares at `path` and the
    value the document holds there; msgspec's own message names one limit only."""
    segments = _PATH_SEGMENT.findall(path)
    info = _type_at(msgspec.inspect.type_info(model), segments)
    low = getattr(info, "ge", None)
    high = getattr(info, "le", None)
    value = _value_at(data, segments)
    got = f", got {value}" if isinstance(value, int | float) else ""
    if low is not None and high is not None:
        return f"must be between {_number(low)} and {_number(high)}{got}."
    return "must be " + _BOUND_WORDS[op].format(_number(float(limit))) + got + "."


def _type_at(info: msgspec.inspect.Type, segments: list[tuple[str, str]]) -> msgspec.inspect.Type | None:
    """The declared type at a msgspec error path (`$.items[0].duration_s`, `$.week[...][0].open`)."""
    current: msgspec.inspect.Type | None = info
    for field, index in segments:
        current = _step_into(current, field, index)
    return current


def _step_into(info: msgspec.inspect.Type | None, field: str, index: str) -> msgspec.inspect.Type | None:
    members = info.types if isinstance(info, msgspec.inspect.UnionType) else (info,)
    for member in members:
        if field and isinstance(member, msgspec.inspect.StructType):
            found = next((item.type for item in member.fields if item.encode_name == field), None)
            if found is not None:
                return found
        if index == "..." and isinstance(member, msgspec.inspect.DictType):
            return member.value_type
        if index.isdigit() and isinstance(member, msgspec.inspect.ListType | msgspec.inspect.VarTupleType):
            return member.item_type
    return None


def _value_at(data: bytes, segments: list[tuple[str, str]]) -> object:
    """The value at the path, or None when it cannot be told (a dict key msgspec writes as `...`)."""
    try:
        current: object = msgspec.json.decode(data)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return None
    for field, index in segments:
        if field and isinstance(current, dict):
            current = current.get(field)
        elif index.isdigit() and isinstance(current, list) and int(index) < len(current):
            current = current[int(index)]
        else:
            return None
    return current


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
