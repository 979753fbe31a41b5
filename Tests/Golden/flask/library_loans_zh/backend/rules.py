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
# The Login schema.
LOGIN_FIELDS = (
    Rule("username", "用户名", "string", required=True, min_length=1, max_length=32),
    Rule("password", "密码", "string", format="password", required=True, min_length=1, max_length=128),
)

# sculpt:part field-rules book
# The BookInput schema (BookPatch is the same with every field optional).
BOOK_FIELDS = (
    Rule("title", "书名", "string", required=True, min_length=1, max_length=200),
    Rule("author", "作者", "string", max_length=200),
    Rule("stock", "库存数量", "integer", minimum=0, default=0),
)

# sculpt:part field-rules loan
# The LoanInput schema (LoanPatch is the same with every field optional).
LOAN_FIELDS = (
    Rule("book_id", "图书", "integer", required=True, minimum=1),
)
