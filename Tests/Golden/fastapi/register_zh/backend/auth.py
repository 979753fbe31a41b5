"""Password hashing."""
import hashlib
import hmac
import secrets

from config import SCRYPT_N

# scrypt with a random salt, as werkzeug writes it: "scrypt:N:r:p$salt$hex digest" (about 180 characters).
SCRYPT_R, SCRYPT_P = 8, 1


# sculpt:part password-hash
def _scrypt(password, salt, n, r, p):
    return hashlib.scrypt(password.encode("utf-8"), salt=salt.encode("utf-8"), n=n, r=r, p=p,
                          maxmem=132 * n * r * p, dklen=64).hex()


def hash_password(password, n=SCRYPT_N):
    """A salted scrypt hash of `password` at cost `n`."""
    salt = secrets.token_urlsafe(16)
    digest = _scrypt(password, salt, n, SCRYPT_R, SCRYPT_P)
    return f"scrypt:{n}:{SCRYPT_R}:{SCRYPT_P}${salt}${digest}"


# sculpt:part password-verify
def hash_matches(stored, password):
    """Whether `password` gives the stored hash (compared in constant time)."""
    try:
        method, salt, digest = stored.split("$", 2)
        name, n, r, p = method.split(":")
        if name != "scrypt":
            return False
        return hmac.compare_digest(_scrypt(password, salt, int(n), int(r), int(p)), digest)
    except ValueError:
        return False
