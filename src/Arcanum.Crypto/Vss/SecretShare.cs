using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Vss;

/// <summary>
/// One party's share f(i) of a Shamir-shared secret, with the party's identifier i (a non-zero
/// scalar; RFC 9591 §5.1 calls it the participant identifier). The value is secret: it is zeroed on
/// dispose, unreadable afterwards, and never printed.
/// </summary>
public sealed class SecretShare<TScalar> : IDisposable
    where TScalar : struct, IScalar<TScalar>
{
    private TScalar _value;
    private bool _disposed;

    public SecretShare(TScalar identifier, TScalar value)
    {
        if (identifier.IsZero)
        {
            throw new ArgumentException("A share identifier must be non-zero: f(0) is the secret itself.", nameof(identifier));
        }

        Identifier = identifier;
        _value = value;
    }

    /// <summary>The public x-coordinate i of this share.</summary>
    public TScalar Identifier { get; }

    /// <summary>The secret y-coordinate f(i).</summary>
    public TScalar Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _value;
        }
    }

    public void Dispose()
    {
        _value = default;
        _disposed = true;
    }

    public override string ToString() => "[redacted]";
}
