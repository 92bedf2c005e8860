using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Ecdsa;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Reshare;
using Arcanum.Node.Ledger;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>
/// Every (kind, scheme) a node runs (docs/node.md): keygen, sign, refresh, reshare and destroy for
/// frost-ed25519, frost-secp256k1, frost-taproot and ecdsa-secp256k1, and ledger block for frost-ed25519. The three FROST schemes share
/// one generic registration; they differ in group, signing suite, derivation and message rule.
/// </summary>
public static class SessionProtocols
{
    /// <summary>The registry with every protocol below.</summary>
    public static SessionProtocolRegistry Default { get; } = CreateDefault();

    private static SessionProtocolRegistry CreateDefault()
    {
        var registry = new SessionProtocolRegistry();
        var ed25519Sign = RegisterFrost(registry, KeyScheme.FrostEd25519, FrostEd25519.Instance,
            new FrostSigningRules<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, Ed25519Additive.Instance, DigestLength: null, TakesTaprootTweak: false,
                key => PointEncoding.ToArray<Ed25519Point, Ed25519Scalar>(key.PublicKey)));
        registry.Register(new LedgerBlockProtocol(ed25519Sign));
        RegisterFrost(registry, KeyScheme.FrostSecp256K1, FrostSecp256k1.Instance,
            new FrostSigningRules<Secp256k1Point, Secp256k1Scalar>(FrostSecp256k1.Instance, Bip32Secp256k1.Instance, DigestLength: null, TakesTaprootTweak: false,
                key => PointEncoding.ToArray<Secp256k1Point, Secp256k1Scalar>(key.PublicKey)));

        // BIP340 signs a 32-byte digest under the x-only key; keys are generated with the plain
        // secp256k1 suite (the taproot suite differs only in signing).
        RegisterFrost(registry, KeyScheme.FrostTaproot, FrostSecp256k1.Instance,
            new FrostSigningRules<Secp256k1Point, Secp256k1Scalar>(FrostSecp256k1Taproot.Instance, Bip32Secp256k1.Instance, DigestLength: 32, TakesTaprootTweak: true,
                key => FrostSecp256k1Taproot.XOnly(key.PublicKey)));
        RegisterEcdsa(registry);
        return registry;
    }

    /// <summary>Registers keygen, sign, refresh, reshare and destroy for one FROST scheme; returns its SIGN protocol.</summary>
    private static FrostSignProtocol<TPoint, TScalar> RegisterFrost<TPoint, TScalar>(
        SessionProtocolRegistry registry, KeyScheme scheme, FrostCiphersuite<TPoint, TScalar> keygenSuite, FrostSigningRules<TPoint, TScalar> signing)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var format = new FrostShareFormat<TPoint, TScalar>(scheme);
        registry.Register(new KeygenProtocol<KeyShare<TPoint, TScalar>, TPoint, TScalar>(
            format, (context, threshold, rng) => FrostDkg.Start(keygenSuite, context, threshold, rng)));
        var sign = new FrostSignProtocol<TPoint, TScalar>(format, signing);
        registry.Register(sign);
        registry.Register(new RefreshProtocol<KeyShare<TPoint, TScalar>, TPoint, TScalar>(format, FrostRefresh.Start));
        registry.Register(new ReshareProtocol<ReshareResult<TPoint, TScalar>, KeyShare<TPoint, TScalar>, TPoint, TScalar>(
            format, FrostReshare.Start, result => (result.GroupKey, result.Share)));
        registry.Register(new DestroyProtocol(scheme));
        return sign;
    }

    private static void RegisterEcdsa(SessionProtocolRegistry registry)
    {
        var format = EcdsaShareFormat.Instance;
        registry.Register(new KeygenProtocol<EcdsaKeyShare, Secp256k1Point, Secp256k1Scalar>(format, EcdsaKeygen.Start));
        registry.Register(new EcdsaSignProtocol());
        registry.Register(new RefreshProtocol<EcdsaKeyShare, Secp256k1Point, Secp256k1Scalar>(format, EcdsaRefresh.Start));
        registry.Register(new ReshareProtocol<EcdsaReshareResult, EcdsaKeyShare, Secp256k1Point, Secp256k1Scalar>(
            format, EcdsaReshare.Start, result => (result.GroupKey, result.Share)));
        registry.Register(new DestroyProtocol(KeyScheme.EcdsaSecp256K1));
    }
}
