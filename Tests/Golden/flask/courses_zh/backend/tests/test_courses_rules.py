"""Tests of the rules of /api/courses beyond create and edit (contract v2): relations, roles and actions, generated from the spec."""
import threading

from helpers import admin_headers, error_of, greedy_sign_in, sample_course, sign_in
from messages import message

URL = "/api/courses"


def test_only_teacher_may_create_courses(client):
    """Only a 老师 may create a 课程: no token 401, a plain user 403 (also one who asked for the role at sign-up), the account holding the role succeeds.

    Requirement: 老师可以发布和修改课程
    """
    admin = admin_headers(client)
    plain = sign_in(client)
    greedy = greedy_sign_in(client)

    def call(headers):
        return client.post(URL, json=sample_course(), headers=headers)

    error_of(call({}), 401)
    error_of(call({"Authorization": "Bearer not-a-token"}), 401)
    for headers in (plain, greedy):
        assert error_of(call(headers), 403)["code"] == "forbidden"
    assert call(admin).status_code == 201


def test_only_teacher_may_update_courses(client):
    """Only a 老师 may update a 课程: no token 401, a plain user 403 (also one who asked for the role at sign-up), the account holding the role succeeds.

    Requirement: 老师可以发布和修改课程
    """
    admin = admin_headers(client)
    plain = sign_in(client)
    greedy = greedy_sign_in(client)
    created = client.post(URL, json=sample_course(), headers=admin).json()

    def call(headers):
        return client.put(f"{URL}/{created['id']}", json=sample_course(), headers=headers)

    error_of(call({}), 401)
    error_of(call({"Authorization": "Bearer not-a-token"}), 401)
    for headers in (plain, greedy):
        assert error_of(call(headers), 403)["code"] == "forbidden"
    assert call(admin).status_code == 200


def test_only_teacher_may_delete_courses(client):
    """Only a 老师 or the owner may delete a 课程: no token 401, a plain user 403 (also one who asked for the role at sign-up), the account holding the role succeeds.

    Requirement: 老师可以发布和修改课程
    Requirement: 老师或课程的发布者可以删除课程
    """
    admin = admin_headers(client)
    plain = sign_in(client)
    greedy = greedy_sign_in(client)
    created = client.post(URL, json=sample_course(), headers=admin).json()

    def call(headers):
        return client.delete(f"{URL}/{created['id']}", headers=headers)

    error_of(call({}), 401)
    error_of(call({"Authorization": "Bearer not-a-token"}), 401)
    for headers in (plain, greedy):
        assert error_of(call(headers), 403)["code"] == "forbidden"
    assert call(admin).status_code == 204


def test_enroll_course(client):
    """报名: answers 200 and applies its effects (enrolled + 1, a new enrollment).

    Requirement: 学生登录后可以报名课程，人数达到容量就不能再报名
    Requirement: 每人每门课只能报名一次，报名后已报名人数加一
    """
    headers = admin_headers(client)
    record = client.post(URL, json={**sample_course(), **{"capacity": 2, "enrolled": 1}}, headers=headers).json()
    caller = sign_in(client)
    response = client.post(f"{URL}/{record['id']}/enroll", headers=caller)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["id"] == record["id"]
    assert data["enrolled"] == (record["enrolled"] or 0) + 1
    made = client.get("/api/enrollments", params={"course_id": record["id"]}, headers=caller).json()["items"]
    assert [item["course_id"] for item in made] == [record["id"]]


def test_enroll_course_refused_while_its_rule_does_not_hold(client):
    """报名 is refused with 409 precondition_failed while its rule does not hold (人数达到容量就不能再报名); nothing changes.

    Requirement: 学生登录后可以报名课程，人数达到容量就不能再报名
    """
    headers = admin_headers(client)
    record = client.post(URL, json={**sample_course(), **{"capacity": 1, "enrolled": 1}}, headers=headers).json()
    error = error_of(client.post(f"{URL}/{record['id']}/enroll", headers=sign_in(client)), 409)
    assert error["code"] == "precondition_failed"
    assert error["message"] == "人数达到容量就不能再报名"
    assert client.get(f"{URL}/{record['id']}", headers={}).json() == record


def test_enroll_course_once_per_user(client):
    """Each user may 报名 a 课程 once: the second time answers 409 conflict.

    Requirement: 学生登录后可以报名课程，人数达到容量就不能再报名
    Requirement: 每人每门课只能报名一次，报名后已报名人数加一
    """
    headers = admin_headers(client)
    record = client.post(URL, json={**sample_course(), **{"capacity": 2, "enrolled": 1}}, headers=headers).json()
    caller = sign_in(client)
    assert client.post(f"{URL}/{record['id']}/enroll", headers=caller).status_code == 200
    error = error_of(client.post(f"{URL}/{record['id']}/enroll", headers=caller), 409)
    assert error["code"] == "conflict"
    assert error["message"] == message("already_done", action="报名")


def test_enroll_unknown_course_is_404(client):
    """报名 on a 课程 that does not exist answers 404; without a token 401.

    Requirement: 学生登录后可以报名课程，人数达到容量就不能再报名
    """
    headers = admin_headers(client)
    caller = sign_in(client)
    error_of(client.post(f"{URL}/987654/enroll", headers=caller), 404)
    record = client.post(URL, json={**sample_course(), **{"capacity": 2, "enrolled": 1}}, headers=headers).json()
    error_of(client.post(f"{URL}/{record['id']}/enroll"), 401)


def test_racing_enroll_calls_let_one_through(client, new_client):
    """Eight racing 报名 calls where the rules allow one: one succeeds, seven get 409 (eight users).

    Requirement: 学生登录后可以报名课程，人数达到容量就不能再报名
    """
    headers = admin_headers(client)
    record = client.post(URL, json={**sample_course(), **{"capacity": 2, "enrolled": 1}}, headers=headers).json()
    callers = [sign_in(client) for _ in range(8)]
    barrier = threading.Barrier(8)
    statuses = []

    def attempt(caller):
        racer = new_client()
        barrier.wait()
        statuses.append(racer.post(f"{URL}/{record['id']}/enroll", headers=caller).status_code)

    threads = [threading.Thread(target=attempt, args=(caller,)) for caller in callers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [409] * 7
    after = client.get(f"{URL}/{record['id']}", headers={}).json()
    assert after["enrolled"] == (record["enrolled"] or 0) + 1
