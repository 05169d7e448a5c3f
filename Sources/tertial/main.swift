import Foundation

/// `tertial COMMAND …` — see `tertial --help` and the README.
let exitCode = await TertialCLI.run(Array(CommandLine.arguments.dropFirst()))
exit(exitCode)
