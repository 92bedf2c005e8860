using System.CommandLine;
using Arcanum.Crypto.Interop;

namespace Arcanum.Cli;

/// <summary>
/// <c>arcanum dev</c>: until the local cluster exists, a self-check of the crypto core.
/// </summary>
internal static class DevCommand
{
    public static Command Create()
    {
        var command = new Command("dev", "Check the native crypto core: load libsecp256k1 and libsodium, sign and verify with each primitive.");
        command.SetAction(_ =>
        {
            try
            {
                NativeLibraries.EnsureAvailable();
            }
            catch (NativeLibraryUnavailableException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }

            Console.WriteLine("native libraries: ok");
            return 0;
        });
        return command;
    }
}
