using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Arcanum.Storage.Migrations;

/// <summary>
/// One hand-written schema step: <c>Migrations/&lt;Dialect&gt;/NNNN_name.sql</c>, embedded in this assembly.
/// <see cref="Version"/> is the file's number; versions start at 1 and have no gaps, so the order is the
/// order they were written in and a database records each version it applied in <c>schema_migrations</c>.
/// </summary>
internal sealed partial record Migration(long Version, string Name, string Sql)
{
    /// <summary>
    /// The migrations of one folder (<c>Sqlite</c>, <c>Postgres</c>; the ledger database: <c>LedgerSqlite</c>, <c>LedgerPostgres</c>), ascending by version.
    /// Throws when a file is misnamed or the versions are not 1, 2, 3, … — a packaging bug, not a runtime condition.
    /// </summary>
    public static IReadOnlyList<Migration> Load(string dialect)
    {
        var assembly = typeof(Migration).Assembly;
        var prefix = $"{typeof(Migration).Namespace}.{dialect}.";
        var migrations = assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(prefix, StringComparison.Ordinal))
            .Select(resource => Parse(assembly, resource, resource[prefix.Length..]))
            .OrderBy(migration => migration.Version)
            .ToList();
        for (var index = 0; index < migrations.Count; index++)
        {
            if (migrations[index].Version != index + 1)
            {
                throw new InvalidOperationException(
                    $"{dialect} migrations must be numbered 1, 2, 3, … without gaps; found {migrations[index].Name} at position {index + 1}.");
            }
        }

        return migrations.Count > 0
            ? migrations
            : throw new InvalidOperationException($"No {dialect} migrations are embedded in {assembly.GetName().Name}.");
    }

    private static Migration Parse(Assembly assembly, string resource, string fileName)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_lower_case_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' cannot be read.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var version = long.Parse(match.Groups["version"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        return new Migration(version, fileName, reader.ReadToEnd());
    }

    [GeneratedRegex("^(?<version>[0-9]{4})_[a-z0-9_]+\\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
