import Foundation
import Logging
import TertialCore
import TertialInterchange
import TertialStore
import TertialWeb
import Vapor

/// `tertial COMMAND …` — see `tertial help` and the README.
let exitCode = await TertialCLI.run(Array(CommandLine.arguments.dropFirst()))
exit(exitCode)
