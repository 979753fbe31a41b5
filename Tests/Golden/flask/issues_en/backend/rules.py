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

# sculpt:part field-rules project
# The ProjectInput schema (ProjectPatch is the same with every field optional).
PROJECT_FIELDS = (
    Rule("name", "Name", "string", required=True, unique=True, min_length=1, max_length=200),
    Rule("description", "Description", "string", max_length=10000),
)

# sculpt:part field-rules issue
# The IssueInput schema (IssuePatch is the same with every field optional).
ISSUE_FIELDS = (
    Rule("project_id", "Project", "integer", required=True, minimum=1),
    Rule("title", "Title", "string", required=True, min_length=1, max_length=100),
    Rule("status", "Status", "string", choices=("open", "in progress", "closed"), default="open"),
    Rule("priority", "Priority", "integer", minimum=1, maximum=5),
)
