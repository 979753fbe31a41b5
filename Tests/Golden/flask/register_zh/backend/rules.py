"""The request body rules, generated from the schemas of openapi.json (components/schemas).

validation.py checks bodies against these and nothing else, so the document and the server agree.
"""
from validation import Rule

# sculpt:part field-rules
# Account fields shown back to the client (SignUp without the password; the User schema).
ACCOUNT_FIELDS = (
    Rule("username", "用户名", "string", required=True, unique=True, min_length=3, max_length=32),
)
PASSWORD = Rule("password", "密码", "string", format="password", required=True, min_length=8, max_length=128)
# The SignUp schema.
SIGN_UP_FIELDS = (*ACCOUNT_FIELDS, PASSWORD)
