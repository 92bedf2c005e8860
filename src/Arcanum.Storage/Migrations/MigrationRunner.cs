using System.Data.Common;
using Dapper;

namespace Arcanum.Storage.Migrations;

/// <summary>
/// Applies one sequence of <see cref="Migration"/>s to a database inside a transaction the caller has opened while
/// holding its migration lock (docs/storage.md, "Migrations"). Each sequence records what it applied in its own
/// table, so the coordinator's and the ledger's migrations never mistake each other's versions for their own, even
/// when an operator points both at one database.
/// </summary>
internal static class MigrationRunner
{
    /// <summary>
    /// Creates <paramref name="historyTable"/> if missing, refuses a schema newer than <paramref name="migrations"/>,
    /// runs every migration not yet recorded, in order, and records each. Does not commit.
    /// Returns how many versions were already applied.
    /// </summary>
    public static async Task<int> ApplyPendingAsync(
        DbConnection connection,
        DbTransaction transaction,
        string historyTable,
        IReadOnlyList<Migration> migrations,
        CancellationToken cancellationToken)
    {
        await Execute(
            $"CREATE TABLE IF NOT EXISTS {historyTable} (version bigint NOT NULL PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)", null);
        var applied = (await connection.QueryAsync<long>(
            new CommandDefinition($"SELECT version FROM {historyTable}", transaction: transaction, cancellationToken: cancellationToken)))
            .ToHashSet();
        var newest = migrations[^1].Version;
        if (applied.Any(version => version > newest))
        {
            throw new InvalidOperationException(
                $"The database schema ({historyTable}) is at version {applied.Max()}, newer than this build knows ({newest}); upgrade Arcanum before using this database.");
        }

        foreach (var migration in migrations.Where(migration => !applied.Contains(migration.Version)))
        {
            await Execute(migration.Sql, null);
            await Execute(
                $"INSERT INTO {historyTable} (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        }

        return applied.Count;

        Task<int> Execute(string sql, object? parameters) =>
            connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
    }
}
