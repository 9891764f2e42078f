public enum GymCommandsPlaceholder {}
