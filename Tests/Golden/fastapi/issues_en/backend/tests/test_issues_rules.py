"""Tests of the rules of /api/issues beyond create and edit (contract v2): relations, roles and actions, generated from the spec."""
import pytest

from helpers import error_of, sample_issue, sample_project, sign_in, with_value
from messages import message

URL = "/api/issues"


@pytest.fixture(autouse=True)
def parents(client):
    """Record 1 of each record a issue belongs to: the samples point at it."""
    assert client.post("/api/projects", json=sample_project(), headers=sign_in(client)).status_code == 201


def test_project_id_must_name_an_existing_project(client):
    """Refuses a Issue whose Project names no Project: 400 naming the field project_id.

    Requirement: Each issue belongs to a project
    """
    headers = sign_in(client)
    error = error_of(client.post(URL, json=with_value(sample_issue(), "project_id", 987654), headers=headers), 400)
    assert error["field"] == "project_id" and error["code"] == "invalid"
    assert error["message"] == message("parent_missing", label="Project")
    assert client.post(URL, json=with_value(sample_issue(), "project_id", 1), headers=headers).status_code == 201


def test_list_issues_by_project(client):
    """Lists only the Issue of one Project with ?project_id=N; any other N is a 400.

    Requirement: Each issue belongs to a project
    Requirement: Issues can be listed by project and searched by title
    """
    headers = sign_in(client)
    other = client.post("/api/projects", json=sample_project(), headers=sign_in(client)).json()["id"]
    mine = client.post(URL, json=with_value(sample_issue(), "project_id", 1), headers=headers).json()
    theirs = client.post(URL, json=with_value(sample_issue(), "project_id", other), headers=headers).json()
    readers = {}
    listed = client.get(URL, params={"project_id": 1}, headers=readers).json()["items"]
    assert [item["id"] for item in listed] == [mine["id"]]
    listed = client.get(URL, params={"project_id": other}, headers=readers).json()["items"]
    assert [item["id"] for item in listed] == [theirs["id"]]
    for bad in ("0", "-1", "x", "1.5"):
        assert error_of(client.get(URL, params={"project_id": bad}, headers=readers), 400)["field"] == "project_id"


def test_deleting_a_project_deletes_its_issues(client):
    """Deleting a Project deletes its Issue with it, in one transaction.

    Requirement: Each issue belongs to a project
    Requirement: Deleting a project deletes its issues
    """
    headers = sign_in(client)
    parent_headers = sign_in(client)
    parent = client.post("/api/projects", json=sample_project(), headers=parent_headers).json()["id"]
    child = client.post(URL, json=with_value(sample_issue(), "project_id", parent), headers=headers).json()
    response = client.delete(f"/api/projects/{parent}", headers=parent_headers)
    assert response.status_code == 204
    error_of(client.get(f"{URL}/{child['id']}", headers={}), 404)
