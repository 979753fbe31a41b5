"""The request body rules, generated from the schemas of openapi.json (components/schemas).

validation.py checks bodies against these and nothing else, so the document and the server agree.
"""
from validation import Rule

# sculpt:part field-rules task
# The TaskInput schema (TaskPatch is the same with every field optional).
TASK_FIELDS = (
    Rule("title", "Title", "string", required=True, min_length=1, max_length=100),
    Rule("description", "Description", "string", max_length=10000),
    Rule("done", "Done", "boolean", default=False),
)
