"""What the API tells end users, in the application's language (en).

Generated from Sculpt's message catalog; `{name}` placeholders are filled by `message()`.
"""

# sculpt:part messages
MESSAGES = {
    "already_done": "Each user can {action} only once.",
    "bad_credentials": "Incorrect {identity} or {password}.",
    "bad_date": "{label} must be a date like 2024-05-17.",
    "bad_datetime": "{label} must be a date and time like 2024-05-17T09:30:00Z.",
    "bad_email": "{label} must be a valid email address.",
    "bad_page": "{name} must be a whole number of at least 1.",
    "bad_page_size": "page_size must be a whole number from 1 to {max}.",
    "bad_request": "The request is not valid.",
    "bad_token": "Your sign-in is invalid or has expired; please sign in again.",
    "conflict": "{label} is already taken.",
    "conflict_other": "This conflicts with data that already exists.",
    "empty_patch": "Send at least one field to change.",
    "forbidden": "Only its owner can change or delete this {label}.",
    "has_children": "This {label} still has {children}; it cannot be deleted.",
    "invalid_json": "The request body is not valid JSON.",
    "method_not_allowed": "This address does not accept that method.",
    "no_route": "There is nothing at this address.",
    "not_above": "{label} must be greater than {min}.",
    "not_allowed": "{label} must be one of: {choices}.",
    "not_boolean": "{label} must be true or false.",
    "not_found": "{label} not found.",
    "not_integer": "{label} must be a whole number.",
    "not_json": "The request body must be JSON (Content-Type: application/json).",
    "not_number": "{label} must be a number.",
    "not_object": "The request body must be a JSON object.",
    "not_permitted": "You are not allowed to do this.",
    "not_string": "{label} must be text.",
    "out_of_range": "{label} is out of range.",
    "parent_missing": "The chosen {label} does not exist.",
    "registered": "Your account has been created.",
    "required": "{label} is required.",
    "search_too_long": "The search text must be at most {max} characters long.",
    "server_error": "Something went wrong on the server; please try again later.",
    "too_big": "{label} must be at most {max}.",
    "too_large": "The request body is too large (at most 1 MB).",
    "too_long": "{label} must be at most {max} characters long.",
    "too_many_attempts": "Too many attempts; please try again in {seconds} seconds.",
    "too_short": "{label} must be at least {min} characters long.",
    "too_small": "{label} must be at least {min}.",
    "unauthorized": "Please sign in first.",
}


def message(key, **values):
    """The sentence for `key` with its placeholders filled."""
    return MESSAGES[key].format(**values)
