namespace Arcanum.Crypto.Noise;

/// <summary>The tokens of a Noise message pattern (revision 34, §7.1 and §9.1).</summary>
public enum NoiseToken
{
    /// <summary>"e": the sender's ephemeral public key, in clear.</summary>
    E,

    /// <summary>"s": the sender's static public key, encrypted once a key exists.</summary>
    S,

    /// <summary>"ee": MixKey(DH(e, re)).</summary>
    EE,

    /// <summary>"es": MixKey(DH(e, rs)) for the initiator, MixKey(DH(s, re)) for the responder.</summary>
    ES,

    /// <summary>"se": MixKey(DH(s, re)) for the initiator, MixKey(DH(e, rs)) for the responder.</summary>
    SE,

    /// <summary>"ss": MixKey(DH(s, rs)).</summary>
    SS,

    /// <summary>"psk": MixKeyAndHash(psk) with the next pre-shared key (§9.1).</summary>
    Psk,
}
