"""Tests of the rules of /api/loans beyond create and edit (contract v2): relations, roles and actions, generated from the spec."""
import pytest

from helpers import admin_headers, error_of, sample_book, sign_in

URL = "/api/loans"


@pytest.fixture(autouse=True)
def parents(client):
    """Record 1 of each record a loan belongs to: the samples point at it."""
    assert client.post("/api/books", json=sample_book(), headers=admin_headers(client)).status_code == 201


def test_deleting_a_book_with_loans_is_refused(client):
    """Deleting a 图书 that still has 借阅记录 (made by 借书) is refused with 409."""
    parent_headers = admin_headers(client)
    parent = client.post("/api/books", json={**sample_book(), **{"stock": 1}}, headers=parent_headers).json()["id"]
    caller = sign_in(client)
    assert client.post(f"/api/books/{parent}/borrow", headers=caller).status_code == 200

    def children():
        return client.get(URL, params={"book_id": parent}, headers=caller).json()["items"]

    assert len(children()) == 1
    response = client.delete(f"/api/books/{parent}", headers=admin_headers(client))
    assert error_of(response, 409)["code"] == "conflict"
    assert len(children()) == 1
