/// Requirements with the specs Sculpt expects for them, shown to the model before the real one.
///
/// A few worked examples teach conventions a schema cannot (English identifiers with labels in the
/// user's language, accounts instead of a `user` entity, constraints on the field, `owner` access
/// for "only the author"). They cover both languages, accounts-only, entities-only and both. They
/// are kept compact (no `requirement`, no `clauses`, which Sculpt fills in itself) and a test
/// checks each one decodes and passes `SpecValidator`.
public enum WorkedExamples {
    public struct Example: Sendable {
        public let requirement: String
        public let spec: String
    }

    public static let all: [Example] = [
        Example(
            requirement: "Create a user registration feature: the user enters a username and a password. If the username already exists, return an error message; otherwise create the new user and return a success message.",
            spec: #"{"version":1,"name":"user_registration","title":"User registration","language":"en","accounts":{"identity":{"name":"username","label":"Username","type":"string","required":true,"unique":true,"minLength":3,"maxLength":32},"password":{"minLength":8,"maxLength":128,"label":"Password"},"fields":[],"login":false,"profile":false,"tokenHours":24},"entities":[]}"#),
        Example(
            requirement: "做一个博客系统：用户可以注册和登录。登录后的用户可以发表文章，文章包括标题和内容。所有人都可以查看文章列表和文章详情，只有作者本人可以修改或删除自己的文章。文章可以按标题搜索。",
            spec: #"{"version":1,"name":"blog","title":"博客系统","language":"zh","accounts":{"identity":{"name":"username","label":"用户名","type":"string","required":true,"unique":true,"minLength":3,"maxLength":32},"password":{"minLength":8,"maxLength":128,"label":"密码"},"fields":[],"login":true,"profile":true,"tokenHours":24},"entities":[{"name":"post","plural":"posts","label":"文章","fields":[{"name":"title","label":"标题","type":"string","required":true,"maxLength":200},{"name":"content","label":"内容","type":"text","required":true}],"operations":["create","list","get","update","delete"],"searchable":["title"],"access":{"read":"anyone","write":"owner"}}]}"#),
        Example(
            requirement: "Product catalog: each product has a name, a unique SKU, a price (a positive number) and a stock count (a whole number, never negative). Support creating, listing, viewing, updating and deleting products, and searching products by name.",
            spec: #"{"version":1,"name":"product_catalog","title":"Product catalog","language":"en","entities":[{"name":"product","plural":"products","label":"Product","fields":[{"name":"name","label":"Name","type":"string","required":true},{"name":"sku","label":"SKU","type":"string","required":true,"unique":true},{"name":"price","label":"Price","type":"number","required":true,"exclusiveMinimum":0},{"name":"stock","label":"Stock","type":"integer","required":true,"minimum":0}],"operations":["create","list","get","update","delete"],"searchable":["name"],"access":{"read":"anyone","write":"anyone"}}]}"#),
        Example(
            requirement: "图书借阅：用户注册登录。图书有书名（必填）和库存（不能为负）。管理员可以新增和删除图书，所有人都可以查看图书。登录用户可以借书，借书时库存减一，库存为0时不能借，每次借书生成一条借阅记录。",
            spec: #"{"version":2,"name":"library","title":"图书借阅","language":"zh","accounts":{"identity":{"name":"username","label":"用户名","type":"string","required":true,"unique":true,"minLength":3,"maxLength":32},"password":{"minLength":8,"maxLength":128,"label":"密码"},"fields":[],"login":true,"profile":true,"tokenHours":24,"roles":[{"name":"admin","label":"管理员"}]},"entities":[{"name":"book","plural":"books","label":"图书","fields":[{"name":"title","label":"书名","type":"string","required":true},{"name":"stock","label":"库存","type":"integer","minimum":0,"default":0}],"operations":["create","list","get","delete"],"searchable":[],"access":{"read":"anyone","write":"signed_in"},"permissions":{"create":["role:admin"],"delete":["role:admin"]},"actions":[{"name":"borrow","label":"借书","access":["signed_in"],"preconditions":[{"field":"stock","op":">","value":0,"message":"库存为0时不能借"}],"effects":[{"kind":"increment","field":"stock","by":-1},{"kind":"create","entity":"loan"}]}]},{"name":"loan","plural":"loans","label":"借阅记录","fields":[{"name":"book_id","label":"图书","type":"integer","required":true,"relation":{"entity":"book","onDelete":"restrict"}}],"operations":["list","get"],"searchable":[],"access":{"read":"owner","write":"owner"}}]}"#),
    ]
}
