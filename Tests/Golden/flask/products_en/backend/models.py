"""The tables. Constraints live on the columns as well as in validation: NOT NULL for required
fields, UNIQUE where values must not repeat, and the maximum lengths of openapi.json."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from database import Base


# sculpt:part model-entity product
class Product(Base):
    """Product"""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    sku: Mapped[str] = mapped_column(sa.String(200), nullable=False, unique=True)
    price: Mapped[float] = mapped_column(sa.Float(), nullable=False)
    stock: Mapped[int] = mapped_column(sa.BigInteger(), nullable=False)
