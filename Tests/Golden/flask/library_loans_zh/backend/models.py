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
    # The roles held, comma-separated; sign-up never sets them.
    roles: Mapped[str] = mapped_column(sa.String(255), nullable=False, default="")


# sculpt:part model-entity book
class Book(Base):
    """图书"""

    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    author: Mapped[str | None] = mapped_column(sa.String(200))
    stock: Mapped[int | None] = mapped_column(sa.BigInteger())


# sculpt:part model-entity loan
class Loan(Base):
    """借阅记录"""

    __tablename__ = "loans"

    id: Mapped[int] = mapped_column(primary_key=True)
    book_id: Mapped[int] = mapped_column(sa.ForeignKey("books.id", ondelete="RESTRICT"), index=True, nullable=False)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False)
