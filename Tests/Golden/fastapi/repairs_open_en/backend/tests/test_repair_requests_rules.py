"""Tests of the rules of /api/repair_requests beyond create and edit (contract v2): relations, roles and actions, generated from the spec."""
import threading

from helpers import error_of, sample_repair_request

URL = "/api/repair_requests"


def test_close_repair_request(client):
    """Close: answers 200 and applies its effects (status = \"done\").

    Requirement: A request can be closed only while it is open; closing it sets the status to done
    """
    headers = {}
    record = client.post(URL, json={**sample_repair_request(), **{"status": "open"}}, headers=headers).json()
    caller = {}
    response = client.post(f"{URL}/{record['id']}/close", headers=caller)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["id"] == record["id"]
    assert data["status"] == "done"


def test_close_repair_request_refused_while_its_rule_does_not_hold(client):
    """Close is refused with 409 precondition_failed while its rule does not hold (Only an open request can be closed.); nothing changes.

    Requirement: A request can be closed only while it is open; closing it sets the status to done
    """
    headers = {}
    record = client.post(URL, json={**sample_repair_request(), **{"status": "in progress"}}, headers=headers).json()
    error = error_of(client.post(f"{URL}/{record['id']}/close", headers={}), 409)
    assert error["code"] == "precondition_failed"
    assert error["message"] == "Only an open request can be closed."
    assert client.get(f"{URL}/{record['id']}", headers={}).json() == record


def test_close_unknown_repair_request_is_404(client):
    """Close on a Repair request that does not exist answers 404.

    Requirement: A request can be closed only while it is open; closing it sets the status to done
    """
    caller = {}
    error_of(client.post(f"{URL}/987654/close", headers=caller), 404)


def test_racing_close_calls_let_one_through(client, new_client):
    """Eight racing Close calls where the rules allow one: one succeeds, seven get 409 (one caller eight times).

    Requirement: A request can be closed only while it is open; closing it sets the status to done
    """
    headers = {}
    record = client.post(URL, json={**sample_repair_request(), **{"status": "open"}}, headers=headers).json()
    callers = [{}] * 8
    barrier = threading.Barrier(8)
    statuses = []

    def attempt(caller):
        racer = new_client()
        barrier.wait()
        statuses.append(racer.post(f"{URL}/{record['id']}/close", headers=caller).status_code)

    threads = [threading.Thread(target=attempt, args=(caller,)) for caller in callers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [409] * 7
