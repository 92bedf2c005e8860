using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arcanum.Cli.Accounts;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary>
/// The committee keys the CLI pinned on first use (trust on first use, like SSH's known_hosts), one per coordinator
/// address and chain id, in <c>pins.json</c>: <c>$ARCANUM_LEDGER_PINS</c> when set, otherwise <c>ledger/pins.json</c> next
/// to the accounts directory (<c>~/.arcanum/ledger/pins.json</c>). Written to a temporary file and renamed into place.
/// A file that cannot be read is an error, never an empty list: forgetting pins silently would re-trust anything.
/// </summary>
internal sealed class CommitteePins
{
    /// <summary>The variable that names the file.</summary>
    public const string FileVariable = "ARCANUM_LEDGER_PINS";

    /// <summary>The largest pins file read.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private readonly List<CommitteePin> _pins;

    private CommitteePins(string path, List<CommitteePin> pins)
    {
        Path = path;
        _pins = pins;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary><c>$ARCANUM_LEDGER_PINS</c> when set and not empty, otherwise <c>ledger/pins.json</c> beside the accounts directory.</summary>
    public static string DefaultPath(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (getVariable(FileVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var accounts = System.IO.Path.GetFullPath(AccountBook.DefaultDirectory(getVariable));
        var parent = System.IO.Path.GetDirectoryName(accounts.TrimEnd(System.IO.Path.DirectorySeparatorChar)) ?? accounts;
        return System.IO.Path.Combine(parent, "ledger", "pins.json");
    }

    /// <summary>The pins in <paramref name="path"/> (none when the file does not exist); false with the reason when it cannot be read.</summary>
    public static bool TryLoad(string path, [NotNullWhen(true)] out CommitteePins? pins, [NotNullWhen(false)] out string? error)
    {
        pins = null;
        try
        {
            if (!File.Exists(path))
            {
                pins = new CommitteePins(path, []);
                error = null;
                return true;
            }

            if (new FileInfo(path).Length > MaxFileBytes)
            {
                error = $"{path}: larger than {MaxFileBytes} bytes, not a pins file";
                return false;
            }

            var file = JsonSerializer.Deserialize(File.ReadAllBytes(path), PinsJsonContext.Default.PinsFile);
            if (file is not { Version: PinsFile.CurrentVersion, Pins: { } list } || list.Any(pin => pin is null || pin.Coordinator is null || pin.ChainId is null || pin.CommitteeKey is null))
            {
                error = $"{path}: not a version {PinsFile.CurrentVersion} pins file";
                return false;
            }

            pins = new CommitteePins(path, [.. list]);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            error = $"{path}: cannot be read ({e.Message})";
            return false;
        }
    }

    /// <summary>The key pinned for <paramref name="coordinator"/> and <paramref name="chainId"/> (lower-case hex), or null.</summary>
    public string? Find(Uri coordinator, string chainId)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        var address = coordinator.AbsoluteUri;
        return _pins.FirstOrDefault(pin => pin.Coordinator == address && pin.ChainId == chainId)?.CommitteeKey;
    }

    /// <summary>Pins <paramref name="committeeKey"/> for a coordinator and chain that have no pin yet, and writes the file.</summary>
    /// <exception cref="InvalidOperationException">A pin exists already.</exception>
    public void Add(Uri coordinator, string chainId, string committeeKey)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        if (Find(coordinator, chainId) is not null)
        {
            throw new InvalidOperationException("A pin exists already for this coordinator and chain; pins are never replaced.");
        }

        _pins.Add(new CommitteePin(coordinator.AbsoluteUri, chainId, committeeKey));
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".pins.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(new PinsFile(PinsFile.CurrentVersion, [.. _pins]), PinsJsonContext.Default.PinsFile));
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

/// <summary>The pins file: <c>{"version":1,"pins":[{"coordinator","chainId","committeeKey"}]}</c>.</summary>
internal sealed record PinsFile(int Version, CommitteePin[]? Pins)
{
    public const int CurrentVersion = 1;
}

/// <summary>One pin: the coordinator's base address, the chain id and the committee key (hex) first seen there.</summary>
internal sealed record CommitteePin(string Coordinator, string ChainId, string CommitteeKey);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(PinsFile))]
internal sealed partial class PinsJsonContext : JsonSerializerContext;
