/// Opens the class store a location names: `postgres://...` a PostgreSQL database, anything else a SQLite
/// file path.
public enum ClassStores {
    public static func open(_ location: String) async throws(ServerError) -> any ClassStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try await PostgresClassStore(url: location)
        }
        return try SQLiteClassStore(path: location)
    }
}
