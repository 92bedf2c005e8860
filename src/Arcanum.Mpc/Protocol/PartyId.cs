using Arcanum.Crypto.Curves;

namespace Arcanum.Mpc.Protocol;

/// <summary>
/// A participant's identifier: the non-zero x-coordinate at which its Shamir share is evaluated
/// (RFC 9591 §2 "identifier", 1 ≤ i ≤ 65535). Zero is never a party, because f(0) is the secret.
/// </summary>
public readonly record struct PartyId : IComparable<PartyId>
{
    public PartyId(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, ushort.MaxValue);
        Value = (ushort)value;
    }

    public ushort Value { get; }

    /// <summary>True when <paramref name="value"/> is a valid identifier (used by decoders, which must not throw).</summary>
    public static bool TryCreate(uint value, out PartyId id)
    {
        id = value is >= 1 and <= ushort.MaxValue ? new PartyId((int)value) : default;
        return value is >= 1 and <= ushort.MaxValue;
    }

    /// <summary>The identifier as a scalar (RFC 9591 §2: identifiers are non-zero scalars).</summary>
    public TScalar ToScalar<TScalar>()
        where TScalar : struct, IScalar<TScalar> => TScalar.FromUInt64(Value);

    public int CompareTo(PartyId other) => Value.CompareTo(other.Value);

    public static bool operator <(PartyId left, PartyId right) => left.Value < right.Value;

    public static bool operator >(PartyId left, PartyId right) => left.Value > right.Value;

    public static bool operator <=(PartyId left, PartyId right) => left.Value <= right.Value;

    public static bool operator >=(PartyId left, PartyId right) => left.Value >= right.Value;

    public override string ToString() => $"party {Value}";
}
