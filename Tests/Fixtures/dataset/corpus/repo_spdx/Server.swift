// SPDX-License-Identifier: Apache-2.0
import Hummingbird

let router = Router()
router.get("health") { _, _ in "ok" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
try await app.runService()
