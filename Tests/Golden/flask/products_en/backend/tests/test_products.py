"""Tests of Product (/api/products), generated from the spec: operations, constraints."""
import pytest

from helpers import MISSING, assert_accepted, assert_rejected, error_of, sample_product, with_value
from messages import message

URL = "/api/products"
LABEL = "Product"


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """No Authorization header: Product needs no sign-in."""
    return {}


def create(client, headers, body=None):
    response = client.post(URL, json=sample_product() if body is None else body, headers=headers)
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_product(client, headers):
    """Creates a Product and answers 201 with its id and every field, as sent.

    Requirement: each product has a name, a unique SKU, a price (a positive number) and a stock count (a whole number, never negative)
    Requirement: Support creating, listing, viewing, updating and deleting products
    """
    body = sample_product()
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 201
    data = response.json()
    assert isinstance(data["id"], int)
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(data["id"]), headers=headers).json() == data


def test_create_ignores_fields_the_client_may_not_set(client, headers):
    """Ignores id, owner and unknown fields sent by the client.

    Requirement: Support creating, listing, viewing, updating and deleting products
    """
    data = create(client, headers, {**sample_product(), "id": 987654, "owner_id": 987654, "is_admin": True})
    assert data["id"] != 987654
    assert data.get("owner_id") != 987654
    assert "is_admin" not in data


def test_name_required(client, headers):
    """Refuses a body whose Name is missing, null or empty."""
    assert_rejected(client, URL, sample_product, "name", [MISSING, None, ""], headers=headers)


def test_name_type(client, headers):
    """Refuses a Name of the wrong JSON type."""
    assert_rejected(client, URL, sample_product, "name", [123, True, ["x"], {"x": 1}], headers=headers)


def test_name_max_length(client, headers):
    """Refuses a Name longer than 200 characters and accepts exactly 200."""
    assert_rejected(client, URL, sample_product, "name", ["x" * 201], headers=headers)
    assert_accepted(client, URL, sample_product, "name", ["x" * 200], headers=headers)


def test_sku_required(client, headers):
    """Refuses a body whose SKU is missing, null or empty."""
    assert_rejected(client, URL, sample_product, "sku", [MISSING, None, ""], headers=headers)


def test_sku_type(client, headers):
    """Refuses a SKU of the wrong JSON type."""
    assert_rejected(client, URL, sample_product, "sku", [123, True, ["x"], {"x": 1}], headers=headers)


def test_sku_max_length(client, headers):
    """Refuses a SKU longer than 200 characters and accepts exactly 200."""
    assert_rejected(client, URL, sample_product, "sku", ["x" * 201], headers=headers)
    assert_accepted(client, URL, sample_product, "sku", ["x" * 200], headers=headers)


def test_price_required(client, headers):
    """Refuses a body whose Price is missing, null."""
    assert_rejected(client, URL, sample_product, "price", [MISSING, None], headers=headers)


def test_price_type(client, headers):
    """Refuses a Price of the wrong JSON type."""
    assert_rejected(client, URL, sample_product, "price", ["12.5", True, [1]], headers=headers)


def test_price_exclusive_minimum(client, headers):
    """Refuses a Price of 0 or less and accepts 0.01.

    Requirement: each product has a name, a unique SKU, a price (a positive number) and a stock count (a whole number, never negative)
    """
    assert_rejected(client, URL, sample_product, "price", [0, -1], headers=headers)
    assert_accepted(client, URL, sample_product, "price", [0.01], headers=headers)


def test_stock_required(client, headers):
    """Refuses a body whose Stock is missing, null."""
    assert_rejected(client, URL, sample_product, "stock", [MISSING, None], headers=headers)


def test_stock_type(client, headers):
    """Refuses a Stock of the wrong JSON type."""
    assert_rejected(client, URL, sample_product, "stock", ["7", True, 2.5, 2**64], headers=headers)
    assert_accepted(client, URL, sample_product, "stock", [0.0], headers=headers)


def test_stock_minimum(client, headers):
    """Refuses a Stock below 0 and accepts 0.

    Requirement: each product has a name, a unique SKU, a price (a positive number) and a stock count (a whole number, never negative)
    """
    assert_rejected(client, URL, sample_product, "stock", [-1], headers=headers)
    assert_accepted(client, URL, sample_product, "stock", [0], headers=headers)


def test_sku_is_unique(client, headers):
    """Refuses a second Product with the same SKU (409), on create and update.

    Requirement: each product has a name, a unique SKU, a price (a positive number) and a stock count (a whole number, never negative)
    """
    field = "sku"
    first = create(client, headers)
    error = error_of(client.post(URL, json=with_value(sample_product(), field, first[field]), headers=headers), 409)
    assert error["code"] == "conflict" and error["field"] == field
    assert error["message"] == message("conflict", label="SKU")
    second = create(client, headers)
    taken = {field: first[field]}
    error_of(client.patch(item_url(second["id"]), json=taken, headers=headers), 409)
    assert client.patch(item_url(first["id"]), json=taken, headers=headers).status_code == 200


def test_list_products(client, headers):
    """Lists Product page by page: items, total, page and page_size.

    Requirement: Support creating, listing, viewing, updating and deleting products
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

    Requirement: Support creating, listing, viewing, updating and deleting products
    """
    for params in ({"page": 0}, {"page": -1}, {"page": "x"}, {"page_size": 0}, {"page_size": 101}, {"page_size": "2.5"}):
        error_of(client.get(URL, params=params, headers=headers), 400)


def test_search_by_name(client, headers):
    """Searches Product by Name: a case-insensitive substring; % and _ match literally.

    Requirement: searching products by name
    """
    alpha = create(client, headers, with_value(sample_product(), "name", "Alpha%_1"))
    bravo = create(client, headers, with_value(sample_product(), "name", "Bravo-22"))

    def found(text):
        response = client.get(URL, params={"q": text}, headers=headers)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    assert found("LPH") == [alpha["id"]]
    assert found("") == [alpha["id"], bravo["id"]]
    assert found("%") == [alpha["id"]]
    assert found("_") == [alpha["id"]]
    error_of(client.get(URL, params={"q": "x" * 201}, headers=headers), 400)


def test_get_unknown_product_is_404(client, headers):
    """Answers 404 for a Product that does not exist.

    Requirement: Support creating, listing, viewing, updating and deleting products
    """
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
    error_of(client.get(item_url("abc"), headers=headers), 404)


def test_replace_product(client, headers):
    """Replaces a Product with PUT.

    Requirement: Support creating, listing, viewing, updating and deleting products
    """
    created = create(client, headers)
    body = sample_product()
    response = client.put(item_url(created["id"]), json=body, headers=headers)
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == created["id"]
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(created["id"]), headers=headers).json() == data


def test_patch_product(client, headers):
    """Changes only the fields sent with PATCH.

    Requirement: Support creating, listing, viewing, updating and deleting products
    """
    field = "name"
    created = create(client, headers)
    change = {field: sample_product()[field]}
    response = client.patch(item_url(created["id"]), json=change, headers=headers)
    assert response.status_code == 200
    assert response.json() == {**created, **change}


def test_update_refuses_bad_bodies(client, headers):
    """Refuses an empty or invalid update.

    Requirement: Support creating, listing, viewing, updating and deleting products
    """
    field = "name"
    created = create(client, headers)
    error_of(client.patch(item_url(created["id"]), json={}, headers=headers), 400)
    error = error_of(client.patch(item_url(created["id"]), json={field: None}, headers=headers), 400)
    assert error["field"] == field
    error_of(client.put(item_url(created["id"]), json={}, headers=headers), 400)
    error_of(client.put(item_url(created["id"]), content="[]", headers={**headers, "Content-Type": "application/json"}), 400)


def test_update_unknown_product_is_404(client, headers):
    """Answers 404 when updating a Product that does not exist.

    Requirement: Support creating, listing, viewing, updating and deleting products
    """
    error_of(client.put(item_url(987654), json=sample_product(), headers=headers), 404)
    error_of(client.patch(item_url(987654), json=sample_product(), headers=headers), 404)


def test_delete_product(client, headers):
    """Deletes a Product (204); it is gone afterwards.

    Requirement: Support creating, listing, viewing, updating and deleting products
    """
    created = create(client, headers)
    response = client.delete(item_url(created["id"]), headers=headers)
    assert response.status_code == 204
    assert response.content == b""
    error_of(client.get(item_url(created["id"]), headers=headers), 404)
    error_of(client.delete(item_url(created["id"]), headers=headers), 404)
