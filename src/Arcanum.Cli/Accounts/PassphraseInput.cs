using System.Security.Cryptography;
using Arcanum.Cli.Commands;

namespace Arcanum.Cli.Accounts;

/// <summary>
/// Where an account passphrase comes from: <c>ARCANUM_PASSPHRASE</c> (for scripts; a .NET string, which cannot
/// be zeroed, so prefer the prompt where a person is present), otherwise a prompt on the terminal that does not
/// echo. With neither, a usage error. The passphrase is returned as UTF-8 in a pinned array the caller zeroes.
/// </summary>
internal static class PassphraseInput
{
    public const string Variable = "ARCANUM_PASSPHRASE";

    /// <summary>Longest passphrase accepted from the prompt, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>
    /// The passphrase; <paramref name="confirm"/> asks twice at the prompt (for a new account) and requires the
    /// answers to match. Throws <see cref="UsageException"/> when there is no passphrase to be had, it is empty,
    /// or the two answers differ.
    /// </summary>
    public static byte[] Read(ClientEnvironment environment, TextWriter prompt, bool confirm)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(prompt);
        if (environment.GetVariable(Variable) is { } fromEnvironment)
        {
            return fromEnvironment.Length > 0
                ? ToPinnedUtf8(fromEnvironment)
                : throw new UsageException($"${Variable} is empty; an account passphrase cannot be empty.");
        }

        if (!ReferenceEquals(environment.Input, Console.In) || Console.IsInputRedirected)
        {
            throw new UsageException($"No passphrase: set ${Variable} or run on a terminal to be asked for it.");
        }

        var passphrase = Prompt(prompt, "Passphrase: ");
        if (!confirm)
        {
            return passphrase;
        }

        var again = Prompt(prompt, "Passphrase again: ");
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(passphrase, again))
            {
                CryptographicOperations.ZeroMemory(passphrase);
                throw new UsageException("The two passphrases differ; nothing was written.");
            }

            return passphrase;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(again);
        }
    }

    /// <summary>Reads one line from the terminal without echo (Backspace edits); the characters are zeroed after encoding.</summary>
    private static byte[] Prompt(TextWriter prompt, string question)
    {
        prompt.Write(question);
        prompt.Flush();
        var characters = GC.AllocateArray<char>(MaxLength, pinned: true);
        var length = 0;
        try
        {
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    length = Math.Max(0, length - 1);
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    if (length == MaxLength)
                    {
                        throw new UsageException($"The passphrase is longer than {MaxLength} characters.");
                    }

                    characters[length++] = key.KeyChar;
                }
            }

            prompt.WriteLine();
            return length > 0 ? ToPinnedUtf8(characters.AsSpan(0, length)) : throw new UsageException("An account passphrase cannot be empty.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(characters.AsSpan()));
        }
    }

    private static byte[] ToPinnedUtf8(ReadOnlySpan<char> text)
    {
        var bytes = GC.AllocateArray<byte>(System.Text.Encoding.UTF8.GetByteCount(text), pinned: true);
        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
