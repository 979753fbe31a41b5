# A FastAPI sign-up service with the mistakes a quick tutorial makes.
from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

engine = create_engine("sqlite:///./users.db", connect_args={"check_same_thread": False})
SessionLocal = sessionmaker(bind=engine)
Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String(50), unique=True)
    password = Column(String(50))


Base.metadata.create_all(bind=engine)

app = FastAPI(debug=True)


class SignUp(BaseModel):
    email: str
    password: str


@app.post("/users")
def create_user(body: SignUp):
    db = SessionLocal()
    user = User(email=body.email, password=body.password)
    db.add(user)
    db.commit()
    db.refresh(user)
    return {"id": user.id, "email": user.email, "password": user.password}
