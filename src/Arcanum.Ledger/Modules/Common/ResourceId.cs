using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Ledger.Modules.Common;

/// <summary>
/// The name of an access-controlled resource (a document, a group, a key): 1 to 64 characters from
/// <c>[a-z0-9._:-]</c>, chosen by the account that registers it. In state keys it is written as one length
/// byte followed by its ASCII bytes, so no id is a prefix of another's key.
/// </summary>
public sealed record ResourceId
{
    /// <summary>The longest id, in characters.</summary>
    public const int MaxLength = 64;

    private ResourceId(string value) => Value = value;

    /// <summary>The id as text.</summary>
    public string Value { get; }

    /// <summary>Accepts an id that follows the rules of the type; false otherwise.</summary>
    public static bool TryCreate(string? value, [NotNullWhen(true)] out ResourceId? id)
    {
        id = value is { Length: > 0 and <= MaxLength } && IsAllowed(value) ? new ResourceId(value) : null;
        return id is not null;
    }

    /// <summary>Accepts an id that follows the rules of the type; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static ResourceId Create(string value) =>
        TryCreate(value, out var id) ? id : throw new ArgumentException("A resource id is 1–64 characters from [a-z0-9._:-].", nameof(value));

    /// <summary>The key segment: length byte ‖ ASCII.</summary>
    public byte[] ToKeySegment()
    {
        var segment = new byte[1 + Value.Length];
        segment[0] = (byte)Value.Length;
        System.Text.Encoding.ASCII.GetBytes(Value, segment.AsSpan(1));
        return segment;
    }

    public override string ToString() => Value;

    private static bool IsAllowed(string value)
    {
        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_' or ':' or '-'))
            {
                return false;
            }
        }
        return true;
    }
}
