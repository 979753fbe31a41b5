"""What the API tells end users, in the application's language (zh).

Generated from Sculpt's message catalog; `{name}` placeholders are filled by `message()`.
"""

# sculpt:part messages
MESSAGES = {
    "already_done": "每人只能{action}一次",
    "bad_credentials": "{identity}或{password}错误",
    "bad_date": "{label}必须是日期，格式如 2024-05-17",
    "bad_datetime": "{label}必须是日期时间，格式如 2024-05-17T09:30:00Z",
    "bad_email": "{label}不是有效的邮箱地址",
    "bad_page": "{name} 必须是不小于 1 的整数",
    "bad_page_size": "page_size 必须是 1 到 {max} 之间的整数",
    "bad_request": "请求无效",
    "bad_token": "登录已失效，请重新登录",
    "conflict": "{label}已存在",
    "conflict_other": "与已有数据冲突",
    "empty_patch": "请至少提供一个要修改的字段",
    "forbidden": "只能修改或删除自己的{label}",
    "has_children": "还有{children}属于这个{label}，不能删除",
    "invalid_json": "请求内容不是有效的 JSON",
    "method_not_allowed": "该地址不支持此请求方法",
    "no_route": "请求的地址不存在",
    "not_above": "{label}必须大于 {min}",
    "not_allowed": "{label}只能是：{choices}",
    "not_boolean": "{label}必须是 true 或 false",
    "not_found": "{label}不存在",
    "not_integer": "{label}必须是整数",
    "not_json": "请求内容必须是 JSON（Content-Type: application/json）",
    "not_number": "{label}必须是数字",
    "not_object": "请求内容必须是 JSON 对象",
    "not_permitted": "你没有权限执行此操作",
    "not_string": "{label}必须是文本",
    "out_of_range": "{label}超出允许的范围",
    "parent_missing": "所选的{label}不存在",
    "registered": "注册成功",
    "required": "请填写{label}",
    "search_too_long": "搜索内容最多 {max} 个字符",
    "server_error": "服务器出错了，请稍后再试",
    "too_big": "{label}不能大于 {max}",
    "too_large": "请求内容过大（最多 1 MB）",
    "too_long": "{label}最多 {max} 个字符",
    "too_short": "{label}至少需要 {min} 个字符",
    "too_small": "{label}不能小于 {min}",
    "unauthorized": "请先登录",
}


def message(key, **values):
    """The sentence for `key` with its placeholders filled."""
    return MESSAGES[key].format(**values)
