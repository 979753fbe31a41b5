"""Tests of 报名记录 (/api/enrollments), generated from the spec: operations, constraints and access."""
import pytest

from helpers import admin_headers, error_of, sample_course, sign_in
from messages import message

URL = "/api/enrollments"
LABEL = "报名记录"


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """A signed-in user's Authorization header."""
    return sign_in(client)


@pytest.fixture(autouse=True)
def parents(client):
    """Record 1 of each record a enrollment belongs to: the samples point at it."""
    assert client.post("/api/courses", json=sample_course(), headers=admin_headers(client)).status_code == 201


def test_list_enrollments_starts_empty(client, headers):
    """Lists 报名记录 page by page: items, total, page and page_size."""
    page = client.get(URL, headers=headers).json()
    assert (page["items"], page["total"], page["page"]) == ([], 0, 1)


def test_get_unknown_enrollment_is_404(client, headers):
    """Answers 404 for a 报名记录 that does not exist."""
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
