"""Deployment settings for the notes service."""
import os

ADMIN_EMAIL = "alice.admin@example.com"
SUPPORT = "Write to bob_support@example.org if the service is down."
DATABASE_HOST = "203.0.113.42"
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
GITHUB_TOKEN = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
API_KEY = "sk-live-51HfRt2eZvKYlo2C9xQwErTyUiOp"
DEBUG = os.environ.get("DEBUG") == "1"
PORT = int(os.environ.get("PORT", "8000"))
