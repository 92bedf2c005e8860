namespace Arcanum.Crypto.Signatures;

/// <summary>
/// Whether an ECDSA signature (r, s) may have s &gt; n/2. Both (r, s) and (r, n − s) verify under
/// plain ECDSA (SEC1 §4.1.4), so accepting both makes signatures malleable; Bitcoin (BIP62/BIP146
/// LOW_S) and Ethereum transactions (EIP-2) accept only the low form, and libsecp256k1 signs and
/// verifies only the low form.
/// </summary>
public enum EcdsaHighSPolicy
{
    /// <summary>s must be at most n/2 (libsecp256k1's and Bitcoin's rule). The default.</summary>
    Reject = 0,

    /// <summary>Plain ECDSA: a high s is normalised to n − s before verification.</summary>
    Accept = 1,
}
