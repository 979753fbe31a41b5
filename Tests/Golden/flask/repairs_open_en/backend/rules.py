"""The request body rules, generated from the schemas of openapi.json (components/schemas).

validation.py checks bodies against these and nothing else, so the document and the server agree.
"""
from validation import Rule

# sculpt:part field-rules repair_request
# The RepairRequestInput schema (RepairRequestPatch is the same with every field optional).
REPAIR_REQUEST_FIELDS = (
    Rule("room", "Room", "string", required=True, min_length=1, max_length=40),
    Rule("description", "Description", "string", max_length=10000),
    Rule("status", "Status", "string", choices=("open", "in progress", "done"), default="open"),
)
