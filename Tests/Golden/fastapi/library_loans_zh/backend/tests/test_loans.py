"""Tests of 借阅记录 (/api/loans), generated from the spec: operations, constraints and access."""
import pytest

from helpers import admin_headers, error_of, sample_book, sign_in
from messages import message

URL = "/api/loans"
LABEL = "借阅记录"


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """A signed-in user's Authorization header."""
    return sign_in(client)


@pytest.fixture(autouse=True)
def parents(client):
    """Record 1 of each record a loan belongs to: the samples point at it."""
    assert client.post("/api/books", json=sample_book(), headers=admin_headers(client)).status_code == 201


def test_list_loans_starts_empty(client, headers):
    """Lists 借阅记录 page by page: items, total, page and page_size."""
    page = client.get(URL, headers=headers).json()
    assert (page["items"], page["total"], page["page"]) == ([], 0, 1)


def test_get_unknown_loan_is_404(client, headers):
    """Answers 404 for a 借阅记录 that does not exist."""
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
