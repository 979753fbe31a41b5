"""Tests of the rules of /api/books beyond create and edit (contract v2): relations, roles and actions, generated from the spec."""
import threading

from helpers import admin_headers, error_of, greedy_sign_in, sample_book, sign_in

URL = "/api/books"


def test_only_admin_may_create_books(client):
    """Only a 管理员 may create a 图书: no token 401, a plain user 403 (also one who asked for the role at sign-up), the account holding the role succeeds.

    Requirement: 管理员可以新增、修改和删除图书
    """
    admin = admin_headers(client)
    plain = sign_in(client)
    greedy = greedy_sign_in(client)

    def call(headers):
        return client.post(URL, json=sample_book(), headers=headers)

    error_of(call({}), 401)
    error_of(call({"Authorization": "Bearer not-a-token"}), 401)
    for headers in (plain, greedy):
        assert error_of(call(headers), 403)["code"] == "forbidden"
    assert call(admin).status_code == 201


def test_only_admin_may_update_books(client):
    """Only a 管理员 may update a 图书: no token 401, a plain user 403 (also one who asked for the role at sign-up), the account holding the role succeeds.

    Requirement: 管理员可以新增、修改和删除图书
    """
    admin = admin_headers(client)
    plain = sign_in(client)
    greedy = greedy_sign_in(client)
    created = client.post(URL, json=sample_book(), headers=admin).json()

    def call(headers):
        return client.put(f"{URL}/{created['id']}", json=sample_book(), headers=headers)

    error_of(call({}), 401)
    error_of(call({"Authorization": "Bearer not-a-token"}), 401)
    for headers in (plain, greedy):
        assert error_of(call(headers), 403)["code"] == "forbidden"
    assert call(admin).status_code == 200


def test_only_admin_may_delete_books(client):
    """Only a 管理员 may delete a 图书: no token 401, a plain user 403 (also one who asked for the role at sign-up), the account holding the role succeeds.

    Requirement: 管理员可以新增、修改和删除图书
    """
    admin = admin_headers(client)
    plain = sign_in(client)
    greedy = greedy_sign_in(client)
    created = client.post(URL, json=sample_book(), headers=admin).json()

    def call(headers):
        return client.delete(f"{URL}/{created['id']}", headers=headers)

    error_of(call({}), 401)
    error_of(call({"Authorization": "Bearer not-a-token"}), 401)
    for headers in (plain, greedy):
        assert error_of(call(headers), 403)["code"] == "forbidden"
    assert call(admin).status_code == 204


def test_borrow_book(client):
    """借书: answers 200 and applies its effects (stock - 1, a new loan).

    Requirement: 登录的用户可以借书，借书时库存减一，库存为0时不能借
    Requirement: 每次借书生成一条借阅记录
    """
    headers = admin_headers(client)
    record = client.post(URL, json={**sample_book(), **{"stock": 1}}, headers=headers).json()
    caller = sign_in(client)
    response = client.post(f"{URL}/{record['id']}/borrow", headers=caller)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["id"] == record["id"]
    assert data["stock"] == (record["stock"] or 0) + (-1)
    made = client.get("/api/loans", params={"book_id": record["id"]}, headers=caller).json()["items"]
    assert [item["book_id"] for item in made] == [record["id"]]


def test_borrow_book_refused_while_its_rule_does_not_hold(client):
    """借书 is refused with 409 precondition_failed while its rule does not hold (库存为0时不能借); nothing changes.

    Requirement: 登录的用户可以借书，借书时库存减一，库存为0时不能借
    """
    headers = admin_headers(client)
    record = client.post(URL, json={**sample_book(), **{"stock": 0}}, headers=headers).json()
    error = error_of(client.post(f"{URL}/{record['id']}/borrow", headers=sign_in(client)), 409)
    assert error["code"] == "precondition_failed"
    assert error["message"] == "库存为0时不能借"
    assert client.get(f"{URL}/{record['id']}", headers={}).json() == record


def test_borrow_unknown_book_is_404(client):
    """借书 on a 图书 that does not exist answers 404; without a token 401.

    Requirement: 登录的用户可以借书，借书时库存减一，库存为0时不能借
    """
    headers = admin_headers(client)
    caller = sign_in(client)
    error_of(client.post(f"{URL}/987654/borrow", headers=caller), 404)
    record = client.post(URL, json={**sample_book(), **{"stock": 1}}, headers=headers).json()
    error_of(client.post(f"{URL}/{record['id']}/borrow"), 401)


def test_racing_borrow_calls_let_one_through(client, new_client):
    """Eight racing 借书 calls where the rules allow one: one succeeds, seven get 409 (eight users).

    Requirement: 登录的用户可以借书，借书时库存减一，库存为0时不能借
    """
    headers = admin_headers(client)
    record = client.post(URL, json={**sample_book(), **{"stock": 1}}, headers=headers).json()
    callers = [sign_in(client) for _ in range(8)]
    barrier = threading.Barrier(8)
    statuses = []

    def attempt(caller):
        racer = new_client()
        barrier.wait()
        statuses.append(racer.post(f"{URL}/{record['id']}/borrow", headers=caller).status_code)

    threads = [threading.Thread(target=attempt, args=(caller,)) for caller in callers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [409] * 7
    after = client.get(f"{URL}/{record['id']}", headers={}).json()
    assert after["stock"] == (record["stock"] or 0) + (-1)
