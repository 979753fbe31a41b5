@testable import SculptCore
import Testing

@Suite("Phase clock")
struct PhaseClockTests {
    @Test("marks print in time order as milliseconds since the first, whatever order threads noted them in")
    func line() {
        let marks: [(String, UInt64)] = [("understood", 7_250_000), ("main", 1_000_000), ("arguments-parsed", 4_500_000)]
        #expect(PhaseClock.line(of: marks) == "main=0.00 arguments-parsed=3.50 understood=6.25")
        #expect(PhaseClock.line(of: []) == "")
    }
}
