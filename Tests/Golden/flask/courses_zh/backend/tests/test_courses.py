"""Tests of 课程 (/api/courses), generated from the spec: operations, constraints."""
import pytest

from helpers import MISSING, admin_headers, assert_accepted, assert_rejected, error_of, sample_course
from messages import message

URL = "/api/courses"
LABEL = "课程"
# The optional fields, and the value a course gets when the body leaves them out.
OPTIONAL = {"enrolled": 0}


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """A signed-in user's Authorization header."""
    return admin_headers(client)


def create(client, headers, body=None):
    response = client.post(URL, json=sample_course() if body is None else body, headers=headers)
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_course(client, headers):
    """Creates a 课程 and answers 201 with its id and every field, as sent.

    Requirement: 课程有名称（必填）、容量（至少1人）和已报名人数
    """
    body = sample_course()
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 201
    data = response.json()
    assert isinstance(data["id"], int)
    assert {key: data[key] for key in body} == body
    assert isinstance(data["owner_id"], int)
    assert client.get(item_url(data["id"]), headers=headers).json() == data


def test_create_ignores_fields_the_client_may_not_set(client, headers):
    """Ignores id, owner and unknown fields sent by the client."""
    data = create(client, headers, {**sample_course(), "id": 987654, "owner_id": 987654, "is_admin": True})
    assert data["id"] != 987654
    assert data.get("owner_id") != 987654
    assert "is_admin" not in data


def test_create_without_optional_fields(client, headers):
    """Accepts a body without its optional fields; they take their defaults, or null."""
    body = {key: value for key, value in sample_course().items() if key not in OPTIONAL}
    data = create(client, headers, body)
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_name_required(client, headers):
    """Refuses a body whose 名称 is missing, null or empty.

    Requirement: 课程有名称（必填）、容量（至少1人）和已报名人数
    """
    assert_rejected(client, URL, sample_course, "name", [MISSING, None, ""], headers=headers)


def test_name_type(client, headers):
    """Refuses a 名称 of the wrong JSON type."""
    assert_rejected(client, URL, sample_course, "name", [123, True, ["x"], {"x": 1}], headers=headers)


def test_name_max_length(client, headers):
    """Refuses a 名称 longer than 200 characters and accepts exactly 200."""
    assert_rejected(client, URL, sample_course, "name", ["x" * 201], headers=headers)
    assert_accepted(client, URL, sample_course, "name", ["x" * 200], headers=headers)


def test_capacity_required(client, headers):
    """Refuses a body whose 容量 is missing, null."""
    assert_rejected(client, URL, sample_course, "capacity", [MISSING, None], headers=headers)


def test_capacity_type(client, headers):
    """Refuses a 容量 of the wrong JSON type."""
    assert_rejected(client, URL, sample_course, "capacity", ["7", True, 2.5, 2**64], headers=headers)
    assert_accepted(client, URL, sample_course, "capacity", [1.0], headers=headers)


def test_capacity_minimum(client, headers):
    """Refuses a 容量 below 1 and accepts 1.

    Requirement: 课程有名称（必填）、容量（至少1人）和已报名人数
    """
    assert_rejected(client, URL, sample_course, "capacity", [0], headers=headers)
    assert_accepted(client, URL, sample_course, "capacity", [1], headers=headers)


def test_enrolled_type(client, headers):
    """Refuses a 已报名人数 of the wrong JSON type."""
    assert_rejected(client, URL, sample_course, "enrolled", ["7", True, 2.5, 2**64, None], headers=headers)
    assert_accepted(client, URL, sample_course, "enrolled", [0.0], headers=headers)


def test_enrolled_minimum(client, headers):
    """Refuses a 已报名人数 below 0 and accepts 0."""
    assert_rejected(client, URL, sample_course, "enrolled", [-1], headers=headers)
    assert_accepted(client, URL, sample_course, "enrolled", [0], headers=headers)


def test_list_courses(client, headers):
    """Lists 课程 page by page: items, total, page and page_size."""
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
    """Refuses page and page_size values out of range (page_size at most 100)."""
    for params in ({"page": 0}, {"page": -1}, {"page": "x"}, {"page_size": 0}, {"page_size": 101}, {"page_size": "2.5"}):
        error_of(client.get(URL, params=params, headers=headers), 400)


def test_get_unknown_course_is_404(client, headers):
    """Answers 404 for a 课程 that does not exist."""
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
    error_of(client.get(item_url("abc"), headers=headers), 404)


def test_replace_course(client, headers):
    """Replaces a 课程 with PUT."""
    created = create(client, headers)
    body = sample_course()
    response = client.put(item_url(created["id"]), json=body, headers=headers)
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == created["id"]
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(created["id"]), headers=headers).json() == data


def test_replace_resets_fields_left_out(client, headers):
    """PUT resets the fields it leaves out to their defaults."""
    created = create(client, headers)
    body = {key: value for key, value in sample_course().items() if key not in OPTIONAL}
    data = client.put(item_url(created["id"]), json=body, headers=headers).json()
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_patch_course(client, headers):
    """Changes only the fields sent with PATCH."""
    field = "name"
    created = create(client, headers)
    change = {field: sample_course()[field]}
    response = client.patch(item_url(created["id"]), json=change, headers=headers)
    assert response.status_code == 200
    assert response.json() == {**created, **change}


def test_update_refuses_bad_bodies(client, headers):
    """Refuses an empty or invalid update."""
    field = "name"
    created = create(client, headers)
    error_of(client.patch(item_url(created["id"]), json={}, headers=headers), 400)
    error = error_of(client.patch(item_url(created["id"]), json={field: None}, headers=headers), 400)
    assert error["field"] == field
    error_of(client.put(item_url(created["id"]), json={}, headers=headers), 400)
    error_of(client.put(item_url(created["id"]), content="[]", headers={**headers, "Content-Type": "application/json"}), 400)


def test_update_unknown_course_is_404(client, headers):
    """Answers 404 when updating a 课程 that does not exist."""
    error_of(client.put(item_url(987654), json=sample_course(), headers=headers), 404)
    error_of(client.patch(item_url(987654), json=sample_course(), headers=headers), 404)


def test_delete_course(client, headers):
    """Deletes a 课程 (204); it is gone afterwards."""
    created = create(client, headers)
    response = client.delete(item_url(created["id"]), headers=headers)
    assert response.status_code == 204
    assert response.content == b""
    error_of(client.get(item_url(created["id"]), headers=headers), 404)
    error_of(client.delete(item_url(created["id"]), headers=headers), 404)
