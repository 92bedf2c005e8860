using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Encoding;

namespace Arcanum.Ledger.Modules.Common;

/// <summary>
/// Canonical encodings of the module types: an account is its 32 bytes; a resource id is str(id) and must follow
/// <see cref="ResourceId"/>'s rules; an optional value is a presence byte 0 or 1 followed by the value if 1;
/// an enum is one byte that must be a defined value.
/// </summary>
public static class CanonicalReaderExtensions
{
    /// <summary>Reads a 32-byte account id.</summary>
    public static bool TryReadAccount(ref this CanonicalReader reader, [NotNullWhen(true)] out AccountId? account)
    {
        account = null;
        return reader.TryReadFixed(AccountId.Length, out var bytes) && AccountId.TryFromBytes(bytes, out account);
    }

    /// <summary>Reads a resource id.</summary>
    public static bool TryReadResourceId(ref this CanonicalReader reader, [NotNullWhen(true)] out ResourceId? id)
    {
        id = null;
        return reader.TryReadString(ResourceId.MaxLength, out var text) && ResourceId.TryCreate(text, out id);
    }

    /// <summary>Reads an optional unsigned 64-bit integer (presence byte, then the value).</summary>
    public static bool TryReadOptionalUInt64(ref this CanonicalReader reader, out ulong? value)
    {
        value = null;
        if (!reader.TryReadBool(out var present))
        {
            return false;
        }
        if (!present)
        {
            return true;
        }
        if (!reader.TryReadUInt64(out var read))
        {
            return false;
        }
        value = read;
        return true;
    }

    /// <summary>Reads a one-byte enum value; false unless it is a defined member.</summary>
    public static bool TryReadEnum<TEnum>(ref this CanonicalReader reader, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (!reader.TryReadByte(out var b))
        {
            return false;
        }
        value = (TEnum)Enum.ToObject(typeof(TEnum), b);
        return Enum.IsDefined(value);
    }

    /// <summary>Writes a resource id as str(id).</summary>
    public static CanonicalWriter WriteResourceId(this CanonicalWriter writer, ResourceId id)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(id);
        return writer.WriteString(id.Value);
    }

    /// <summary>Writes an optional unsigned 64-bit integer.</summary>
    public static CanonicalWriter WriteOptionalUInt64(this CanonicalWriter writer, ulong? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBool(value.HasValue);
        return value is { } v ? writer.WriteUInt64(v) : writer;
    }
}
