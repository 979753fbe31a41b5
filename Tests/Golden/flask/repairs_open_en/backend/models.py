"""The tables. Constraints live on the columns as well as in validation: NOT NULL for required
fields, UNIQUE where values must not repeat, and the maximum lengths of openapi.json."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from database import Base


# sculpt:part model-entity repair_request
class RepairRequest(Base):
    """Repair request"""

    __tablename__ = "repair_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    room: Mapped[str] = mapped_column(sa.String(40), nullable=False)
    description: Mapped[str | None] = mapped_column(sa.String(10000))
    status: Mapped[str | None] = mapped_column(sa.String(11))
