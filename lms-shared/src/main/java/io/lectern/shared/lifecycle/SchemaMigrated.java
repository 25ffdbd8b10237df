package io.lectern.shared.lifecycle;

/**
 * Fired once at start-up after Liquibase has brought the schema up to date and before the first
 * request is served. Modules observe it to seed data that needs the tables.
 *
 * @param demoData true when the server runs with demo data (the embedded default database)
 */
public record SchemaMigrated(boolean demoData) {}
