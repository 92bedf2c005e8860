using Microsoft.Data.Sqlite;

namespace Arcanum.Storage.Tests;

/// <summary>Fresh SQLite database files for one test class, under a temporary directory deleted at the end.</summary>
internal sealed class SqliteTestDatabases(string prefix)
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    private int _databases;

    /// <summary>A path in the directory that no database uses yet (its own subdirectory, not created).</summary>
    public string NextPath(string fileName) => Path.Combine(_directory, $"db{++_databases}", fileName);

    /// <summary>A path under the directory for tests that need a specific layout.</summary>
    public string PathUnder(params string[] parts) => Path.Combine([_directory, .. parts]);

    /// <summary>A plain driver connection to <paramref name="path"/> (no pool), to look beneath a store.</summary>
    public static async Task<SqliteConnection> OpenRawAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public void Delete()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
