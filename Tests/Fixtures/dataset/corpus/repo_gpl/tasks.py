from fastapi import FastAPI

app = FastAPI()
tasks: list[dict] = []


@app.post("/api/tasks")
def add_task(task: dict) -> dict:
    tasks.append(task)
    return task
