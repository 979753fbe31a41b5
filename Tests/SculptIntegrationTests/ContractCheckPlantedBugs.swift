import Foundation

/// A realistic bug planted in a generated project, and the contract check that must catch it.
///
/// Each bug is one or more exact text edits of generated files: when a template changes so that the
/// text is gone, applying the bug fails loudly instead of testing an unbroken project.
struct PlantedBug: Sendable, CustomStringConvertible {
    struct Edit: Sendable {
        var file: String
        var old: String
        var new: String
    }

    var name: String
    var edits: [Edit]
    /// The check (an id, or an id prefix ending in ".") that must fail; "step:<name>" for a step.
    var caughtBy: String
    /// The fixture spec the bug is planted in.
    var spec = PlantedBugs.spec
    /// Other checks the bug rightly fails too (e.g. a dropped UNIQUE constraint in a backend whose
    /// only duplicate check is that constraint); any check not named here must pass.
    var alsoFails: [String] = []

    var description: String { name }

    init(_ name: String, caughtBy: String, _ edits: [Edit]) {
        self.name = name
        self.caughtBy = caughtBy
        self.edits = edits
    }

    init(_ name: String, caughtBy: String, _ file: String, _ old: String, _ new: String) {
        self.init(name, caughtBy: caughtBy, [Edit(file: file, old: old, new: new)])
    }

    /// The same bug, naming other checks it rightly fails too.
    func alsoFailing(_ ids: String...) -> PlantedBug {
        var bug = self
        bug.alsoFails += ids
        return bug
    }

    /// The same bug planted in the fixture `spec`.
    func planted(in spec: String) -> PlantedBug {
        var bug = self
        bug.spec = spec
        return bug
    }
}

/// The planted bugs, per backend, in the `library_zh` fixture (accounts with login, a book owned by
/// its creator with a unique ISBN, a number, an integer, an enum with a default, an optional note, and
/// search): the issue's gaps, and the five bugs planted since the first verifier.
enum PlantedBugs {
    static let spec = "library_zh"

    static let flask: [PlantedBug] = [
        PlantedBug("SECRET_KEY written in the code", caughtBy: "contract.static.secrets", "backend/config.py",
                   #""SECRET_KEY": os.environ.get("SECRET_KEY", ""),"#, #""SECRET_KEY": "flask-insecure-6f1c2d9a8b7e","#),
        PlantedBug("UNIQUE constraint on isbn dropped, the app's own check kept", caughtBy: "entities.book.fields.isbn.unique.race",
                   "backend/models.py", "sa.String(17), nullable=False, unique=True)", "sa.String(17), nullable=False)"),
        PlantedBug("UNIQUE constraint on username dropped, the app's own check kept", caughtBy: "accounts.identity.unique.race",
                   "backend/models.py", "sa.String(32), nullable=False, unique=True)", "sa.String(32), nullable=False)"),
        PlantedBug("tokens never expire", caughtBy: "accounts.login.token_expiry", "backend/auth.py",
                   #"_serializer().loads(token.strip(), max_age=current_app.config["TOKEN_MAX_AGE"])"#, "_serializer().loads(token.strip())"),
        PlantedBug("no request size limit", caughtBy: "contract.bad_bodies.", "backend/config.py",
                   #""MAX_CONTENT_LENGTH": MAX_BODY_BYTES,"#, #""MAX_CONTENT_LENGTH": None,"#),
        PlantedBug("PUT keeps the fields it was not sent", caughtBy: "entities.book.update.put_replaces", "backend/routes/books.py",
                   "return _update(book_id, partial=False)", "return _update(book_id, partial=True)"),
        PlantedBug("an empty PATCH body is accepted", caughtBy: "entities.book.update.patch_empty", "backend/validation.py",
                   "    if partial and not body:\n        raise ApiError(400, \"invalid\", message(\"empty_patch\"))\n", ""),
        PlantedBug("delete answers 200 with a body where the document says 204", caughtBy: "entities.book.delete", "backend/routes/books.py",
                   "    db.commit()\n    return Response(status=204)", "    db.commit()\n    return {\"message\": \"已删除\"}, 200"),
        PlantedBug("PUT keeping the record's own ISBN answers 409", caughtBy: "entities.book.fields.isbn.unique", "backend/routes/books.py",
                   "ensure_unique(db, Book, BOOK_FIELDS, values, exclude_id=book.id)", "ensure_unique(db, Book, BOOK_FIELDS, values)"),
        PlantedBug("enum values accepted in any case", caughtBy: "entities.book.fields.status.allowedValues.case", "backend/validation.py",
                   "if rule.choices and value not in rule.choices:", "if rule.choices and value.lower() not in rule.choices:"),
        PlantedBug("numbers accepted as strings", caughtBy: "entities.book.fields.price.type.text_number", "backend/validation.py",
                   "def _number(rule, value):\n", "def _number(rule, value):\n    try:\n        value = float(value) if isinstance(value, str) else value\n    except ValueError:\n        pass\n"),
        PlantedBug("% and _ act as wildcards in search", caughtBy: "entities.book.search", "backend/crud.py",
                   #"escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")"#, "escaped = text"),
        PlantedBug("the JSON parser's error shown to the client", caughtBy: "contract.no_internal_details", "backend/validation.py",
                   "    except (ValueError, RecursionError):\n        raise ApiError(400, \"invalid_json\", message(\"invalid_json\")) from None",
                   "    except (ValueError, RecursionError) as exc:\n        raise ApiError(400, \"invalid_json\", f\"{type(exc).__name__}: {exc}\") from None"),
        PlantedBug("a message in English for a Chinese requirement", caughtBy: "contract.messages.language", "backend/messages.py",
                   #""conflict": "{label}已存在","#, #""conflict": "{label} already exists","#),
        // The five planted since the first verifier.
        PlantedBug("a duplicate registration answers 200", caughtBy: "accounts.identity.unique", "backend/routes/auth.py",
                   "    ensure_unique(db, User, ACCOUNT_FIELDS, values)\n",
                   "    try:\n        ensure_unique(db, User, ACCOUNT_FIELDS, values)\n    except Exception:\n        return {\"message\": \"ok\"}, 200\n"),
        PlantedBug("the plain password is stored", caughtBy: "accounts.password.hashed", "backend/auth.py",
                   #"return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])"#, "return password"),
        PlantedBug("the owner check is skipped", caughtBy: "entities.book.access.owner_writes", "backend/routes/books.py",
                   "if book.owner_id != user.id:", "if False:"),
        PlantedBug("a crash at import", caughtBy: "step:health", "backend/app.py",
                   "import database\n", "import database\nimport flask_sqlalchemy_that_does_not_exist\n"),
    ]

    /// The FastAPI bugs the default suite plants (all of them with SCULPT_CONTRACT_MATRIX=1).
    static let fastapiSample: Set<String> = [
        "SECRET_KEY written in the code", "UNIQUE constraint on isbn dropped, the app's own check kept", "tokens never expire",
        "no request size limit", "PUT keeps the fields it was not sent", "numbers accepted as strings",
    ]

    static let fastapi: [PlantedBug] = [
        PlantedBug("SECRET_KEY written in the code", caughtBy: "contract.static.secrets", "backend/config.py",
                   #"secret_key=os.environ.get("SECRET_KEY", ""),"#, #"secret_key="fastapi-insecure-6f1c2d9a8b7e","#),
        PlantedBug("UNIQUE constraint on isbn dropped, the app's own check kept", caughtBy: "entities.book.fields.isbn.unique.race",
                   "backend/models.py", "sa.String(17), nullable=False, unique=True)", "sa.String(17), nullable=False)"),
        PlantedBug("UNIQUE constraint on username dropped, the app's own check kept", caughtBy: "accounts.identity.unique.race",
                   "backend/models.py", "sa.String(32), nullable=False, unique=True)", "sa.String(32), nullable=False)"),
        PlantedBug("tokens never expire", caughtBy: "accounts.login.token_expiry", "backend/auth.py",
                   #"if not isinstance(claims["exp"], int) or claims["exp"] <= (time.time() if now is None else now):"#,
                   #"if not isinstance(claims["exp"], int):"#),
        PlantedBug("no request size limit", caughtBy: "contract.bad_bodies.", "backend/config.py",
                   "MAX_BODY_BYTES = 1024 * 1024\n", "MAX_BODY_BYTES = 1024 * 1024 * 1024\n"),
        PlantedBug("PUT keeps the fields it was not sent", caughtBy: "entities.book.update.put_replaces", [
            .init(file: "backend/routers/books.py", old: "def replace_book(book_id: int, body: BookInput,", new: "def replace_book(book_id: int, body: BookPatch,"),
            .init(file: "backend/routers/books.py", old: "body.model_dump())\n", new: "body.model_dump(exclude_unset=True))\n"),
        ]),
        PlantedBug("an empty PATCH body is accepted", caughtBy: "entities.book.update.patch_empty", "backend/schemas.py",
                   "if not self.model_fields_set:", "if False:"),
        PlantedBug("delete answers 200 with a body where the document says 204", caughtBy: "entities.book.delete", "backend/routers/books.py",
                   "    return Response(status_code=204)",
                   #"    return Response(content='{"message": "已删除"}', media_type="application/json", status_code=200)"#),
        PlantedBug("PUT keeping the record's own ISBN answers 409", caughtBy: "entities.book.fields.isbn.unique", "backend/routers/books.py",
                   "ensure_unique(db, Book, BookInput, values, exclude_id=book.id)", "ensure_unique(db, Book, BookInput, values)"),
        PlantedBug("enum values accepted in any case", caughtBy: "entities.book.fields.status.allowedValues.case", "backend/schemas.py",
                   #"    status: Literal["shelved", "lent"] = Field(default="shelved", validate_default=True, title="状态")"#,
                   #"    status: Annotated[Literal["shelved", "lent"], BeforeValidator(lambda v: v.lower() if isinstance(v, str) else v)] = Field(default="shelved", validate_default=True, title="状态")"#),
        PlantedBug("numbers accepted as strings", caughtBy: "entities.book.fields.price.type.text_number", "backend/schemas.py",
                   #"    price: float = Field(title="价格", gt=0)"#, #"    price: Annotated[float, Field(strict=False)] = Field(title="价格", gt=0)"#),
        PlantedBug("% and _ act as wildcards in search", caughtBy: "entities.book.search", "backend/crud.py",
                   #"escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")"#, "escaped = text"),
        PlantedBug("the validator's error shown to the client", caughtBy: "contract.no_internal_details", "backend/errors.py",
                   #"        return ApiError(400, "invalid_json", message("invalid_json"))"#,
                   #"        return ApiError(400, "invalid_json", f"{message('invalid_json')}: {error}")"#),
        PlantedBug("a message in English for a Chinese requirement", caughtBy: "contract.messages.language", "backend/messages.py",
                   #""conflict": "{label}已存在","#, #""conflict": "{label} already exists","#),
        PlantedBug("a duplicate registration answers 200", caughtBy: "accounts.identity.unique", "backend/routers/auth.py",
                   "    ensure_unique(db, User, Account, values)\n",
                   "    try:\n        ensure_unique(db, User, Account, values)\n    except Exception:\n        return {\"message\": \"ok\"}\n"),
        PlantedBug("the plain password is stored", caughtBy: "accounts.password.hashed", "backend/auth.py",
                   #"    return f"scrypt:{n}:{SCRYPT_R}:{SCRYPT_P}${salt}${digest}""#, "    return password"),
        PlantedBug("the owner check is skipped", caughtBy: "entities.book.access.owner_writes", "backend/routers/books.py",
                   "if book.owner_id != user.id:", "if False:"),
        PlantedBug("a crash at import", caughtBy: "step:health", "backend/app.py",
                   "import models  # noqa: F401", "import models  # noqa: F401\nimport fastapi_module_that_does_not_exist"),
    ]
}

extension PlantedBugs {
    /// Hummingbird bugs in groups whose members touch separate code and separate checks, so one
    /// build proves each of them; the first group is the default suite's sample.
    static let hummingbirdGroups: [[PlantedBug]] = [
        [
            PlantedBug("SECRET_KEY written in the code", caughtBy: "contract.static.secrets", "backend/Sources/App/Configuration.swift",
                       #"if let secret = env["SECRET_KEY"], !secret.isEmpty {"#,
                       #"if let secret = Optional("hb-insecure-6f1c2d9a8b7e"), !secret.isEmpty {"#),
            PlantedBug("tokens never expire", caughtBy: "accounts.login.token_expiry", "backend/Sources/App/Tokens.swift",
                       "claims.exp > Int64(now.timeIntervalSince1970) else { return nil }", "claims.exp > 0 else { return nil }"),
            PlantedBug("% and _ act as wildcards in search", caughtBy: "entities.book.search", "backend/Sources/App/Validation.swift",
                       #"if c == "%" || c == "_" || c == "\\" { escaped.append("\\") }"#, #"if c == "\\" { escaped.append("\\") }"#),
            PlantedBug("enum values accepted in any case", caughtBy: "entities.book.fields.status.allowedValues.case",
                       "backend/Sources/App/Validation.swift",
                       "if !rule.choices.isEmpty && !rule.choices.contains(text) {",
                       "if !rule.choices.isEmpty && !rule.choices.contains(text.lowercased()) {"),
            PlantedBug("a message in English for a Chinese requirement", caughtBy: "contract.messages.language",
                       "backend/Sources/App/Messages.swift", #""conflict": "{label}已存在","#, #""conflict": "{label} already exists","#),
        ],
        [
            // The Hummingbird app's only duplicate check is the constraint, so plain duplicates get through too.
            PlantedBug("UNIQUE constraint on isbn dropped", caughtBy: "entities.book.fields.isbn.unique.race", "backend/Sources/App/Database.swift",
                       #"t.column("isbn", .text).notNull().unique()"#, #"t.column("isbn", .text).notNull()"#)
                .alsoFailing("entities.book.fields.isbn.unique", "entities.book.fields.isbn.unique.update_race"),
            PlantedBug("no request size limit", caughtBy: "contract.bad_bodies.", "backend/Sources/App/RequestBody.swift",
                       "let limit = AppConfiguration.maxBodyBytes", "let limit = AppConfiguration.maxBodyBytes * 64"),
            PlantedBug("numbers accepted as strings", caughtBy: "entities.book.fields.price.type.text_number", "backend/Sources/App/Validation.swift",
                       "        case .number(let d): number = d\n        default: throw APIError.invalid(rule, \"not_number\")",
                       "        case .number(let d): number = d\n        case .string(let s) where Double(s) != nil: number = Double(s)!\n        default: throw APIError.invalid(rule, \"not_number\")"),
            PlantedBug("the plain password is stored", caughtBy: "accounts.password.hashed", [
                .init(file: "backend/Sources/App/Passwords.swift",
                      old: "return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) }", new: "return password"),
                .init(file: "backend/Sources/App/Passwords.swift", old: "            return Bcrypt.verify(input, hash: hash)",
                      new: "            return hash == password"),
            ]),
        ],
        [
            PlantedBug("PUT keeps the fields it was not sent", caughtBy: "entities.book.update.put_replaces", "backend/Sources/App/BookRoutes.swift",
                       "try await update(request, context, partial: false)", "try await update(request, context, partial: true)"),
            PlantedBug("delete answers 200 with a body where the document says 204", caughtBy: "entities.book.delete",
                       "backend/Sources/App/BookRoutes.swift", "        return Response(status: .noContent)",
                       "        return JSONResponse.make(.ok, record)"),
            PlantedBug("the JSON parser's error shown to the client", caughtBy: "contract.no_internal_details", "backend/Sources/App/RequestBody.swift",
                       #"throw APIError(.badRequest, "invalid_json", Messages.text("invalid_json"))"#,
                       #"throw APIError(.badRequest, "invalid_json", "\(error)")"#)
                // The leaked text is every bad body's answer, and it is English.
                .alsoFailing("contract.bad_bodies.", "contract.messages.language"),
            PlantedBug("the owner check is skipped", caughtBy: "entities.book.access.owner_writes", "backend/Sources/App/BookRoutes.swift",
                       "        try caller.check(owner: record.ownerID, label: Self.label)\n        return record\n",
                       "        return record\n"),
        ],
        [
            PlantedBug("UNIQUE constraint on username dropped", caughtBy: "accounts.identity.unique.race", "backend/Sources/App/Database.swift",
                       #"t.column("username", .text).notNull().unique()"#, #"t.column("username", .text).notNull()"#)
                .alsoFailing("accounts.identity.unique"),
            PlantedBug("an empty PATCH body is accepted", caughtBy: "entities.book.update.patch_empty", "backend/Sources/App/Validation.swift",
                       "if partial && object.isEmpty {", "if partial && object.isEmpty && false {"),
        ],
        [
            PlantedBug("a duplicate registration answers 200", caughtBy: "accounts.identity.unique", "backend/Sources/App/AccountRoutes.swift",
                       "        var view = try await services.insert(user, unique: SignUpInput.unique).view\n",
                       """
                               var view: UserView
                               do { view = try await services.insert(user, unique: SignUpInput.unique).view } catch {
                                   return JSONResponse.make(.ok, ["message": Messages.text("registered")])
                               }

                       """)
                .alsoFailing("accounts.identity.unique.race"),
        ],
        [
            PlantedBug("a crash at start (a misspelt setting required)", caughtBy: "step:health", "backend/Sources/Server/main.swift",
                       "    let configuration = try AppConfiguration.fromEnvironment(logger: logger)\n",
                       "    let configuration = try AppConfiguration.fromEnvironment(logger: logger)\n"
                           + "    precondition(ProcessInfo.processInfo.environment[\"DATABSE_URL\"] != nil, \"DATABSE_URL is not set\")\n"),
        ],
    ]
}
