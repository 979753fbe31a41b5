"""The request body rules, generated from the schemas of openapi.json (components/schemas).

validation.py checks bodies against these and nothing else, so the document and the server agree.
"""
from validation import Rule

# sculpt:part field-rules
# Account fields shown back to the client (SignUp without the password; the User schema).
ACCOUNT_FIELDS = (
    Rule("username", "Username", "string", required=True, unique=True, min_length=3, max_length=32),
)
PASSWORD = Rule("password", "Password", "string", format="password", required=True, min_length=8, max_length=128)
# The SignUp schema.
SIGN_UP_FIELDS = (*ACCOUNT_FIELDS, PASSWORD)
# The Login schema.
LOGIN_FIELDS = (
    Rule("username", "Username", "string", required=True, min_length=1, max_length=32),
    Rule("password", "Password", "string", format="password", required=True, min_length=1, max_length=128),
)

# sculpt:part field-rules photo
# The PhotoInput schema (PhotoPatch is the same with every field optional).
PHOTO_FIELDS = (
    Rule("caption", "Caption", "string", required=True, min_length=1, max_length=140),
    Rule("image_url", "Image URL", "string", max_length=2000),
    Rule("like_count", "Like count", "integer", minimum=0, default=0),
)
