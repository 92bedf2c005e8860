using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Audit;

/// <summary>
/// The hash chain of the audit log: entry n stores <c>prevHash</c> = hash of entry n − 1 (64 zeros for entry 1)
/// and <c>hash</c> = SHA-256(prevHash bytes ‖ UTF-8 canonical entry), where the canonical entry is the JSON
/// object of every field but <c>hash</c>, in a fixed order, without whitespace, times as Unix milliseconds.
/// Changing, inserting or deleting any entry breaks the chain at that entry or the next.
/// </summary>
public static class AuditChain
{
    /// <summary>The prevHash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The hash <paramref name="entry"/> must carry (its own <see cref="AuditEntry.Hash"/> is ignored).</summary>
    public static string HashOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var canonical = Canonical(entry);
        var input = new byte[32 + canonical.Length];
        if (Convert.FromHexString(entry.PrevHash, input.AsSpan(0, 32), out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            throw new ArgumentException("prevHash is not 64 hex digits.", nameof(entry));
        }

        canonical.CopyTo(input, 32);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>The entry that follows <paramref name="head"/> (null: the first), with its prevHash and hash set.</summary>
    public static AuditEntry Next(AuditEntry? head, AuditEntry draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var linked = draft with { Seq = (head?.Seq ?? 0) + 1, PrevHash = head?.Hash ?? Genesis, Hash = "" };
        return linked with { Hash = HashOf(linked) };
    }

    /// <summary>
    /// Checks that <paramref name="entry"/> follows <paramref name="previous"/> (null: it must be entry 1): the next
    /// seq, the previous hash, and its own hash. Null when it does; otherwise what is wrong.
    /// </summary>
    public static string? Problem(AuditEntry? previous, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var expectedSeq = (previous?.Seq ?? 0) + 1;
        if (entry.Seq != expectedSeq)
        {
            return $"entry {entry.Seq} follows entry {previous?.Seq ?? 0}: entry {expectedSeq} is missing";
        }

        if (!string.Equals(entry.PrevHash, previous?.Hash ?? Genesis, StringComparison.Ordinal))
        {
            return $"entry {entry.Seq}: prevHash does not match the hash of entry {expectedSeq - 1}";
        }

        string recomputed;
        try
        {
            recomputed = HashOf(entry);
        }
        catch (ArgumentException)
        {
            return $"entry {entry.Seq}: prevHash is not a SHA-256 digest";
        }

        return string.Equals(entry.Hash, recomputed, StringComparison.Ordinal) ? null : $"entry {entry.Seq}: its hash does not match its content";
    }

    private static byte[] Canonical(AuditEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", entry.Seq);
            json.WriteNumber("time", entry.Time.ToUnixTimeMilliseconds());
            json.WriteString("actorAccessor", entry.ActorAccessor);
            json.WriteString("actorName", entry.ActorName);
            json.WriteString("action", entry.Action);
            json.WriteString("target", entry.Target);
            json.WriteString("requestHash", entry.RequestHash);
            json.WriteString("decision", entry.Decision);
            json.WriteString("outcome", entry.Outcome);
            json.WriteString("prevHash", entry.PrevHash);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The time as stored in the chain: whole milliseconds (the canonical form cannot carry more).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
