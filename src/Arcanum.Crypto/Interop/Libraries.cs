namespace Arcanum.Crypto.Interop;

/// <summary>
/// The native libraries Arcanum calls, by logical name. The logical names are resolved to real
/// files by <see cref="NativeLibraries"/>, which also checks that each build has what we call.
/// </summary>
internal static class Libraries
{
    public const string Secp256k1 = "secp256k1";
    public const string Sodium = "sodium";
}
