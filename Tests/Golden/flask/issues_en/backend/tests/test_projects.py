"""Tests of Project (/api/projects), generated from the spec: operations, constraints and access."""
import pytest

from helpers import MISSING, assert_accepted, assert_rejected, error_of, sample_project, sign_in, with_value
from messages import message

URL = "/api/projects"
LABEL = "Project"
# The optional fields, and the value a project gets when the body leaves them out.
OPTIONAL = {"description": None}


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """A signed-in user's Authorization header."""
    return sign_in(client)


def create(client, headers, body=None):
    response = client.post(URL, json=sample_project() if body is None else body, headers=headers)
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_project(client, headers):
    """Creates a Project and answers 201 with its id and every field, as sent.

    Requirement: Projects have a name (required, unique) and a description
    """
    body = sample_project()
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 201
    data = response.json()
    assert isinstance(data["id"], int)
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(data["id"]), headers=headers).json() == data


def test_create_ignores_fields_the_client_may_not_set(client, headers):
    """Ignores id, owner and unknown fields sent by the client."""
    data = create(client, headers, {**sample_project(), "id": 987654, "owner_id": 987654, "is_admin": True})
    assert data["id"] != 987654
    assert data.get("owner_id") != 987654
    assert "is_admin" not in data


def test_create_without_optional_fields(client, headers):
    """Accepts a body without its optional fields; they take their defaults, or null."""
    body = {key: value for key, value in sample_project().items() if key not in OPTIONAL}
    data = create(client, headers, body)
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_name_required(client, headers):
    """Refuses a body whose Name is missing, null or empty.

    Requirement: Projects have a name (required, unique) and a description
    """
    assert_rejected(client, URL, sample_project, "name", [MISSING, None, ""], headers=headers)


def test_name_type(client, headers):
    """Refuses a Name of the wrong JSON type."""
    assert_rejected(client, URL, sample_project, "name", [123, True, ["x"], {"x": 1}], headers=headers)


def test_name_max_length(client, headers):
    """Refuses a Name longer than 200 characters and accepts exactly 200."""
    assert_rejected(client, URL, sample_project, "name", ["x" * 201], headers=headers)
    assert_accepted(client, URL, sample_project, "name", ["x" * 200], headers=headers)


def test_description_type(client, headers):
    """Refuses a Description of the wrong JSON type."""
    assert_rejected(client, URL, sample_project, "description", [123, True, ["x"], {"x": 1}, None], headers=headers)


def test_description_max_length(client, headers):
    """Refuses a Description longer than 10000 characters and accepts exactly 10000."""
    assert_rejected(client, URL, sample_project, "description", ["x" * 10001], headers=headers)
    assert_accepted(client, URL, sample_project, "description", ["x" * 10000], headers=headers)


def test_name_is_unique(client, headers):
    """Refuses a second Project with the same Name (409), on create and update.

    Requirement: Projects have a name (required, unique) and a description
    """
    field = "name"
    first = create(client, headers)
    error = error_of(client.post(URL, json=with_value(sample_project(), field, first[field]), headers=headers), 409)
    assert error["code"] == "conflict" and error["field"] == field
    assert error["message"] == message("conflict", label="Name")
    second = create(client, headers)
    taken = {field: first[field]}
    error_of(client.patch(item_url(second["id"]), json=taken, headers=headers), 409)
    assert client.patch(item_url(first["id"]), json=taken, headers=headers).status_code == 200


def test_list_projects(client, headers):
    """Lists Project page by page: items, total, page and page_size."""
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


def test_get_unknown_project_is_404(client, headers):
    """Answers 404 for a Project that does not exist."""
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
    error_of(client.get(item_url("abc"), headers=headers), 404)


def test_replace_project(client, headers):
    """Replaces a Project with PUT."""
    created = create(client, headers)
    body = sample_project()
    response = client.put(item_url(created["id"]), json=body, headers=headers)
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == created["id"]
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(created["id"]), headers=headers).json() == data


def test_replace_resets_fields_left_out(client, headers):
    """PUT resets the fields it leaves out to their defaults."""
    created = create(client, headers)
    body = {key: value for key, value in sample_project().items() if key not in OPTIONAL}
    data = client.put(item_url(created["id"]), json=body, headers=headers).json()
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_patch_project(client, headers):
    """Changes only the fields sent with PATCH."""
    field = "name"
    created = create(client, headers)
    change = {field: sample_project()[field]}
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


def test_update_unknown_project_is_404(client, headers):
    """Answers 404 when updating a Project that does not exist."""
    error_of(client.put(item_url(987654), json=sample_project(), headers=headers), 404)
    error_of(client.patch(item_url(987654), json=sample_project(), headers=headers), 404)


def test_delete_project(client, headers):
    """Deletes a Project (204); it is gone afterwards."""
    created = create(client, headers)
    response = client.delete(item_url(created["id"]), headers=headers)
    assert response.status_code == 204
    assert response.content == b""
    error_of(client.get(item_url(created["id"]), headers=headers), 404)
    error_of(client.delete(item_url(created["id"]), headers=headers), 404)


def test_signed_in_users_only(client, headers):
    """Only signed-in users may write Project."""
    bad_token = {"Authorization": "Bearer not-a-token"}
    created = create(client, headers)
    error_of(client.post(URL, json=sample_project()), 401)
    error_of(client.post(URL, json=sample_project(), headers=bad_token), 401)
    error_of(client.patch(item_url(created["id"]), json=sample_project()), 401)
    error_of(client.delete(item_url(created["id"])), 401)
    assert client.delete(item_url(created["id"]), headers=sign_in(client)).status_code == 204
