"""Tests of Issue (/api/issues), generated from the spec: operations, constraints and access."""
import pytest

from helpers import MISSING, assert_accepted, assert_rejected, error_of, sample_issue, sample_project, sign_in, with_value
from messages import message

URL = "/api/issues"
LABEL = "Issue"
# The optional fields, and the value a issue gets when the body leaves them out.
OPTIONAL = {"status": "open", "priority": None}


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """A signed-in user's Authorization header."""
    return sign_in(client)


@pytest.fixture(autouse=True)
def parents(client):
    """Record 1 of each record a issue belongs to: the samples point at it."""
    assert client.post("/api/projects", json=sample_project(), headers=sign_in(client)).status_code == 201


def create(client, headers, body=None):
    response = client.post(URL, json=sample_issue() if body is None else body, headers=headers)
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_issue(client, headers):
    """Creates a Issue and answers 201 with its id and every field, as sent."""
    body = sample_issue()
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 201
    data = response.json()
    assert isinstance(data["id"], int)
    assert {key: data[key] for key in body} == body
    assert isinstance(data["owner_id"], int)
    assert client.get(item_url(data["id"]), headers=headers).json() == data


def test_create_ignores_fields_the_client_may_not_set(client, headers):
    """Ignores id, owner and unknown fields sent by the client."""
    data = create(client, headers, {**sample_issue(), "id": 987654, "owner_id": 987654, "is_admin": True})
    assert data["id"] != 987654
    assert data.get("owner_id") != 987654
    assert "is_admin" not in data


def test_create_without_optional_fields(client, headers):
    """Accepts a body without its optional fields; they take their defaults, or null."""
    body = {key: value for key, value in sample_issue().items() if key not in OPTIONAL}
    data = create(client, headers, body)
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_project_id_required(client, headers):
    """Refuses a body whose Project is missing, null."""
    assert_rejected(client, URL, sample_issue, "project_id", [MISSING, None], headers=headers)


def test_project_id_type(client, headers):
    """Refuses a Project of the wrong JSON type."""
    assert_rejected(client, URL, sample_issue, "project_id", ["7", True, 2.5, 2**64], headers=headers)
    assert_accepted(client, URL, sample_issue, "project_id", [1.0], headers=headers)


def test_project_id_minimum(client, headers):
    """Refuses a Project below 1 and accepts 1."""
    assert_rejected(client, URL, sample_issue, "project_id", [0], headers=headers)
    assert_accepted(client, URL, sample_issue, "project_id", [1], headers=headers)


def test_title_required(client, headers):
    """Refuses a body whose Title is missing, null or empty.

    Requirement: has a title (required, at most 100 characters), a status that is one of open, in progress or closed, and a priority from 1 to 5
    """
    assert_rejected(client, URL, sample_issue, "title", [MISSING, None, ""], headers=headers)


def test_title_type(client, headers):
    """Refuses a Title of the wrong JSON type."""
    assert_rejected(client, URL, sample_issue, "title", [123, True, ["x"], {"x": 1}], headers=headers)


def test_title_max_length(client, headers):
    """Refuses a Title longer than 100 characters and accepts exactly 100.

    Requirement: has a title (required, at most 100 characters), a status that is one of open, in progress or closed, and a priority from 1 to 5
    """
    assert_rejected(client, URL, sample_issue, "title", ["x" * 101], headers=headers)
    assert_accepted(client, URL, sample_issue, "title", ["x" * 100], headers=headers)


def test_status_type(client, headers):
    """Refuses a Status of the wrong JSON type."""
    assert_rejected(client, URL, sample_issue, "status", [123, True, ["x"], {"x": 1}, None], headers=headers)


def test_status_allowed_values(client, headers):
    """Refuses a Status outside its allowed values and accepts each of them.

    Requirement: has a title (required, at most 100 characters), a status that is one of open, in progress or closed, and a priority from 1 to 5
    """
    assert_rejected(client, URL, sample_issue, "status", ["not-a-choice", "OPEN"], headers=headers)
    assert_accepted(client, URL, sample_issue, "status", ["open", "in progress", "closed"], headers=headers)


def test_priority_type(client, headers):
    """Refuses a Priority of the wrong JSON type."""
    assert_rejected(client, URL, sample_issue, "priority", ["7", True, 2.5, 2**64, None], headers=headers)
    assert_accepted(client, URL, sample_issue, "priority", [1.0], headers=headers)


def test_priority_minimum(client, headers):
    """Refuses a Priority below 1 and accepts 1.

    Requirement: has a title (required, at most 100 characters), a status that is one of open, in progress or closed, and a priority from 1 to 5
    """
    assert_rejected(client, URL, sample_issue, "priority", [0], headers=headers)
    assert_accepted(client, URL, sample_issue, "priority", [1], headers=headers)


def test_priority_maximum(client, headers):
    """Refuses a Priority above 5 and accepts 5.

    Requirement: has a title (required, at most 100 characters), a status that is one of open, in progress or closed, and a priority from 1 to 5
    """
    assert_rejected(client, URL, sample_issue, "priority", [6], headers=headers)
    assert_accepted(client, URL, sample_issue, "priority", [5], headers=headers)


def test_list_issues(client, headers):
    """Lists Issue page by page: items, total, page and page_size.

    Requirement: Issues can be listed by project and searched by title
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

    Requirement: Issues can be listed by project and searched by title
    """
    for params in ({"page": 0}, {"page": -1}, {"page": "x"}, {"page_size": 0}, {"page_size": 101}, {"page_size": "2.5"}):
        error_of(client.get(URL, params=params, headers=headers), 400)


def test_search_by_title(client, headers):
    """Searches Issue by Title: a case-insensitive substring; % and _ match literally.

    Requirement: Issues can be listed by project and searched by title
    """
    alpha = create(client, headers, with_value(sample_issue(), "title", "Alpha%_1"))
    bravo = create(client, headers, with_value(sample_issue(), "title", "Bravo-22"))

    def found(text):
        response = client.get(URL, params={"q": text}, headers=headers)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    assert found("LPH") == [alpha["id"]]
    assert found("") == [alpha["id"], bravo["id"]]
    assert found("%") == [alpha["id"]]
    assert found("_") == [alpha["id"]]
    error_of(client.get(URL, params={"q": "x" * 201}, headers=headers), 400)


def test_get_unknown_issue_is_404(client, headers):
    """Answers 404 for a Issue that does not exist."""
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
    error_of(client.get(item_url("abc"), headers=headers), 404)


def test_replace_issue(client, headers):
    """Replaces a Issue with PUT."""
    created = create(client, headers)
    body = sample_issue()
    response = client.put(item_url(created["id"]), json=body, headers=headers)
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == created["id"]
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(created["id"]), headers=headers).json() == data


def test_replace_resets_fields_left_out(client, headers):
    """PUT resets the fields it leaves out to their defaults."""
    created = create(client, headers)
    body = {key: value for key, value in sample_issue().items() if key not in OPTIONAL}
    data = client.put(item_url(created["id"]), json=body, headers=headers).json()
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_patch_issue(client, headers):
    """Changes only the fields sent with PATCH."""
    field = "project_id"
    created = create(client, headers)
    change = {field: sample_issue()[field]}
    response = client.patch(item_url(created["id"]), json=change, headers=headers)
    assert response.status_code == 200
    assert response.json() == {**created, **change}


def test_update_refuses_bad_bodies(client, headers):
    """Refuses an empty or invalid update."""
    field = "project_id"
    created = create(client, headers)
    error_of(client.patch(item_url(created["id"]), json={}, headers=headers), 400)
    error = error_of(client.patch(item_url(created["id"]), json={field: None}, headers=headers), 400)
    assert error["field"] == field
    error_of(client.put(item_url(created["id"]), json={}, headers=headers), 400)
    error_of(client.put(item_url(created["id"]), content="[]", headers={**headers, "Content-Type": "application/json"}), 400)


def test_update_unknown_issue_is_404(client, headers):
    """Answers 404 when updating a Issue that does not exist."""
    error_of(client.put(item_url(987654), json=sample_issue(), headers=headers), 404)
    error_of(client.patch(item_url(987654), json=sample_issue(), headers=headers), 404)


def test_delete_issue(client, headers):
    """Deletes a Issue (204); it is gone afterwards."""
    created = create(client, headers)
    response = client.delete(item_url(created["id"]), headers=headers)
    assert response.status_code == 204
    assert response.content == b""
    error_of(client.get(item_url(created["id"]), headers=headers), 404)
    error_of(client.delete(item_url(created["id"]), headers=headers), 404)


def test_writing_needs_sign_in(client, headers):
    """Creating or changing a Issue needs a valid token (401).

    Requirement: only the reporter of an issue can edit or delete it
    """
    error_of(client.post(URL, json=sample_issue()), 401)
    created = create(client, headers)
    error_of(client.patch(item_url(created["id"]), json=sample_issue()), 401)
    forged = {"Authorization": headers["Authorization"] + "x"}
    error_of(client.post(URL, json=sample_issue(), headers=forged), 401)


def test_only_the_owner_changes_a_issue(client, headers):
    """Only the owner of a Issue may change or delete it; anyone else gets 403.

    Requirement: only the reporter of an issue can edit or delete it
    """
    created = create(client, headers)
    stranger = sign_in(client)
    error_of(client.put(item_url(created["id"]), json=sample_issue(), headers=stranger), 403)
    error_of(client.patch(item_url(created["id"]), json=sample_issue(), headers=stranger), 403)
    error_of(client.delete(item_url(created["id"]), headers=stranger), 403)
    assert client.patch(item_url(created["id"]), json=sample_issue(), headers=headers).status_code == 200
    assert client.delete(item_url(created["id"]), headers=headers).status_code == 204


def test_anyone_reads_issues(client, headers):
    """Anyone reads Issue, without signing in.

    Requirement: only the reporter of an issue can edit or delete it
    """
    created = create(client, headers)
    assert client.get(item_url(created["id"])).json() == created
    assert [item["id"] for item in client.get(URL).json()["items"]] == [created["id"]]
