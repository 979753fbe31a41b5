"""Checks request bodies and query parameters against the rules in rules.py.

The rules are generated from the request schemas of openapi.json, so the server enforces exactly
what the document declares. Unknown fields are ignored: nothing the client sends can set `id`,
an owner or a role.
"""
import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from flask import request

from errors import ApiError
from messages import message

# The largest integer a database column holds (signed 64 bits).
INT64_MAX = 2**63 - 1
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_SEARCH_LENGTH = 200

EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:\d{2})?$")
DIGITS = re.compile(r"^[0-9]{1,18}$")


# sculpt:part field-rule-type
class _NoDefault:
    def __repr__(self):
        return "NO_DEFAULT"


NO_DEFAULT = _NoDefault()


@dataclass(frozen=True)
class Rule:
    """One property of a request body: its JSON Schema type, format and constraints, and its label."""

    name: str
    label: str
    type: str
    format: str | None = None
    required: bool = False
    unique: bool = False
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    exclusive_minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    default: Any = NO_DEFAULT
    # The model attribute, when the API name is not a usable Python name (`class` -> `class_`).
    attr: str | None = None

    @property
    def attribute(self):
        return self.attr or self.name


def invalid(rule, key, code="invalid", **values):
    return ApiError(400, code, message(key, label=rule.label, **values), rule.name)


# sculpt:part read-json
def read_json_object():
    """The request body as a JSON object, or a 400 saying what is wrong with it (413 past 1 MB)."""
    raw = request.get_data(cache=True)
    if not request.is_json:
        raise ApiError(400, "invalid_body", message("not_json"))
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise ApiError(400, "invalid_json", message("invalid_json")) from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_body", message("not_object"))
    return body


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


# sculpt:part validate-fields
def validate(body, rules, partial=False):
    """The accepted values by field name, converted for storage; raises a 400 at the first broken rule.

    A full body (create, replace) must carry every required field (as the schema says, even one with a
    default); an optional field left out gets its default, or None. A partial body (PATCH) keeps only
    the fields it carries and must carry at least one.
    """
    if partial and not body:
        raise ApiError(400, "invalid", message("empty_patch"))
    values = {}
    for rule in rules:
        if rule.name in body:
            values[rule.name] = check(rule, body[rule.name])
        elif partial:
            continue
        elif rule.required:
            raise invalid(rule, "required", code="required")
        elif rule.default is not NO_DEFAULT:
            values[rule.name] = None if rule.default is None else check(rule, rule.default)
        else:
            values[rule.name] = None
    return values


# sculpt:part check-value
def check(rule, value):
    """One value against one rule: the value to store, or a 400 naming the field."""
    if value is None:
        raise invalid(rule, "required", code="required") if rule.required else invalid(rule, _type_message(rule))
    if rule.type == "string":
        return _check_string(rule, value)
    if rule.type == "integer":
        return _check_range(rule, _integer(rule, value))
    if rule.type == "number":
        return _check_range(rule, _number(rule, value))
    if rule.type == "boolean":
        if not isinstance(value, bool):
            raise invalid(rule, "not_boolean")
        return value
    raise ValueError(f"unknown rule type {rule.type!r}")


def _type_message(rule):
    return {"integer": "not_integer", "number": "not_number", "boolean": "not_boolean"}.get(rule.type, "not_string")


def _check_string(rule, value):
    if not isinstance(value, str):
        raise invalid(rule, "not_string")
    if value == "" and rule.required:
        raise invalid(rule, "required", code="required")
    if rule.min_length is not None and len(value) < rule.min_length:
        raise invalid(rule, "too_short", min=rule.min_length)
    if rule.max_length is not None and len(value) > rule.max_length:
        raise invalid(rule, "too_long", max=rule.max_length)
    if rule.choices and value not in rule.choices:
        raise invalid(rule, "not_allowed", choices=", ".join(rule.choices))
    if rule.format == "email" and not EMAIL.match(value):
        raise invalid(rule, "bad_email")
    if rule.format == "date":
        return _date(rule, value)
    if rule.format == "date-time":
        return _date_time(rule, value)
    return value


def _date(rule, value):
    if not DATE.match(value):
        raise invalid(rule, "bad_date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise invalid(rule, "bad_date") from None


def _date_time(rule, value):
    """An aware datetime; a time without an offset is taken as UTC."""
    if not DATE_TIME.match(value):
        raise invalid(rule, "bad_datetime")
    text = value[:-1] + "+00:00" if value[-1] in "Zz" else value
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise invalid(rule, "bad_datetime") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _integer(rule, value):
    # JSON has one number type: 3.0 is the integer 3, but 2.5 and true are not integers.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid(rule, "not_integer")
    if isinstance(value, float):
        if not value.is_integer():
            raise invalid(rule, "not_integer")
        value = int(value)
    if abs(value) > INT64_MAX:
        raise invalid(rule, "out_of_range")
    return value


def _number(rule, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid(rule, "not_number")
    try:
        number = float(value)
    except OverflowError:
        raise invalid(rule, "out_of_range") from None
    if not math.isfinite(number):
        raise invalid(rule, "out_of_range")
    return number


def _check_range(rule, value):
    if rule.minimum is not None and value < rule.minimum:
        raise invalid(rule, "too_small", min=rule.minimum)
    if rule.exclusive_minimum is not None and value <= rule.exclusive_minimum:
        raise invalid(rule, "not_above", min=rule.exclusive_minimum)
    if rule.maximum is not None and value > rule.maximum:
        raise invalid(rule, "too_big", max=rule.maximum)
    return value


# sculpt:part paging
def page_params():
    """`page` (from 1) and `page_size` (1 to 100) from the query string; a 400 for anything else."""
    page = _query_int("page", 1)
    page_size = _query_int("page_size", DEFAULT_PAGE_SIZE)
    if page < 1:
        raise ApiError(400, "invalid", message("bad_page", name="page"), "page")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ApiError(400, "invalid", message("bad_page_size", max=MAX_PAGE_SIZE), "page_size")
    return page, page_size


def _query_int(name, default):
    raw = request.args.get(name)
    if raw is None:
        return default
    if not DIGITS.match(raw):
        key = "bad_page_size" if name == "page_size" else "bad_page"
        raise ApiError(400, "invalid", message(key, name=name, max=MAX_PAGE_SIZE), name)
    return int(raw)


def search_text():
    """The `q` query parameter, stripped; empty when absent."""
    text = request.args.get("q", "").strip()
    if len(text) > MAX_SEARCH_LENGTH:
        raise ApiError(400, "invalid", message("search_too_long", max=MAX_SEARCH_LENGTH), "q")
    return text
