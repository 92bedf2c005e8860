namespace Arcanum.Crypto.Interop;

/// <summary>
/// A native library Arcanum depends on is missing or unsuitable. The message is one sentence that
/// names the Debian package to install; it is meant to be shown to an operator as it is.
/// </summary>
public sealed class NativeLibraryUnavailableException : Exception
{
    public NativeLibraryUnavailableException(NativeLibrarySpec library, string message)
        : base(message) => Library = library;

    public NativeLibrarySpec Library { get; }
}
