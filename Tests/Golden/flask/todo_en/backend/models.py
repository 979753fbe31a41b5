"""The tables. Constraints live on the columns as well as in validation: NOT NULL for required
fields, UNIQUE where values must not repeat, and the maximum lengths of openapi.json."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from database import Base


# sculpt:part model-entity task
class Task(Base):
    """Task"""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    description: Mapped[str | None] = mapped_column(sa.String(10000))
    done: Mapped[bool | None] = mapped_column(sa.Boolean())
