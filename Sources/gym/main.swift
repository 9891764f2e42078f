import GymCommands

GymCommand.main()
