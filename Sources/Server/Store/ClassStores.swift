import ServiceLifecycle

/// Opens the class store a location names: `postgres://...` a PostgreSQL database, anything else a SQLite
/// file path.
public enum ClassStores {
    /// The store, not yet running: run its `services` and `prepare()` it before use (as `withStore` and
    /// `ClassServer.run` do).
    public static func open(_ location: String) throws(ServerError) -> any ClassStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try PostgresClassStore(url: location)
        }
        return try SQLiteClassStore(path: location)
    }

    /// Opens the store at `location` for the length of `body`: its services run beside `body` and stop when it
    /// returns or throws.
    public static func withStore<T: Sendable>(
        _ location: String, _ body: (any ClassStore) async throws -> T
    ) async throws -> T {
        try await running(open(location), body)
    }

    /// Runs `store`'s services for the length of `body`, after preparing its tables.
    public static func running<T: Sendable>(
        _ store: any ClassStore, _ body: (any ClassStore) async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            for service in store.services {
                group.addTask { try await service.run() }
            }
            try await store.prepare()
            let result = try await body(store)
            group.cancelAll()
            return result
        }
    }
}
