using Arcanum.Ledger.Encoding;

namespace Arcanum.Ledger.Execution;

/// <summary>One attribute of an event: a name and a text value (accounts in Bech32, numbers in decimal, bytes in hex).</summary>
public sealed record EventAttribute(string Key, string Value);

/// <summary>
/// Something a module did, for clients and the audit trail: <c>{module, name, attributes}</c>. Attributes keep the
/// order the module emits them in (fixed per event name). Canonical encoding:
/// <c>str(module) ‖ str(name) ‖ u32(count) ‖ (str(key) ‖ str(value))*</c>.
/// </summary>
public sealed record LedgerEvent(string Module, string Name, IReadOnlyList<EventAttribute> Attributes)
{
    /// <summary>The canonical encoding (see the type).</summary>
    public byte[] Encode()
    {
        var writer = new CanonicalWriter();
        WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>Appends the canonical encoding to <paramref name="writer"/>.</summary>
    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(Module).WriteString(Name).WriteUInt32((uint)Attributes.Count);
        foreach (var attribute in Attributes)
        {
            writer.WriteString(attribute.Key).WriteString(attribute.Value);
        }
    }

    /// <summary>The value of the first attribute named <paramref name="key"/>, or null.</summary>
    public string? Attribute(string key) => Attributes.FirstOrDefault(a => a.Key == key)?.Value;

    public bool Equals(LedgerEvent? other) => other is not null && Encode().AsSpan().SequenceEqual(other.Encode());

    public override int GetHashCode() => HashCode.Combine(Module, Name, Attributes.Count);
}
