import Foundation

/// Planted bugs of contract v2 in the Flask backend, each in the v2 fixture whose rule it breaks: the
/// gaps issue 9 names (a precondition dropped, a check-then-write without a lock, a cascade that never
/// runs, a role check dropped, a role granted from the sign-up body, once per user not enforced, an
/// unknown parent accepted). The contract checks alone must catch each.
extension PlantedBugs {
    static let flaskV2: [PlantedBug] = [
        PlantedBug("the borrow precondition dropped", caughtBy: "entities.book.actions.borrow.preconditions", "backend/routes/books.py",
                   "        (Book.stock > 0, \"库存为0时不能借\"),\n        (func.coalesce(Book.stock, 0) + (-1) >= 0, \"库存数量不能小于 0\"),\n",
                   "").planted(in: "library_loans_zh"),
        PlantedBug("an action checks its rule, then writes without a lock", caughtBy: "entities.book.actions.borrow.race", "backend/actions.py",
                   "        statement = update(model).where(model.id == record.id, *(condition for condition, _ in rules))",
                   """
                           if rules and db.scalar(select(model.id).where(model.id == record.id, *(condition for condition, _ in rules))) is None:
                               raise ApiError(409, "precondition_failed", rules[0][1])
                           statement = update(model).where(model.id == record.id)
                   """.trimmingCharacters(in: .newlines)).planted(in: "library_loans_zh"),
        PlantedBug("SQLite foreign keys left off, so deleting a project leaves its issues", caughtBy: "entities.issue.fields.project_id.relation.onDelete",
                   "backend/database.py", "cursor.execute(\"PRAGMA foreign_keys=ON\")", "cursor.execute(\"PRAGMA foreign_keys=OFF\")")
            .planted(in: "issues_en"),
        PlantedBug("the admin role check on creating a book dropped", caughtBy: "entities.book.permissions.create.roles", "backend/routes/books.py",
                   "ACCESS = {\"create\": (\"role:admin\",),", "ACCESS = {\"create\": (\"signed_in\",),").planted(in: "library_loans_zh"),
        PlantedBug("sign-up grants the roles the body asks for", caughtBy: "accounts.roles.signup", "backend/routes/auth.py",
                   "    user = User(password_hash=hash_password(values[\"password\"]))\n",
                   "    user = User(password_hash=hash_password(values[\"password\"]), roles=\",\".join(__import__(\"flask\").request.get_json().get(\"roles\") or []))\n")
            .planted(in: "library_loans_zh"),
        PlantedBug("like is not once per user", caughtBy: "entities.photo.actions.like.oncePerUser", "backend/routes/photos.py",
                   "once=(PhotoLikeBy, \"Like\"),", "once=None,").planted(in: "photos_likes_en"),
        PlantedBug("an unknown project id accepted by the app (the database refuses it later)",
                   caughtBy: "entities.issue.fields.project_id.relation.unknown_parent", "backend/relations.py",
                   "        if not 0 < parent_id <= INT64_MAX or db.get(model, parent_id) is None:", "        if not 0 < parent_id <= INT64_MAX:")
            .planted(in: "issues_en"),
    ]

    /// FastAPI shares the checks; these prove they reach its code paths (in the richest fixture).
    static let fastapiV2: [PlantedBug] = [
        PlantedBug("the capacity rule of enrolling dropped", caughtBy: "entities.course.actions.enroll.preconditions", "backend/routers/courses.py",
                   "        (Course.enrolled < Course.capacity, \"人数达到容量就不能再报名\"),\n", "").planted(in: "courses_zh"),
        PlantedBug("the teacher role check on changing a course dropped", caughtBy: "entities.course.permissions.put.roles",
                   "backend/routers/courses.py", "\"update\": (\"role:teacher\",)", "\"update\": (\"signed_in\",)").planted(in: "courses_zh"),
        PlantedBug("SQLite foreign keys left off, so deleting a course leaves its enrollments",
                   caughtBy: "entities.enrollment.fields.course_id.relation.onDelete", "backend/database.py",
                   "cursor.execute(\"PRAGMA foreign_keys=ON\")", "cursor.execute(\"PRAGMA foreign_keys=OFF\")").planted(in: "courses_zh"),
    ]
}
