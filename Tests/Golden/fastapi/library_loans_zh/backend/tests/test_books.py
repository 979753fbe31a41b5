"""Tests of 图书 (/api/books), generated from the spec: operations, constraints."""
import pytest

from helpers import MISSING, admin_headers, assert_accepted, assert_rejected, error_of, sample_book, with_value
from messages import message

URL = "/api/books"
LABEL = "图书"
# The optional fields, and the value a book gets when the body leaves them out.
OPTIONAL = {"author": None, "stock": 0}


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """A signed-in user's Authorization header."""
    return admin_headers(client)


def create(client, headers, body=None):
    response = client.post(URL, json=sample_book() if body is None else body, headers=headers)
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_book(client, headers):
    """Creates a 图书 and answers 201 with its id and every field, as sent.

    Requirement: 图书有书名（必填）、作者和库存数量（不能为负）
    """
    body = sample_book()
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 201
    data = response.json()
    assert isinstance(data["id"], int)
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(data["id"]), headers=headers).json() == data


def test_create_ignores_fields_the_client_may_not_set(client, headers):
    """Ignores id, owner and unknown fields sent by the client."""
    data = create(client, headers, {**sample_book(), "id": 987654, "owner_id": 987654, "is_admin": True})
    assert data["id"] != 987654
    assert data.get("owner_id") != 987654
    assert "is_admin" not in data


def test_create_without_optional_fields(client, headers):
    """Accepts a body without its optional fields; they take their defaults, or null."""
    body = {key: value for key, value in sample_book().items() if key not in OPTIONAL}
    data = create(client, headers, body)
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_title_required(client, headers):
    """Refuses a body whose 书名 is missing, null or empty.

    Requirement: 图书有书名（必填）、作者和库存数量（不能为负）
    """
    assert_rejected(client, URL, sample_book, "title", [MISSING, None, ""], headers=headers)


def test_title_type(client, headers):
    """Refuses a 书名 of the wrong JSON type."""
    assert_rejected(client, URL, sample_book, "title", [123, True, ["x"], {"x": 1}], headers=headers)


def test_title_max_length(client, headers):
    """Refuses a 书名 longer than 200 characters and accepts exactly 200."""
    assert_rejected(client, URL, sample_book, "title", ["x" * 201], headers=headers)
    assert_accepted(client, URL, sample_book, "title", ["x" * 200], headers=headers)


def test_author_type(client, headers):
    """Refuses a 作者 of the wrong JSON type."""
    assert_rejected(client, URL, sample_book, "author", [123, True, ["x"], {"x": 1}, None], headers=headers)


def test_author_max_length(client, headers):
    """Refuses a 作者 longer than 200 characters and accepts exactly 200."""
    assert_rejected(client, URL, sample_book, "author", ["x" * 201], headers=headers)
    assert_accepted(client, URL, sample_book, "author", ["x" * 200], headers=headers)


def test_stock_type(client, headers):
    """Refuses a 库存数量 of the wrong JSON type."""
    assert_rejected(client, URL, sample_book, "stock", ["7", True, 2.5, 2**64, None], headers=headers)
    assert_accepted(client, URL, sample_book, "stock", [0.0], headers=headers)


def test_stock_minimum(client, headers):
    """Refuses a 库存数量 below 0 and accepts 0.

    Requirement: 图书有书名（必填）、作者和库存数量（不能为负）
    """
    assert_rejected(client, URL, sample_book, "stock", [-1], headers=headers)
    assert_accepted(client, URL, sample_book, "stock", [0], headers=headers)


def test_list_books(client, headers):
    """Lists 图书 page by page: items, total, page and page_size.

    Requirement: 所有人都可以查看图书列表和详情，并按书名搜索
    """
    created = [create(client, headers) for _ in range(3)]
    response = client.get(URL, params={"page_size": 2}, headers=headers)
    assert response.status_code == 200
    page = response.json()
    assert (page["total"], page["page"], page["page_size"]) == (3, 1, 2)
    assert [item["id"] for item in page["items"]] == [item["id"] for item in created[:2]]
    assert page["items"][0] == created[0]
    second = client.get(URL, params={"page": 2, "page_size": 2}, headers=headers).json()
    assert [item["id"] for item in second["items"]] == [created[2]["id"]]
    beyond = client.get(URL, params={"page": 99}, headers=headers).json()
    assert beyond["items"] == [] and beyond["total"] == 3
    assert client.get(URL, headers=headers).json()["page_size"] == 20


def test_list_refuses_bad_paging(client, headers):
    """Refuses page and page_size values out of range (page_size at most 100).

    Requirement: 所有人都可以查看图书列表和详情，并按书名搜索
    """
    for params in ({"page": 0}, {"page": -1}, {"page": "x"}, {"page_size": 0}, {"page_size": 101}, {"page_size": "2.5"}):
        error_of(client.get(URL, params=params, headers=headers), 400)


def test_search_by_title(client, headers):
    """Searches 图书 by 书名: a case-insensitive substring; % and _ match literally.

    Requirement: 所有人都可以查看图书列表和详情，并按书名搜索
    """
    alpha = create(client, headers, with_value(sample_book(), "title", "Alpha%_1"))
    bravo = create(client, headers, with_value(sample_book(), "title", "Bravo-22"))

    def found(text):
        response = client.get(URL, params={"q": text}, headers=headers)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    assert found("LPH") == [alpha["id"]]
    assert found("") == [alpha["id"], bravo["id"]]
    assert found("%") == [alpha["id"]]
    assert found("_") == [alpha["id"]]
    error_of(client.get(URL, params={"q": "x" * 201}, headers=headers), 400)


def test_get_unknown_book_is_404(client, headers):
    """Answers 404 for a 图书 that does not exist.

    Requirement: 所有人都可以查看图书列表和详情，并按书名搜索
    """
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
    error_of(client.get(item_url("abc"), headers=headers), 404)


def test_replace_book(client, headers):
    """Replaces a 图书 with PUT."""
    created = create(client, headers)
    body = sample_book()
    response = client.put(item_url(created["id"]), json=body, headers=headers)
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == created["id"]
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(created["id"]), headers=headers).json() == data


def test_replace_resets_fields_left_out(client, headers):
    """PUT resets the fields it leaves out to their defaults."""
    created = create(client, headers)
    body = {key: value for key, value in sample_book().items() if key not in OPTIONAL}
    data = client.put(item_url(created["id"]), json=body, headers=headers).json()
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_patch_book(client, headers):
    """Changes only the fields sent with PATCH."""
    field = "title"
    created = create(client, headers)
    change = {field: sample_book()[field]}
    response = client.patch(item_url(created["id"]), json=change, headers=headers)
    assert response.status_code == 200
    assert response.json() == {**created, **change}


def test_update_refuses_bad_bodies(client, headers):
    """Refuses an empty or invalid update."""
    field = "title"
    created = create(client, headers)
    error_of(client.patch(item_url(created["id"]), json={}, headers=headers), 400)
    error = error_of(client.patch(item_url(created["id"]), json={field: None}, headers=headers), 400)
    assert error["field"] == field
    error_of(client.put(item_url(created["id"]), json={}, headers=headers), 400)
    error_of(client.put(item_url(created["id"]), content="[]", headers={**headers, "Content-Type": "application/json"}), 400)


def test_update_unknown_book_is_404(client, headers):
    """Answers 404 when updating a 图书 that does not exist."""
    error_of(client.put(item_url(987654), json=sample_book(), headers=headers), 404)
    error_of(client.patch(item_url(987654), json=sample_book(), headers=headers), 404)


def test_delete_book(client, headers):
    """Deletes a 图书 (204); it is gone afterwards."""
    created = create(client, headers)
    response = client.delete(item_url(created["id"]), headers=headers)
    assert response.status_code == 204
    assert response.content == b""
    error_of(client.get(item_url(created["id"]), headers=headers), 404)
    error_of(client.delete(item_url(created["id"]), headers=headers), 404)
