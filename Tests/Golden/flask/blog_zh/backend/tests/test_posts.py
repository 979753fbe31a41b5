"""Tests of 文章 (/api/posts), generated from the spec: operations, constraints and access."""
import pytest

from helpers import MISSING, assert_accepted, assert_rejected, error_of, sample_post, sign_in, with_value
from messages import message

URL = "/api/posts"
LABEL = "文章"


def item_url(item_id):
    return f"{URL}/{item_id}"


@pytest.fixture
def headers(client):
    """A signed-in user's Authorization header."""
    return sign_in(client)


def create(client, headers, body=None):
    response = client.post(URL, json=sample_post() if body is None else body, headers=headers)
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_post(client, headers):
    """Creates a 文章 and answers 201 with its id and every field, as sent.

    Requirement: 登录后的用户可以发表文章
    Requirement: 文章包括标题和内容
    """
    body = sample_post()
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 201
    data = response.json()
    assert isinstance(data["id"], int)
    assert {key: data[key] for key in body} == body
    assert isinstance(data["owner_id"], int)
    assert client.get(item_url(data["id"]), headers=headers).json() == data


def test_create_ignores_fields_the_client_may_not_set(client, headers):
    """Ignores id, owner and unknown fields sent by the client.

    Requirement: 登录后的用户可以发表文章
    """
    data = create(client, headers, {**sample_post(), "id": 987654, "owner_id": 987654, "is_admin": True})
    assert data["id"] != 987654
    assert data.get("owner_id") != 987654
    assert "is_admin" not in data


def test_title_required(client, headers):
    """Refuses a body whose 标题 is missing, null or empty."""
    assert_rejected(client, URL, sample_post, "title", [MISSING, None, ""], headers=headers)


def test_title_type(client, headers):
    """Refuses a 标题 of the wrong JSON type."""
    assert_rejected(client, URL, sample_post, "title", [123, True, ["x"], {"x": 1}], headers=headers)


def test_title_max_length(client, headers):
    """Refuses a 标题 longer than 200 characters and accepts exactly 200."""
    assert_rejected(client, URL, sample_post, "title", ["x" * 201], headers=headers)
    assert_accepted(client, URL, sample_post, "title", ["x" * 200], headers=headers)


def test_content_required(client, headers):
    """Refuses a body whose 内容 is missing, null or empty."""
    assert_rejected(client, URL, sample_post, "content", [MISSING, None, ""], headers=headers)


def test_content_type(client, headers):
    """Refuses a 内容 of the wrong JSON type."""
    assert_rejected(client, URL, sample_post, "content", [123, True, ["x"], {"x": 1}], headers=headers)


def test_content_max_length(client, headers):
    """Refuses a 内容 longer than 10000 characters and accepts exactly 10000."""
    assert_rejected(client, URL, sample_post, "content", ["x" * 10001], headers=headers)
    assert_accepted(client, URL, sample_post, "content", ["x" * 10000], headers=headers)


def test_list_posts(client, headers):
    """Lists 文章 page by page: items, total, page and page_size.

    Requirement: 所有人都可以查看文章列表和文章详情
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

    Requirement: 所有人都可以查看文章列表和文章详情
    """
    for params in ({"page": 0}, {"page": -1}, {"page": "x"}, {"page_size": 0}, {"page_size": 101}, {"page_size": "2.5"}):
        error_of(client.get(URL, params=params, headers=headers), 400)


def test_search_by_title(client, headers):
    """Searches 文章 by 标题: a case-insensitive substring; % and _ match literally.

    Requirement: 文章可以按标题搜索
    """
    alpha = create(client, headers, with_value(sample_post(), "title", "Alpha%_1"))
    bravo = create(client, headers, with_value(sample_post(), "title", "Bravo-22"))

    def found(text):
        response = client.get(URL, params={"q": text}, headers=headers)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    assert found("LPH") == [alpha["id"]]
    assert found("") == [alpha["id"], bravo["id"]]
    assert found("%") == [alpha["id"]]
    assert found("_") == [alpha["id"]]
    error_of(client.get(URL, params={"q": "x" * 201}, headers=headers), 400)


def test_get_unknown_post_is_404(client, headers):
    """Answers 404 for a 文章 that does not exist.

    Requirement: 所有人都可以查看文章列表和文章详情
    """
    for item_id in (987654, 2**70):
        error = error_of(client.get(item_url(item_id), headers=headers), 404)
        assert error["message"] == message("not_found", label=LABEL)
    error_of(client.get(item_url("abc"), headers=headers), 404)


def test_replace_post(client, headers):
    """Replaces a 文章 with PUT.

    Requirement: 只有作者本人可以修改或删除自己的文章
    """
    created = create(client, headers)
    body = sample_post()
    response = client.put(item_url(created["id"]), json=body, headers=headers)
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == created["id"]
    assert {key: data[key] for key in body} == body
    assert client.get(item_url(created["id"]), headers=headers).json() == data


def test_patch_post(client, headers):
    """Changes only the fields sent with PATCH.

    Requirement: 只有作者本人可以修改或删除自己的文章
    """
    field = "title"
    created = create(client, headers)
    change = {field: sample_post()[field]}
    response = client.patch(item_url(created["id"]), json=change, headers=headers)
    assert response.status_code == 200
    assert response.json() == {**created, **change}


def test_update_refuses_bad_bodies(client, headers):
    """Refuses an empty or invalid update.

    Requirement: 只有作者本人可以修改或删除自己的文章
    """
    field = "title"
    created = create(client, headers)
    error_of(client.patch(item_url(created["id"]), json={}, headers=headers), 400)
    error = error_of(client.patch(item_url(created["id"]), json={field: None}, headers=headers), 400)
    assert error["field"] == field
    error_of(client.put(item_url(created["id"]), json={}, headers=headers), 400)
    error_of(client.put(item_url(created["id"]), content="[]", headers={**headers, "Content-Type": "application/json"}), 400)


def test_update_unknown_post_is_404(client, headers):
    """Answers 404 when updating a 文章 that does not exist.

    Requirement: 只有作者本人可以修改或删除自己的文章
    """
    error_of(client.put(item_url(987654), json=sample_post(), headers=headers), 404)
    error_of(client.patch(item_url(987654), json=sample_post(), headers=headers), 404)


def test_delete_post(client, headers):
    """Deletes a 文章 (204); it is gone afterwards.

    Requirement: 只有作者本人可以修改或删除自己的文章
    """
    created = create(client, headers)
    response = client.delete(item_url(created["id"]), headers=headers)
    assert response.status_code == 204
    assert response.content == b""
    error_of(client.get(item_url(created["id"]), headers=headers), 404)
    error_of(client.delete(item_url(created["id"]), headers=headers), 404)


def test_writing_needs_sign_in(client, headers):
    """Creating or changing a 文章 needs a valid token (401).

    Requirement: 登录后的用户可以发表文章
    Requirement: 只有作者本人可以修改或删除自己的文章
    """
    error_of(client.post(URL, json=sample_post()), 401)
    created = create(client, headers)
    error_of(client.patch(item_url(created["id"]), json=sample_post()), 401)
    forged = {"Authorization": headers["Authorization"] + "x"}
    error_of(client.post(URL, json=sample_post(), headers=forged), 401)


def test_only_the_owner_changes_a_post(client, headers):
    """Only the owner of a 文章 may change or delete it; anyone else gets 403.

    Requirement: 登录后的用户可以发表文章
    Requirement: 只有作者本人可以修改或删除自己的文章
    """
    created = create(client, headers)
    stranger = sign_in(client)
    error_of(client.put(item_url(created["id"]), json=sample_post(), headers=stranger), 403)
    error_of(client.patch(item_url(created["id"]), json=sample_post(), headers=stranger), 403)
    error_of(client.delete(item_url(created["id"]), headers=stranger), 403)
    assert client.patch(item_url(created["id"]), json=sample_post(), headers=headers).status_code == 200
    assert client.delete(item_url(created["id"]), headers=headers).status_code == 204


def test_anyone_reads_posts(client, headers):
    """Anyone reads 文章, without signing in.

    Requirement: 登录后的用户可以发表文章
    Requirement: 只有作者本人可以修改或删除自己的文章
    """
    created = create(client, headers)
    assert client.get(item_url(created["id"])).json() == created
    assert [item["id"] for item in client.get(URL).json()["items"]] == [created["id"]]
