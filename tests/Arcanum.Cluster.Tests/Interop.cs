using System.Runtime.InteropServices;

namespace Arcanum.Cluster.Tests;

/// <summary>POSIX signals, to stop processes the way a terminal does.</summary>
internal static partial class Interop
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
