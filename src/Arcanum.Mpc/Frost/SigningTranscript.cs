using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// The public values every signer and the aggregator derive from a signing package (RFC 9591
/// §4.4–§4.6 and §5.2 steps 1–5): binding factors ρ_i, the group commitment R, the challenge c and
/// the Lagrange coefficients λ_i. Signer and aggregator compute them with this one class, so they
/// cannot disagree.
/// </summary>
public sealed class SigningTranscript<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly Dictionary<PartyId, byte[]> _bindingFactorInputs;
    private readonly Dictionary<PartyId, TScalar> _bindingFactors;
    private readonly Dictionary<PartyId, TScalar> _lambdas;

    private SigningTranscript(
        SigningPackage<TPoint, TScalar> package,
        GroupKey<TPoint, TScalar> signingKey,
        Dictionary<PartyId, byte[]> bindingFactorInputs,
        Dictionary<PartyId, TScalar> bindingFactors,
        Dictionary<PartyId, TScalar> lambdas,
        TPoint groupCommitment,
        TScalar challenge,
        bool negatesNonces)
    {
        Package = package;
        SigningKey = signingKey;
        _bindingFactorInputs = bindingFactorInputs;
        _bindingFactors = bindingFactors;
        _lambdas = lambdas;
        GroupCommitment = groupCommitment;
        Challenge = challenge;
        NegatesNonces = negatesNonces;
    }

    public SigningPackage<TPoint, TScalar> Package { get; }

    /// <summary>The key the signature is under, after the suite's normalisation and tweak (<see cref="FrostCiphersuite{TPoint, TScalar}.SigningKey"/>).</summary>
    public GroupKey<TPoint, TScalar> SigningKey { get; }

    /// <summary>R = Σ D_i + ρ_i·E_i (§4.5 compute_group_commitment).</summary>
    public TPoint GroupCommitment { get; }

    /// <summary>c = H2(R ‖ PK ‖ msg) (§4.6), or the suite's variant.</summary>
    public TScalar Challenge { get; }

    /// <summary>True when the suite makes signers use −d_i, −e_i for this R (BIP340 even-Y R).</summary>
    public bool NegatesNonces { get; }

    /// <summary>
    /// §4.4 compute_binding_factors, §4.5, §4.6 and §5.2's λ_i. False only when R is the identity
    /// (SerializeElement fails; needs a hash collision, so no party can force it).
    /// </summary>
    public static bool TryCompute(
        FrostCiphersuite<TPoint, TScalar> suite,
        GroupKey<TPoint, TScalar> signingKey,
        SigningPackage<TPoint, TScalar> package,
        [NotNullWhen(true)] out SigningTranscript<TPoint, TScalar>? transcript)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(package);
        transcript = null;

        // §4.4: rho_input_prefix = SerializeElement(PK) ‖ H4(msg) ‖ H5(encode_group_commitment_list(commitment_list)).
        var messageHash = suite.H4(package.Message);
        var listHash = suite.H5(package.EncodeCommitmentList());
        var prefixLength = TPoint.EncodedLength + messageHash.Length + listHash.Length;
        var commitments = package.Commitments;
        var inputs = new Dictionary<PartyId, byte[]>(commitments.Count);
        var factors = new Dictionary<PartyId, TScalar>(commitments.Count);
        var scalars = new TScalar[2 * commitments.Count];
        var points = new TPoint[2 * commitments.Count];
        for (var i = 0; i < commitments.Count; i++)
        {
            // rho_input = rho_input_prefix ‖ SerializeScalar(identifier); binding_factor = H1(rho_input).
            var input = new byte[prefixLength + TScalar.EncodedLength];
            signingKey.PublicKey.Encode(input);
            messageHash.CopyTo(input, TPoint.EncodedLength);
            listHash.CopyTo(input, TPoint.EncodedLength + messageHash.Length);
            commitments[i].Signer.ToScalar<TScalar>().Encode(input.AsSpan(prefixLength));
            var rho = suite.H1(input);
            inputs.Add(commitments[i].Signer, input);
            factors.Add(commitments[i].Signer, rho);

            // §4.5: group_commitment += hiding_nonce_commitment + binding_nonce_commitment·binding_factor.
            (scalars[2 * i], points[2 * i]) = (TScalar.One, commitments[i].Hiding);
            (scalars[(2 * i) + 1], points[(2 * i) + 1]) = (rho, commitments[i].Binding);
        }

        var groupCommitment = TPoint.MultiScalarMultiply(scalars, points);
        if (groupCommitment.IsIdentity)
        {
            return false;
        }

        // §5.2 step 4: λ_i = derive_interpolating_value(participant_list, identifier) (§4.2).
        var identifiers = package.Signers.Select(s => s.ToScalar<TScalar>()).ToArray();
        var lambdas = package.Signers.ToDictionary(s => s, s => Lagrange.CoefficientAtZero(s.ToScalar<TScalar>(), identifiers));
        var challenge = suite.Challenge(groupCommitment, signingKey.PublicKey, package.Message);
        transcript = new SigningTranscript<TPoint, TScalar>(
            package, signingKey, inputs, factors, lambdas, groupCommitment, challenge, suite.NegatesNonces(groupCommitment));
        return true;
    }

    /// <summary>rho_input for <paramref name="signer"/> (§4.4), as the RFC vectors list it.</summary>
    public ReadOnlySpan<byte> BindingFactorInput(PartyId signer) => _bindingFactorInputs[signer];

    /// <summary>ρ_i = H1(rho_input) (§4.4).</summary>
    public TScalar BindingFactor(PartyId signer) => _bindingFactors[signer];

    /// <summary>λ_i for the package's signer set (§4.2).</summary>
    public TScalar Lambda(PartyId signer) => _lambdas[signer];

    /// <summary>
    /// §5.4 comm_share = D_i + E_i·ρ_i, negated when the suite negates nonces (BIP340, as ZF frost's
    /// secp256k1-tr verify_share does): the nonce part G·(d_i + e_i·ρ_i) of signer i's share.
    /// </summary>
    public TPoint CommitmentShare(PartyId signer)
    {
        var commitment = Package.CommitmentOf(signer) ?? throw new ArgumentException($"{signer} is not a signer of this package.", nameof(signer));
        var share = commitment.Hiding + (commitment.Binding * _bindingFactors[signer]);
        return NegatesNonces ? -share : share;
    }
}
