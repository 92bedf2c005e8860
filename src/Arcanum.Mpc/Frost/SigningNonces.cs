using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// One signer's secret nonce pair (d_i, e_i) — RFC 9591 §5.1 hiding and binding nonces — with its
/// public <see cref="Commitment"/>. Single use, enforced here: <see cref="TryTake"/> hands the
/// nonces out once, zeroes them and marks the object used; every later call fails. The values are
/// also zeroed on <see cref="Dispose"/>, and the object prints as [redacted].
/// </summary>
public sealed class SigningNonces<TPoint, TScalar> : IDisposable
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    /// <summary>RFC 9591 §4.1: nonce_generate draws 32 random bytes.</summary>
    public const int RandomnessLength = 32;

    private readonly Lock _gate = new();
    private TScalar _hiding;
    private TScalar _binding;
    private bool _spent;

    private SigningNonces(FrostCiphersuite<TPoint, TScalar> suite, PartyId signer, TScalar hiding, TScalar binding)
    {
        _hiding = hiding;
        _binding = binding;
        Commitment = new SigningCommitment<TPoint, TScalar>(signer, TPoint.MultiplyBase(hiding), TPoint.MultiplyBase(binding));
        Id = NonceId.Of(suite, Commitment);
    }

    /// <summary>(D_i, E_i), to publish.</summary>
    public SigningCommitment<TPoint, TScalar> Commitment { get; }

    /// <summary>The name under which the <see cref="INonceLedger"/> records this pair's use.</summary>
    public NonceId Id { get; }

    /// <summary>True once the nonces were handed out (or disposed); they can never sign again.</summary>
    public bool IsSpent
    {
        get
        {
            lock (_gate)
            {
                return _spent;
            }
        }
    }

    /// <summary>RFC 9591 §5.1 commit: two fresh nonces from the injected generator, each bound to the signer's share (§4.1).</summary>
    public static SigningNonces<TPoint, TScalar> Generate(FrostCiphersuite<TPoint, TScalar> suite, KeyShare<TPoint, TScalar> share, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Span<byte> randomness = stackalloc byte[2 * RandomnessLength];
        rng.GetBytes(randomness);
        try
        {
            return FromRandomness(suite, share, randomness[..RandomnessLength], randomness[RandomnessLength..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(randomness);
        }
    }

    /// <summary>
    /// §5.1 commit with the random bytes given (the RFC's vectors list them). The bytes must be
    /// fresh and secret: production code calls <see cref="Generate"/>.
    /// </summary>
    public static SigningNonces<TPoint, TScalar> FromRandomness(
        FrostCiphersuite<TPoint, TScalar> suite, KeyShare<TPoint, TScalar> share, ReadOnlySpan<byte> hidingRandomness, ReadOnlySpan<byte> bindingRandomness)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(share);
        var secret = share.Secret;
        return new SigningNonces<TPoint, TScalar>(
            suite, share.Id, NonceGenerate(suite, hidingRandomness, secret), NonceGenerate(suite, bindingRandomness, secret));
    }

    /// <summary>
    /// RFC 9591 §4.1 nonce_generate(secret) with random_bytes given:
    /// H3(random_bytes ‖ SerializeScalar(secret)). Mixing in the share keeps the nonce secret
    /// even if the generator is weak, as long as the share is.
    /// </summary>
    public static TScalar NonceGenerate(FrostCiphersuite<TPoint, TScalar> suite, ReadOnlySpan<byte> randomBytes, TScalar secret)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (randomBytes.Length != RandomnessLength)
        {
            throw new ArgumentException($"nonce_generate takes {RandomnessLength} random bytes.", nameof(randomBytes));
        }

        Span<byte> input = stackalloc byte[RandomnessLength + TScalar.EncodedLength];
        try
        {
            randomBytes.CopyTo(input);
            secret.Encode(input[RandomnessLength..]);
            return suite.H3(input);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>
    /// Hands out (d_i, e_i) exactly once and forgets them. Returns false, with zero values, when
    /// they were already taken or disposed. Only <see cref="FrostSigner{TPoint, TScalar}"/> calls it.
    /// </summary>
    internal bool TryTake(out TScalar hiding, out TScalar binding)
    {
        lock (_gate)
        {
            hiding = _hiding;
            binding = _binding;
            var fresh = !_spent;
            Forget();
            return fresh;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Forget();
        }
    }

    public override string ToString() => $"SigningNonces({Commitment.Signer}, [redacted])";

    private void Forget()
    {
        _hiding = default;
        _binding = default;
        _spent = true;
    }
}
