namespace Arcanum.Crypto.Interop;

/// <summary>
/// Root of the P/Invoke declarations: one partial file per native header
/// (<c>Interop.Secp256k1.*.cs</c>, <c>Interop.Sodium.*.cs</c>). Stubs are private; each file's
/// internal wrappers map return codes to typed exceptions, and raw pointers never leave this folder.
/// Library names resolve through <see cref="NativeLibraries"/>.
/// </summary>
internal static partial class Interop;
