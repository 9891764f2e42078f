import GRDB

/// Every table gym keeps, as named migrations applied in order. The first migration of each store creates
/// its tables only where they are missing: a database written before migrations existed (by the same
/// statements) is adopted as it is, rows and all, and later migrations change it step by step.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("progress", migrate: progress)
        migrator.registerMigration("bench-history", migrate: benchHistory)
        migrator.registerMigration("scan-history", migrate: scanHistory)
        migrator.registerMigration("vulnerability-index", migrate: vulnerabilityIndex)
        migrator.registerMigration("vulnerability-index-modified", migrate: vulnerabilityIndexModified)
        migrator.registerMigration("discovery", migrate: discovery)
        migrator.registerMigration("exercise-revealed", migrate: exerciseRevealed)
        migrator.registerMigration("discovery-own-words", migrate: discoveryOwnWords)
        return migrator
    }

    /// When the learner had gym fix show an exercise's answer before passing it (`gym fix --reveal`).
    static func exerciseRevealed(_ db: Database) throws {
        try db.alter(table: "exercise_progress") { table in table.add(column: "revealed_at", .text) }
    }

    /// The learner's answers in their own words, and the seed that orders their discovery choices.
    static func discoveryOwnWords(_ db: Database) throws {
        try db.alter(table: "discovery_answers") { table in table.add(column: "own_words", .text) }
        try db.create(table: "learner") { table in
            table.primaryKey("id", .integer).check { $0 == 1 }
            table.column("choice_seed", .integer).notNull()
        }
    }

    /// The discovery questions: each prediction, recorded before its experiment ran, and what was measured.
    static func discovery(_ db: Database) throws {
        try db.create(table: "discovery_answers", options: .ifNotExists) { table in
            table.primaryKey("id", .integer)
            table.column("question", .integer).notNull()
            table.column("predicted_at", .text).notNull()
            table.column("prediction", .text).notNull()
            table.column("measured_at", .text)
            table.column("measured", .text)
            table.column("evidence", .text)
        }
    }

    /// The learner's exercises (started, completed, hints) and every check run with its results.
    static func progress(_ db: Database) throws {
        try db.create(table: "exercise_progress", options: .ifNotExists) { table in
            table.primaryKey("slug", .text)
            table.column("started_at", .text)
            table.column("completed_at", .text)
            table.column("hints_shown", .integer).notNull().defaults(to: 0)
        }
        try db.create(table: "check_attempts", options: .ifNotExists) { table in
            table.primaryKey("id", .integer)
            table.column("slug", .text).notNull()
            table.column("at", .text).notNull()
            table.column("passed", .integer).notNull()
            table.column("total", .integer).notNull()
            table.column("results", .text).notNull()
        }
        try db.create(
            index: "check_attempts_by_slug", on: "check_attempts", columns: ["slug", "id"], options: .ifNotExists)
    }

    /// `gym bench` runs, their builds and each build's steps.
    static func benchHistory(_ db: Database) throws {
        try db.create(table: "bench_runs", options: .ifNotExists) { table in
            table.primaryKey("id", .integer)
            table.column("started_at", .text).notNull()
            table.column("label", .text)
        }
        try db.create(table: "builds", options: .ifNotExists) { table in
            table.primaryKey("id", .integer)
            table.column("bench_run_id", .integer).references("bench_runs", onDelete: .cascade)
            table.column("started_at", .text).notNull()
            table.column("builder", .text).notNull()
            table.column("dockerfile", .text).notNull()
            table.column("dockerfile_digest", .text).notNull()
            table.column("context", .text).notNull()
            table.column("git_revision", .text)
            table.column("scenario", .text)
            table.column("changed_file", .text)
            table.column("wall_seconds", .double).notNull()
            table.column("steps_cached", .integer).notNull()
            table.column("steps_executed", .integer).notNull()
            table.column("image_id", .text)
            table.column("image_size", .integer)
        }
        try db.create(table: "build_steps", options: .ifNotExists) { table in
            table.column("build_id", .integer).notNull().references("builds", onDelete: .cascade)
            table.column("position", .integer).notNull()
            table.column("name", .text).notNull()
            table.column("cached", .integer).notNull()
            table.column("seconds", .double)
        }
        try db.create(
            index: "builds_by_dockerfile", on: "builds", columns: ["dockerfile_digest", "scenario"],
            options: .ifNotExists)
    }

    /// Every `gym scan`'s finding counts by severity.
    static func scanHistory(_ db: Database) throws {
        try db.create(table: "scans", options: .ifNotExists) { table in
            table.primaryKey("id", .integer)
            table.column("at", .text).notNull()
            table.column("image", .text).notNull()
            for column in ["packages", "critical", "high", "medium", "low", "unknown"] {
                table.column(column, .integer).notNull()
            }
        }
        try db.create(index: "scans_by_image", on: "scans", columns: ["image", "id"], options: .ifNotExists)
    }

    /// When each record was last modified (its `modified` field), for `gym db status`; records imported before
    /// this migration have none until they are imported again.
    static func vulnerabilityIndexModified(_ db: Database) throws {
        try db.alter(table: "osv_records") { table in table.add(column: "modified", .text) }
    }

    /// OSV records by id, and which ecosystem/package names each one affects.
    static func vulnerabilityIndex(_ db: Database) throws {
        try db.create(table: "osv_meta", options: .ifNotExists) { table in
            table.primaryKey("key", .text)
            table.column("value", .text).notNull()
        }
        try db.create(table: "osv_records", options: .ifNotExists) { table in
            table.primaryKey("id", .text)
            table.column("json", .text).notNull()
        }
        try db.create(table: "osv_packages", options: .ifNotExists) { table in
            table.column("ecosystem", .text).notNull()
            table.column("name", .text).notNull()
            table.column("record_id", .text).notNull().references("osv_records")
        }
        try db.create(
            index: "osv_packages_by_name", on: "osv_packages", columns: ["ecosystem", "name"], options: .ifNotExists)
    }
}
