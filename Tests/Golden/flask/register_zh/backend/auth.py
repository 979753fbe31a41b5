"""Password hashing."""
from flask import current_app
from werkzeug.security import generate_password_hash


# sculpt:part password-hash
def hash_password(password):
    """A salted scrypt hash (about 160 characters; the column holds 255).

    PASSWORD_HASH_METHOD is "scrypt" (Werkzeug's cost settings); only tests lower the cost.
    """
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
