using System.Text;
using System.Text.Json;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Audit;

/// <summary>
/// The optional second audit sink (<c>--audit-file</c>): one JSON object per line, appended and flushed to disk
/// (fsync) before <see cref="WriteAsync"/> returns — a group of entries per write. The file is opened per write, so a file made read-only or
/// removed makes the next write fail — and with it the request (fail-closed, like the store).
/// </summary>
internal sealed class AuditFileSink(string path)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Path { get; } = path;

    public async Task WriteAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var bytes = Utf8.GetBytes(string.Concat(entries.Select(entry => JsonSerializer.Serialize(entry, AuditJsonContext.Default.AuditEntry) + "\n")));
        await using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        await file.WriteAsync(bytes, cancellationToken);
        file.Flush(flushToDisk: true);
    }
}
