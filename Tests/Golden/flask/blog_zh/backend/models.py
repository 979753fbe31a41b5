"""The tables. Constraints live on the columns as well as in validation: NOT NULL for required
fields, UNIQUE where values must not repeat, and the maximum lengths of openapi.json."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from database import Base


# sculpt:part model-account
class User(Base):
    """An account. The password is kept only as a salted hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(32), nullable=False, unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255), nullable=False)


# sculpt:part model-entity post
class Post(Base):
    """文章"""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    content: Mapped[str] = mapped_column(sa.String(10000), nullable=False)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False)
