"""Tests of Photo (/api/photos), generated from the spec: operations, constraints and access."""
import pytest

from helpers import MISSING, assert_accepted, assert_rejected, error_of, sample_photo, sign_in
from messages import message

URL = "/api/photos"
LABEL = "Photo"
# The optional fields, and the value a photo gets when the body leaves them out.
OPTIONAL = {"image_url": None, "like_count": 0}


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """A signed-in user's Authorization header."""
    return sign_in(client)


def create(client, headers, body=None):
    response = client.post(URL, json=sample_photo() if body is None else body, headers=headers)
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_photo(client, headers):
    """Creates a Photo and answers 201 with its id and every field, as sent.

    Requirement: Signed-in users post photos with a caption (required, max 140 characters) and an image URL
    """
    body = sample_photo()
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 201
    data = response.json()
    assert isinstance(data["id"], int)
    assert {key: data[key] for key in body} == body
    assert isinstance(data["owner_id"], int)
    assert client.get(item_url(data["id"]), headers=headers).json() == data


def test_create_ignores_fields_the_client_may_not_set(client, headers):
    """Ignores id, owner and unknown fields sent by the client.

    Requirement: Signed-in users post photos with a caption (required, max 140 characters) and an image URL
    """
    data = create(client, headers, {**sample_photo(), "id": 987654, "owner_id": 987654, "is_admin": True})
    assert data["id"] != 987654
    assert data.get("owner_id") != 987654
    assert "is_admin" not in data


def test_create_without_optional_fields(client, headers):
    """Accepts a body without its optional fields; they take their defaults, or null."""
    body = {key: value for key, value in sample_photo().items() if key not in OPTIONAL}
    data = create(client, headers, body)
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_caption_required(client, headers):
    """Refuses a body whose Caption is missing, null or empty.

    Requirement: Signed-in users post photos with a caption (required, max 140 characters) and an image URL
    """
    assert_rejected(client, URL, sample_photo, "caption", [MISSING, None, ""], headers=headers)


def test_caption_type(client, headers):
    """Refuses a Caption of the wrong JSON type."""
    assert_rejected(client, URL, sample_photo, "caption", [123, True, ["x"], {"x": 1}], headers=headers)


def test_caption_max_length(client, headers):
    """Refuses a Caption longer than 140 characters and accepts exactly 140.

    Requirement: Signed-in users post photos with a caption (required, max 140 characters) and an image URL
    """
    assert_rejected(client, URL, sample_photo, "caption", ["x" * 141], headers=headers)
    assert_accepted(client, URL, sample_photo, "caption", ["x" * 140], headers=headers)


def test_image_url_type(client, headers):
    """Refuses a Image URL of the wrong JSON type."""
    assert_rejected(client, URL, sample_photo, "image_url", [123, True, ["x"], {"x": 1}, None], headers=headers)


def test_image_url_max_length(client, headers):
    """Refuses a Image URL longer than 2000 characters and accepts exactly 2000."""
    assert_rejected(client, URL, sample_photo, "image_url", ["x" * 2001], headers=headers)
    assert_accepted(client, URL, sample_photo, "image_url", ["x" * 2000], headers=headers)


def test_like_count_type(client, headers):
    """Refuses a Like count of the wrong JSON type."""
    assert_rejected(client, URL, sample_photo, "like_count", ["7", True, 2.5, 2**64, None], headers=headers)
    assert_accepted(client, URL, sample_photo, "like_count", [0.0], headers=headers)


def test_like_count_minimum(client, headers):
    """Refuses a Like count below 0 and accepts 0."""
    assert_rejected(client, URL, sample_photo, "like_count", [-1], headers=headers)
    assert_accepted(client, URL, sample_photo, "like_count", [0], headers=headers)


def test_list_photos(client, headers):
    """Lists Photo page by page: items, total, page and page_size.

    Requirement: Everyone can browse photos and see each one
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

    Requirement: Everyone can browse photos and see each one
    """
    for params in ({"page": 0}, {"page": -1}, {"page": "x"}, {"page_size": 0}, {"page_size": 101}, {"page_size": "2.5"}):
        error_of(client.get(URL, params=params, headers=headers), 400)


def test_get_unknown_photo_is_404(client, headers):
    """Answers 404 for a Photo that does not exist.

    Requirement: Everyone can browse photos and see each one
    """
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
    error_of(client.get(item_url("abc"), headers=headers), 404)


def test_replace_photo(client, headers):
    """Replaces a Photo with PUT."""
    created = create(client, headers)
    body = sample_photo()
    response = client.put(item_url(created["id"]), json=body, headers=headers)
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == created["id"]
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(created["id"]), headers=headers).json() == data


def test_replace_resets_fields_left_out(client, headers):
    """PUT resets the fields it leaves out to their defaults."""
    created = create(client, headers)
    body = {key: value for key, value in sample_photo().items() if key not in OPTIONAL}
    data = client.put(item_url(created["id"]), json=body, headers=headers).json()
    assert {key: data[key] for key in OPTIONAL} == OPTIONAL


def test_patch_photo(client, headers):
    """Changes only the fields sent with PATCH."""
    field = "caption"
    created = create(client, headers)
    change = {field: sample_photo()[field]}
    response = client.patch(item_url(created["id"]), json=change, headers=headers)
    assert response.status_code == 200
    assert response.json() == {**created, **change}


def test_update_refuses_bad_bodies(client, headers):
    """Refuses an empty or invalid update."""
    field = "caption"
    created = create(client, headers)
    error_of(client.patch(item_url(created["id"]), json={}, headers=headers), 400)
    error = error_of(client.patch(item_url(created["id"]), json={field: None}, headers=headers), 400)
    assert error["field"] == field
    error_of(client.put(item_url(created["id"]), json={}, headers=headers), 400)
    error_of(client.put(item_url(created["id"]), content="[]", headers={**headers, "Content-Type": "application/json"}), 400)


def test_update_unknown_photo_is_404(client, headers):
    """Answers 404 when updating a Photo that does not exist."""
    error_of(client.put(item_url(987654), json=sample_photo(), headers=headers), 404)
    error_of(client.patch(item_url(987654), json=sample_photo(), headers=headers), 404)


def test_delete_photo(client, headers):
    """Deletes a Photo (204); it is gone afterwards."""
    created = create(client, headers)
    response = client.delete(item_url(created["id"]), headers=headers)
    assert response.status_code == 204
    assert response.content == b""
    error_of(client.get(item_url(created["id"]), headers=headers), 404)
    error_of(client.delete(item_url(created["id"]), headers=headers), 404)


def test_writing_needs_sign_in(client, headers):
    """Creating or changing a Photo needs a valid token (401).

    Requirement: Only the owner may edit or delete a photo
    """
    error_of(client.post(URL, json=sample_photo()), 401)
    created = create(client, headers)
    error_of(client.patch(item_url(created["id"]), json=sample_photo()), 401)
    forged = {"Authorization": headers["Authorization"] + "x"}
    error_of(client.post(URL, json=sample_photo(), headers=forged), 401)


def test_only_the_owner_changes_a_photo(client, headers):
    """Only the owner of a Photo may change or delete it; anyone else gets 403.

    Requirement: Only the owner may edit or delete a photo
    """
    created = create(client, headers)
    stranger = sign_in(client)
    error_of(client.put(item_url(created["id"]), json=sample_photo(), headers=stranger), 403)
    error_of(client.patch(item_url(created["id"]), json=sample_photo(), headers=stranger), 403)
    error_of(client.delete(item_url(created["id"]), headers=stranger), 403)
    assert client.patch(item_url(created["id"]), json=sample_photo(), headers=headers).status_code == 200
    assert client.delete(item_url(created["id"]), headers=headers).status_code == 204


def test_anyone_reads_photos(client, headers):
    """Anyone reads Photo, without signing in.

    Requirement: Only the owner may edit or delete a photo
    """
    created = create(client, headers)
    assert client.get(item_url(created["id"])).json() == created
    assert [item["id"] for item in client.get(URL).json()["items"]] == [created["id"]]
