"""The request bodies, generated from the schemas of openapi.json (components/schemas).

Pydantic checks every body against these models and nothing else, so the document and the server
agree. Models are strict (a number is not a text, "7" is not a number), ignore unknown fields (nothing
the client sends can set `id`, an owner or a role), and take no null for a field: a field left out
gets its default. Field names are the model attributes; aliases are the API's names where they differ.
"""
import re
from datetime import date, datetime, timezone
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

# The largest integer a database column holds (signed 64 bits).
INT64_MAX = 2**63 - 1
# sculpt:part check-value
EMAIL = r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:\d{2})?$")


def _json_integer(value):
    """JSON has one number type: 3.0 is the integer 3, but 2.5, true and "3" are not integers."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("not_integer", "not an integer")
    if isinstance(value, float):
        if not value.is_integer():
            raise PydanticCustomError("not_integer", "not an integer")
        value = int(value)
    if abs(value) > INT64_MAX:
        raise PydanticCustomError("out_of_range", "out of range")
    return value


def _iso_date(value):
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("not_string", "not a text")
    if not DATE.match(value):
        raise PydanticCustomError("bad_date", "not a YYYY-MM-DD date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("bad_date", "not a YYYY-MM-DD date") from None


def _iso_date_time(value):
    """An aware datetime; a time without an offset is taken as UTC."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("not_string", "not a text")
    if not DATE_TIME.match(value):
        raise PydanticCustomError("bad_datetime", "not an ISO 8601 date and time")
    text = value[:-1] + "+00:00" if value[-1] in "Zz" else value
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError("bad_datetime", "not an ISO 8601 date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


JsonInt = Annotated[int, BeforeValidator(_json_integer)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_date_time)]


# sculpt:part field-rule-type
class Body(BaseModel):
    """A request body: strict types, unknown fields ignored, no infinities."""

    model_config = ConfigDict(strict=True, extra="ignore", allow_inf_nan=False)
    # Attributes whose values must not repeat among the records (checked before saving).
    UNIQUE: ClassVar[tuple[str, ...]] = ()


class PatchBody(Body):
    """A partial update: every field optional, at least one sent."""

    @model_validator(mode="after")
    def require_a_field(self):
        if not self.model_fields_set:
            raise PydanticCustomError("empty_patch", "nothing to change")
        return self


# sculpt:part field-rules repair_request
class RepairRequestInput(Body):
    """The RepairRequestInput schema: creating or replacing a Repair request."""

    UNIQUE: ClassVar[tuple[str, ...]] = ()
    room: str = Field(title="Room", min_length=1, max_length=40)
    description: str = Field(default=None, title="Description", max_length=10000)
    status: Literal["open", "in progress", "done"] = Field(default="open", validate_default=True, title="Status")
