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


# sculpt:part model-entity course
class Course(Base):
    """课程"""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    capacity: Mapped[int] = mapped_column(sa.BigInteger(), nullable=False)
    enrolled: Mapped[int | None] = mapped_column(sa.BigInteger())
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False)


# sculpt:part model-action-log course enroll
class CourseEnrollBy(Base):
    """Who has done "报名" to which course: each account at most once (the UNIQUE pair)."""

    __tablename__ = "course_enroll_by"
    __table_args__ = (sa.UniqueConstraint("user_id", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    record_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"), index=True, nullable=False)


# sculpt:part model-entity enrollment
class Enrollment(Base):
    """报名记录"""

    __tablename__ = "enrollments"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"), index=True, nullable=False)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False)
