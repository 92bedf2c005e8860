using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// A FROST ciphersuite (RFC 9591 §6): the group, the hash functions H1–H5 with their
/// domain-separation tags, and the signature encoding. Suites are stateless singletons; protocol
/// code receives one and calls it. The Taproot suite overrides the hooks that BIP340 needs
/// (challenge, signature encoding, even-Y normalisation and the taproot tweak).
/// </summary>
public abstract class FrostCiphersuite<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly byte[] _rho;
    private readonly byte[] _nonce;
    private readonly byte[] _message;
    private readonly byte[] _commitments;
    private readonly byte[] _dkg;

    protected FrostCiphersuite(string name, string contextString)
    {
        Name = name;
        ContextString = contextString;
        _rho = Tag("rho");
        _nonce = Tag("nonce");
        _message = Tag("msg");
        _commitments = Tag("com");
        _dkg = Tag("dkg");
    }

    /// <summary>The RFC's name, e.g. "FROST(Ed25519, SHA-512)".</summary>
    public string Name { get; }

    /// <summary>RFC 9591 contextString, e.g. "FROST-ED25519-SHA512-v1".</summary>
    public string ContextString { get; }

    /// <summary>Length of an encoded signature.</summary>
    public virtual int SignatureLength => TPoint.EncodedLength + TScalar.EncodedLength;

    /// <summary>H1: binding factors (RFC 9591 §4.4).</summary>
    public TScalar H1(ReadOnlySpan<byte> message) => TScalar.HashToScalar(_rho, message);

    /// <summary>H2 applied to SerializeElement(R) ‖ SerializeElement(PK) ‖ msg: the challenge c (RFC 9591 §4.6).</summary>
    public abstract TScalar Challenge(TPoint groupCommitment, TPoint groupKey, ReadOnlySpan<byte> message);

    /// <summary>H3: nonce derivation (RFC 9591 §4.1 nonce_generate).</summary>
    public TScalar H3(ReadOnlySpan<byte> message) => TScalar.HashToScalar(_nonce, message);

    /// <summary>H4: the message hash in the binding-factor input (RFC 9591 §4.4).</summary>
    public byte[] H4(ReadOnlySpan<byte> message) => Hash(_message, message);

    /// <summary>H5: the commitment-list hash in the binding-factor input (RFC 9591 §4.4).</summary>
    public byte[] H5(ReadOnlySpan<byte> message) => Hash(_commitments, message);

    /// <summary>HDKG: the DKG proof-of-knowledge challenge hash (ZF frost's HDKG, tag "dkg").</summary>
    public TScalar HDkg(ReadOnlySpan<byte> message) => TScalar.HashToScalar(_dkg, message);

    /// <summary>
    /// The key the signers and the aggregator actually use. RFC suites sign with the group key as
    /// it is; the Taproot suite normalises it to even Y and applies the BIP341 tweak.
    /// </summary>
    public virtual KeyShare<TPoint, TScalar> SigningShare(KeyShare<TPoint, TScalar> share, TaprootTweak? tweak)
    {
        ArgumentNullException.ThrowIfNull(share);
        RejectTweak(tweak);
        return share;
    }

    /// <summary>The public counterpart of <see cref="SigningShare"/>, for the aggregator.</summary>
    public virtual GroupKey<TPoint, TScalar> SigningKey(GroupKey<TPoint, TScalar> key, TaprootTweak? tweak)
    {
        ArgumentNullException.ThrowIfNull(key);
        RejectTweak(tweak);
        return key;
    }

    /// <summary>
    /// True when signers must negate their nonces because the group commitment R does not have the
    /// form the signature encodes (BIP340: R must have even Y). Always false for RFC suites.
    /// </summary>
    public virtual bool NegatesNonces(TPoint groupCommitment) => false;

    /// <summary>Encodes (R, z); RFC 9591: SerializeElement(R) ‖ SerializeScalar(z).</summary>
    public virtual byte[] EncodeSignature(TPoint groupCommitment, TScalar z)
    {
        var signature = new byte[SignatureLength];
        groupCommitment.Encode(signature.AsSpan(0, TPoint.EncodedLength));
        z.Encode(signature.AsSpan(TPoint.EncodedLength));
        return signature;
    }

    /// <summary>Strict decoding of an encoded signature.</summary>
    public virtual bool TryDecodeSignature(ReadOnlySpan<byte> signature, out TPoint groupCommitment, out TScalar z)
    {
        z = default;
        groupCommitment = default;
        return signature.Length == SignatureLength
            && TPoint.TryDecode(signature[..TPoint.EncodedLength], out groupCommitment)
            && TScalar.TryDecode(signature[TPoint.EncodedLength..], out z);
    }

    /// <summary>
    /// RFC 9591 §6 verify_signature for prime-order groups: z·G = R + c·PK. Decoding rejects
    /// small-order and non-subgroup points, so the cofactor check adds nothing for Ed25519.
    /// </summary>
    public virtual bool Verify(TPoint groupKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (!TryDecodeSignature(signature, out var r, out var z))
        {
            return false;
        }

        var c = Challenge(r, groupKey, message);
        return TPoint.MultiplyBase(z) == r + (groupKey * c);
    }

    public override string ToString() => Name;

    /// <summary>The hash function behind H4 and H5 (SHA-512 or SHA-256) over tag ‖ message.</summary>
    protected abstract byte[] Hash(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> message);

    /// <summary>SerializeElement(R) ‖ SerializeElement(PK) ‖ msg, the RFC's challenge input.</summary>
    protected static byte[] ChallengeInput(TPoint groupCommitment, TPoint groupKey, ReadOnlySpan<byte> message)
    {
        var input = new byte[(2 * TPoint.EncodedLength) + message.Length];
        groupCommitment.Encode(input.AsSpan(0, TPoint.EncodedLength));
        groupKey.Encode(input.AsSpan(TPoint.EncodedLength, TPoint.EncodedLength));
        message.CopyTo(input.AsSpan(2 * TPoint.EncodedLength));
        return input;
    }

    private byte[] Tag(string suffix) => System.Text.Encoding.ASCII.GetBytes(ContextString + suffix);

    private void RejectTweak(TaprootTweak? tweak)
    {
        if (tweak is not null)
        {
            throw new ArgumentException($"{Name} has no taproot tweak.", nameof(tweak));
        }
    }
}
