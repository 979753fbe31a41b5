"""Tests of the rules of /api/enrollments beyond create and edit (contract v2): relations, roles and actions, generated from the spec."""
import pytest

from helpers import admin_headers, sample_course, sign_in

URL = "/api/enrollments"


@pytest.fixture(autouse=True)
def parents(client):
    """Record 1 of each record a enrollment belongs to: the samples point at it."""
    assert client.post("/api/courses", json=sample_course(), headers=admin_headers(client)).status_code == 201


def test_deleting_a_course_deletes_its_enrollments(client):
    """Deleting a 课程 deletes the 报名记录 its 报名 made, in one transaction."""
    parent_headers = admin_headers(client)
    parent = client.post("/api/courses", json={**sample_course(), **{"capacity": 2, "enrolled": 1}}, headers=parent_headers).json()["id"]
    caller = sign_in(client)
    assert client.post(f"/api/courses/{parent}/enroll", headers=caller).status_code == 200

    def children():
        return client.get(URL, params={"course_id": parent}, headers=caller).json()["items"]

    assert len(children()) == 1
    response = client.delete(f"/api/courses/{parent}", headers=parent_headers)
    assert response.status_code == 204
    assert children() == []
