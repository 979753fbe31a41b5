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


# sculpt:part model-entity photo
class Photo(Base):
    """Photo"""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    caption: Mapped[str] = mapped_column(sa.String(140), nullable=False)
    image_url: Mapped[str | None] = mapped_column(sa.String(2000))
    like_count: Mapped[int | None] = mapped_column(sa.BigInteger())
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False)


# sculpt:part model-action-log photo like
class PhotoLikeBy(Base):
    """Who has done "Like" to which photo: each account at most once (the UNIQUE pair)."""

    __tablename__ = "photo_like_by"
    __table_args__ = (sa.UniqueConstraint("user_id", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    record_id: Mapped[int] = mapped_column(sa.ForeignKey("photos.id", ondelete="CASCADE"), index=True, nullable=False)
