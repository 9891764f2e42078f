import GymCommands

await GymCommand.runCommandLine()
