import ArgumentParser
import SculptCore

/// `--backend` is checked and listed (in `--help` and shell completions) from the backends Sculpt has.
extension Backend: ExpressibleByArgument {}
