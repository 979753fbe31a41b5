"""Tests of the rules of /api/photos beyond create and edit (contract v2): relations, roles and actions, generated from the spec."""
import threading

from helpers import error_of, sample_photo, sign_in
from messages import message

URL = "/api/photos"


def test_like_photo(client):
    """Like: answers 200 and applies its effects (like_count + 1).

    Requirement: Each signed-in user can like a photo once; a like adds one to the photo's like count
    """
    headers = sign_in(client)
    record = client.post(URL, json=sample_photo(), headers=headers).json()
    caller = sign_in(client)
    response = client.post(f"{URL}/{record['id']}/like", headers=caller)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["id"] == record["id"]
    assert data["like_count"] == (record["like_count"] or 0) + 1


def test_like_photo_once_per_user(client):
    """Each user may Like a Photo once: the second time answers 409 conflict.

    Requirement: Each signed-in user can like a photo once; a like adds one to the photo's like count
    """
    headers = sign_in(client)
    record = client.post(URL, json=sample_photo(), headers=headers).json()
    caller = sign_in(client)
    assert client.post(f"{URL}/{record['id']}/like", headers=caller).status_code == 200
    error = error_of(client.post(f"{URL}/{record['id']}/like", headers=caller), 409)
    assert error["code"] == "conflict"
    assert error["message"] == message("already_done", action="Like")


def test_like_unknown_photo_is_404(client):
    """Like on a Photo that does not exist answers 404; without a token 401.

    Requirement: Each signed-in user can like a photo once; a like adds one to the photo's like count
    """
    headers = sign_in(client)
    caller = sign_in(client)
    error_of(client.post(f"{URL}/987654/like", headers=caller), 404)
    record = client.post(URL, json=sample_photo(), headers=headers).json()
    error_of(client.post(f"{URL}/{record['id']}/like"), 401)


def test_racing_like_calls_let_one_through(client, new_client):
    """Eight racing Like calls where the rules allow one: one succeeds, seven get 409 (one caller eight times).

    Requirement: Each signed-in user can like a photo once; a like adds one to the photo's like count
    """
    headers = sign_in(client)
    record = client.post(URL, json=sample_photo(), headers=headers).json()
    callers = [sign_in(client)] * 8
    barrier = threading.Barrier(8)
    statuses = []

    def attempt(caller):
        racer = new_client()
        barrier.wait()
        statuses.append(racer.post(f"{URL}/{record['id']}/like", headers=caller).status_code)

    threads = [threading.Thread(target=attempt, args=(caller,)) for caller in callers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [409] * 7
    after = client.get(f"{URL}/{record['id']}", headers={}).json()
    assert after["like_count"] == (record["like_count"] or 0) + 1
