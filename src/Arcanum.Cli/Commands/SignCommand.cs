using System.CommandLine;
using System.Globalization;
using Arcanum.Client.Contracts;

namespace Arcanum.Cli.Commands;

/// <summary>
/// <c>arcanum sign --key ID (--message HEX | --digest HEX) [--path m/0/1]</c>: one threshold signature.
/// The arguments are checked before any request: exactly one of --message and --digest, hex of even
/// length, a digest of exactly 32 bytes.
/// </summary>
internal static class SignCommand
{
    private const int DigestBytes = 32;

    public static Command Create(ClientEnvironment environment)
    {
        var key = new Option<string>("--key") { Description = "The key id.", Required = true };
        var message = new Option<string?>("--message") { Description = "Message to sign, hex (frost-ed25519, frost-secp256k1)." };
        var digest = new Option<string?>("--digest") { Description = "32-byte digest to sign, hex (ecdsa-secp256k1, frost-taproot)." };
        var path = new Option<string?>("--path") { Description = "Non-hardened derivation path, for example m/0/1: sign with the derived child key." };
        var command = new Command("sign", "Sign a message or digest with a threshold key.") { key, message, digest, path };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var request = BuildRequest(invocation.ParseResult.GetValue(message), invocation.ParseResult.GetValue(digest), invocation.ParseResult.GetValue(path));
            var response = await invocation.Client.SignAsync(invocation.ParseResult.GetRequiredValue(key), request, cancellationToken).ConfigureAwait(false);
            Write(invocation.Output, response);
            return ClientAction.Success;
        });
        return command;
    }

    /// <summary>The request body, or a <see cref="UsageException"/> naming the flag at fault.</summary>
    internal static SignRequest BuildRequest(string? message, string? digest, string? path)
    {
        if ((message is null) == (digest is null))
        {
            throw new UsageException("Pass exactly one of --message (hex message) and --digest (32-byte hex digest).");
        }

        if (path is not null && string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException("--path is empty; give a derivation path such as m/0/1 or leave it out.");
        }

        if (message is not null)
        {
            return new SignRequest(Message: NormalizeHex(message, "--message"), Path: path);
        }

        var hex = NormalizeHex(digest!, "--digest");
        if (hex.Length != 2 * DigestBytes)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--digest must be exactly {DigestBytes} bytes ({2 * DigestBytes} hex digits); got {hex.Length / 2} bytes."));
        }

        return new SignRequest(Digest: hex, Path: path);
    }

    /// <summary>Lower-case hex without an optional 0x prefix; odd length or a non-hex character is a usage error.</summary>
    private static string NormalizeHex(string value, string flag)
    {
        var hex = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;
        if (hex.Length % 2 != 0)
        {
            throw new UsageException($"{flag} has an odd number of hex digits ({hex.Length}); each byte takes two.");
        }

        var bad = hex.AsSpan().IndexOfAnyExcept("0123456789abcdefABCDEF");
        if (bad >= 0)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{flag} is not hex: character {bad + 1} is '{hex[bad]}'."));
        }

        return hex.ToLowerInvariant();
    }

    private static void Write(CommandOutput output, SignResponse response)
    {
        if (output.Json)
        {
            output.WriteJson(response, ApiJsonContext.Default.SignResponse);
            return;
        }

        var fields = new List<(string, string)> { ("signature", response.Signature), ("public key", response.PublicKey), ("session", response.Session) };
        if (response.R is not null)
        {
            fields.Add(("r", response.R));
        }

        if (response.S is not null)
        {
            fields.Add(("s", response.S));
        }

        if (response.RecoveryId is { } recoveryId)
        {
            fields.Add(("recovery id", recoveryId.ToString(CultureInfo.InvariantCulture)));
        }

        if (response.Der is not null)
        {
            fields.Add(("der", response.Der));
        }

        output.WriteFields(fields);
    }
}
