import GymCommands

GymCommand.runCommandLine()
