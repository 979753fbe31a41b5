"""Tests of Task (/api/tasks), generated from the spec: operations, constraints."""
import pytest

from helpers import MISSING, assert_accepted, assert_rejected, error_of, sample_task
from messages import message

URL = "/api/tasks"
LABEL = "Task"
# The optional fields, and the value a task gets when the body leaves them out.
OPTIONAL = {"description": None, "done": False}


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """No Authorization header: Task needs no sign-in."""
    return {}


def create(client, headers, body=None):
    response = client.post(URL, json=sample_task() if body is None else body, headers=headers)
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_task(client, headers):
    """Creates a Task and answers 201 with its id and every field, as sent.

    Requirement: an optional description
    Requirement: Users can add, list, view, update and delete tasks
    """
    body = sample_task()
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 201
    data = response.json()
    assert isinstance(data["id"], int)
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(data["id"]), headers=headers).json() == data


def test_create_ignores_fields_the_client_may_not_set(client, headers):
    """Ignores id, owner and unknown fields sent by the client.

    Requirement: Users can add, list, view, update and delete tasks
    """
    data = create(client, headers, {**sample_task(), "id": 987654, "owner_id": 987654, "is_admin": True})
    assert data["id"] != 987654
    assert data.get("owner_id") != 987654
    assert "is_admin" not in data


def test_create_without_optional_fields(client, headers):
    """Accepts a body without its optional fields; they take their defaults, or null.

    Requirement: a done flag that defaults to false
    """
    body = {key: value for key, value in sample_task().items() if key not in OPTIONAL}
    data = create(client, headers, body)
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_title_required(client, headers):
    """Refuses a body whose Title is missing, null or empty.

    Requirement: Each task has a title (required, at most 100 characters)
    """
    assert_rejected(client, URL, sample_task, "title", [MISSING, None, ""], headers=headers)


def test_title_type(client, headers):
    """Refuses a Title of the wrong JSON type."""
    assert_rejected(client, URL, sample_task, "title", [123, True, ["x"], {"x": 1}], headers=headers)


def test_title_max_length(client, headers):
    """Refuses a Title longer than 100 characters and accepts exactly 100.

    Requirement: Each task has a title (required, at most 100 characters)
    """
    assert_rejected(client, URL, sample_task, "title", ["x" * 101], headers=headers)
    assert_accepted(client, URL, sample_task, "title", ["x" * 100], headers=headers)


def test_description_type(client, headers):
    """Refuses a Description of the wrong JSON type."""
    assert_rejected(client, URL, sample_task, "description", [123, True, ["x"], {"x": 1}, None], headers=headers)


def test_description_max_length(client, headers):
    """Refuses a Description longer than 10000 characters and accepts exactly 10000."""
    assert_rejected(client, URL, sample_task, "description", ["x" * 10001], headers=headers)
    assert_accepted(client, URL, sample_task, "description", ["x" * 10000], headers=headers)


def test_done_type(client, headers):
    """Refuses a Done of the wrong JSON type."""
    assert_rejected(client, URL, sample_task, "done", ["yes", 1, 0, None], headers=headers)


def test_list_tasks(client, headers):
    """Lists Task page by page: items, total, page and page_size.

    Requirement: Users can add, list, view, update and delete tasks
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

    Requirement: Users can add, list, view, update and delete tasks
    """
    for params in ({"page": 0}, {"page": -1}, {"page": "x"}, {"page_size": 0}, {"page_size": 101}, {"page_size": "2.5"}):
        error_of(client.get(URL, params=params, headers=headers), 400)


def test_get_unknown_task_is_404(client, headers):
    """Answers 404 for a Task that does not exist.

    Requirement: Users can add, list, view, update and delete tasks
    """
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
    error_of(client.get(item_url("abc"), headers=headers), 404)


def test_replace_task(client, headers):
    """Replaces a Task with PUT.

    Requirement: Users can add, list, view, update and delete tasks
    """
    created = create(client, headers)
    body = sample_task()
    response = client.put(item_url(created["id"]), json=body, headers=headers)
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == created["id"]
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(created["id"]), headers=headers).json() == data


def test_replace_resets_fields_left_out(client, headers):
    """PUT resets the fields it leaves out to their defaults.

    Requirement: Users can add, list, view, update and delete tasks
    """
    created = create(client, headers)
    body = {key: value for key, value in sample_task().items() if key not in OPTIONAL}
    data = client.put(item_url(created["id"]), json=body, headers=headers).json()
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_patch_task(client, headers):
    """Changes only the fields sent with PATCH.

    Requirement: Users can add, list, view, update and delete tasks
    """
    field = "title"
    created = create(client, headers)
    change = {field: sample_task()[field]}
    response = client.patch(item_url(created["id"]), json=change, headers=headers)
    assert response.status_code == 200
    assert response.json() == {**created, **change}


def test_update_refuses_bad_bodies(client, headers):
    """Refuses an empty or invalid update.

    Requirement: Users can add, list, view, update and delete tasks
    """
    field = "title"
    created = create(client, headers)
    error_of(client.patch(item_url(created["id"]), json={}, headers=headers), 400)
    error = error_of(client.patch(item_url(created["id"]), json={field: None}, headers=headers), 400)
    assert error["field"] == field
    error_of(client.put(item_url(created["id"]), json={}, headers=headers), 400)
    error_of(client.put(item_url(created["id"]), content="[]", headers={**headers, "Content-Type": "application/json"}), 400)


def test_update_unknown_task_is_404(client, headers):
    """Answers 404 when updating a Task that does not exist.

    Requirement: Users can add, list, view, update and delete tasks
    """
    error_of(client.put(item_url(987654), json=sample_task(), headers=headers), 404)
    error_of(client.patch(item_url(987654), json=sample_task(), headers=headers), 404)


def test_delete_task(client, headers):
    """Deletes a Task (204); it is gone afterwards.

    Requirement: Users can add, list, view, update and delete tasks
    """
    created = create(client, headers)
    response = client.delete(item_url(created["id"]), headers=headers)
    assert response.status_code == 204
    assert response.content == b""
    error_of(client.get(item_url(created["id"]), headers=headers), 404)
    error_of(client.delete(item_url(created["id"]), headers=headers), 404)
