"""Tests of Repair request (/api/repair_requests), generated from the spec: operations, constraints."""
import pytest

from helpers import MISSING, assert_accepted, assert_rejected, error_of, sample_repair_request, with_value
from messages import message

URL = "/api/repair_requests"
LABEL = "Repair request"
# The optional fields, and the value a repair_request gets when the body leaves them out.
OPTIONAL = {"description": None, "status": "open"}


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """No Authorization header: Repair request needs no sign-in."""
    return {}


def create(client, headers, body=None):
    response = client.post(URL, json=sample_repair_request() if body is None else body, headers=headers)
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_repair_request(client, headers):
    """Creates a Repair request and answers 201 with its id and every field, as sent.

    Requirement: Anyone can file a repair request with a room (required, at most 40 characters), a description and a status (open, in progress, done), open by default
    """
    body = sample_repair_request()
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 201
    data = response.json()
    assert isinstance(data["id"], int)
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(data["id"]), headers=headers).json() == data


def test_create_ignores_fields_the_client_may_not_set(client, headers):
    """Ignores id, owner and unknown fields sent by the client.

    Requirement: Anyone can file a repair request with a room (required, at most 40 characters), a description and a status (open, in progress, done), open by default
    """
    data = create(client, headers, {**sample_repair_request(), "id": 987654, "owner_id": 987654, "is_admin": True})
    assert data["id"] != 987654
    assert data.get("owner_id") != 987654
    assert "is_admin" not in data


def test_create_without_optional_fields(client, headers):
    """Accepts a body without its optional fields; they take their defaults, or null."""
    body = {key: value for key, value in sample_repair_request().items() if key not in OPTIONAL}
    data = create(client, headers, body)
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_room_required(client, headers):
    """Refuses a body whose Room is missing, null or empty."""
    assert_rejected(client, URL, sample_repair_request, "room", [MISSING, None, ""], headers=headers)


def test_room_type(client, headers):
    """Refuses a Room of the wrong JSON type."""
    assert_rejected(client, URL, sample_repair_request, "room", [123, True, ["x"], {"x": 1}], headers=headers)


def test_room_max_length(client, headers):
    """Refuses a Room longer than 40 characters and accepts exactly 40."""
    assert_rejected(client, URL, sample_repair_request, "room", ["x" * 41], headers=headers)
    assert_accepted(client, URL, sample_repair_request, "room", ["x" * 40], headers=headers)


def test_description_type(client, headers):
    """Refuses a Description of the wrong JSON type."""
    assert_rejected(client, URL, sample_repair_request, "description", [123, True, ["x"], {"x": 1}, None], headers=headers)


def test_description_max_length(client, headers):
    """Refuses a Description longer than 10000 characters and accepts exactly 10000."""
    assert_rejected(client, URL, sample_repair_request, "description", ["x" * 10001], headers=headers)
    assert_accepted(client, URL, sample_repair_request, "description", ["x" * 10000], headers=headers)


def test_status_type(client, headers):
    """Refuses a Status of the wrong JSON type."""
    assert_rejected(client, URL, sample_repair_request, "status", [123, True, ["x"], {"x": 1}, None], headers=headers)


def test_status_allowed_values(client, headers):
    """Refuses a Status outside its allowed values and accepts each of them."""
    assert_rejected(client, URL, sample_repair_request, "status", ["not-a-choice", "OPEN"], headers=headers)
    assert_accepted(client, URL, sample_repair_request, "status", ["open", "in progress", "done"], headers=headers)


def test_list_repair_requests(client, headers):
    """Lists Repair request page by page: items, total, page and page_size.

    Requirement: Anyone can list and view requests and search them by room
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

    Requirement: Anyone can list and view requests and search them by room
    """
    for params in ({"page": 0}, {"page": -1}, {"page": "x"}, {"page_size": 0}, {"page_size": 101}, {"page_size": "2.5"}):
        error_of(client.get(URL, params=params, headers=headers), 400)


def test_search_by_room(client, headers):
    """Searches Repair request by Room: a case-insensitive substring; % and _ match literally.

    Requirement: Anyone can list and view requests and search them by room
    """
    alpha = create(client, headers, with_value(sample_repair_request(), "room", "Alpha%_1"))
    bravo = create(client, headers, with_value(sample_repair_request(), "room", "Bravo-22"))

    def found(text):
        response = client.get(URL, params={"q": text}, headers=headers)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    assert found("LPH") == [alpha["id"]]
    assert found("") == [alpha["id"], bravo["id"]]
    assert found("%") == [alpha["id"]]
    assert found("_") == [alpha["id"]]
    error_of(client.get(URL, params={"q": "x" * 201}, headers=headers), 400)


def test_get_unknown_repair_request_is_404(client, headers):
    """Answers 404 for a Repair request that does not exist.

    Requirement: Anyone can list and view requests and search them by room
    """
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
    error_of(client.get(item_url("abc"), headers=headers), 404)
