using System.Security.Cryptography;

namespace Arcanum.Crypto.Interop;

/// <summary>
/// libsecp256k1 refused a call that the calling code should have made valid: an argument its
/// header calls illegal (reported through the context's illegal-argument callback instead of the
/// library's default <c>abort()</c>), or a documented failure that cannot happen with checked
/// inputs. It signals a bug or corrupted memory, never an expected outcome: a signature that does
/// not verify or an encoding that does not parse is reported as <c>false</c> by the Try/Verify methods.
/// </summary>
public sealed class Secp256k1Exception : CryptographicException
{
    public Secp256k1Exception(string message)
        : base(message)
    {
    }
}
