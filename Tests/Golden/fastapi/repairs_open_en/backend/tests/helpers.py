"""Helpers of the generated tests: valid sample bodies, signing in, and checks of answers."""
import itertools

_numbers = itertools.count(1)


# sculpt:part test-helpers
class _Missing:
    def __repr__(self):
        return "MISSING"


# A value that means "leave the field out of the body".
MISSING = _Missing()


def fresh():
    """A number no other call returns, so that unique fields stay unique."""
    return next(_numbers)


def text_value(n, prefix, min_length, max_length):
    """Text made of `prefix` and `n`, fitted between the length limits."""
    value = f"{prefix} {n}"
    if len(value) > max_length:
        value = f"{prefix}{n}"[-max_length:]
    return value.ljust(min_length, "x")


def email_value(n, max_length=254):
    value = f"user{n}@example.com"
    return value if len(value) <= max_length else f"{n}@ex.io"


def date_value(n):
    return f"20{10 + n % 20}-{n % 12 + 1:02d}-{n % 28 + 1:02d}"


def datetime_value(n):
    return f"{date_value(n)}T{n % 24:02d}:{n % 60:02d}:00Z"


def int_value(n, low, high):
    return low + n % (high - low + 1)


def number_value(n, low, high):
    value = low + n % max(1, int(high - low)) + 0.5
    return value if value <= high else low


def with_value(body, name, value):
    """A copy of `body` with `name` set to `value`, or left out when `value` is MISSING."""
    body = dict(body)
    if value is MISSING:
        body.pop(name, None)
    else:
        body[name] = value
    return body


def error_of(response, status):
    """The error object of a JSON error answer, after checking its status and shape."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].split(";")[0] == "application/json"
    error = response.json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    return error


def assert_rejected(client, url, make_body, field, values, headers=None):
    """Each value of `field` is refused with 400 and an error naming the field."""
    for value in values:
        response = client.post(url, json=with_value(make_body(), field, value), headers=headers or {})
        error = error_of(response, 400)
        assert error.get("field") == field, (value, error)


def assert_accepted(client, url, make_body, field, values, headers=None):
    """Each value of `field` is accepted with 201 and comes back as sent."""
    for value in values:
        response = client.post(url, json=with_value(make_body(), field, value), headers=headers or {})
        assert response.status_code == 201, (value, response.json())
        data = response.json()
        if field in data:
            assert data[field] == value, (value, data)


def sample_repair_request(n=None):
    """A valid Repair request body."""
    n = fresh() if n is None else n
    return {
        "room": text_value(n, "room", 1, 40),
        "description": text_value(n, "description", 0, 10000),
        "status": "open",
    }
