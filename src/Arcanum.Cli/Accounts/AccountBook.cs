using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Ledger.Accounts;
using Arcanum.Node.Vault;
using Arcanum.Transport;

namespace Arcanum.Cli.Accounts;

/// <summary>
/// The local accounts: one <see cref="AccountFile"/> per account, <c>NAME.json</c> in <see cref="Directory"/>
/// (created 0700 when missing; files 0600, written to a temporary file and renamed into place). Public data
/// needs no passphrase; the keys do. Expected failures are returned as <see cref="AccountError"/> values.
/// </summary>
/// <param name="directory">Where the account files live (<see cref="DefaultDirectory"/> for the CLI).</param>
/// <param name="rng">Source of keys, salts and nonces.</param>
/// <param name="opsLimit">Argon2id passes for files this book writes.</param>
/// <param name="memoryLimitBytes">Argon2id memory for files this book writes.</param>
internal sealed class AccountBook(string directory, RandomNumberGenerator rng,
    ulong opsLimit = PassphraseParameters.DefaultOpsLimit, ulong memoryLimitBytes = PassphraseParameters.DefaultMemoryLimitBytes)
{
    /// <summary>The variable that overrides the directory.</summary>
    public const string DirectoryVariable = "ARCANUM_ACCOUNTS_DIR";

    private const string Extension = ".json";

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string Directory { get; } = directory;

    /// <summary><c>$ARCANUM_ACCOUNTS_DIR</c> when set and not empty, otherwise <c>~/.arcanum/accounts</c>.</summary>
    public static string DefaultDirectory(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return getVariable(DirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".arcanum", "accounts");
    }

    /// <summary>Generates the keys of a new account <paramref name="name"/> and writes its file; the name must be free.</summary>
    public bool TryCreate(string name, ReadOnlySpan<byte> passphrase, [NotNullWhen(true)] out AccountSummary? account, [NotNullWhen(false)] out AccountError? error)
    {
        account = null;
        if (!TryCheckName(name, out error))
        {
            return false;
        }

        if (File.Exists(PathOf(name)))
        {
            error = Exists(name);
            return false;
        }

        using var secrets = AccountSecrets.Generate(rng);
        var file = AccountFile.Seal(name, secrets, passphrase, opsLimit, memoryLimitBytes, rng);
        if (!TryWrite(file, replace: false))
        {
            error = Exists(name);
            return false;
        }

        account = Summarize(file);
        return true;
    }

    /// <summary>The public data of <paramref name="name"/>; no passphrase needed, and none of it authenticated until the file is opened.</summary>
    public bool TryFind(string name, [NotNullWhen(true)] out AccountSummary? account, [NotNullWhen(false)] out AccountError? error)
    {
        account = TryCheckName(name, out error) && TryRead(name, out var file, out error) ? Summarize(file) : null;
        return account is not null;
    }

    /// <summary>Every readable account in name order, and one error for each file that could not be read.</summary>
    public (IReadOnlyList<AccountSummary> Accounts, IReadOnlyList<AccountError> Unreadable) List()
    {
        var accounts = new List<AccountSummary>();
        var unreadable = new List<AccountError>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return (accounts, unreadable);
        }

        var names = System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!AccountName.IsValid(name))
            {
                unreadable.Add(new AccountError(AccountProblem.Corrupt, $"{name}{Extension}: not an account file name ({AccountName.Rule})."));
            }
            else if (TryRead(name, out var file, out var error))
            {
                accounts.Add(Summarize(file));
            }
            else
            {
                unreadable.Add(error);
            }
        }

        return (accounts, unreadable);
    }

    /// <summary>Opens <paramref name="name"/> with <paramref name="passphrase"/>: its signing key and every encryption key.</summary>
    public bool TryUnlock(string name, ReadOnlySpan<byte> passphrase, [NotNullWhen(true)] out UnlockedAccount? account, [NotNullWhen(false)] out AccountError? error)
    {
        account = null;
        if (!TryCheckName(name, out error) || !TryRead(name, out var file, out error) || !TryOpen(file, passphrase, out var secrets, out error))
        {
            return false;
        }

        using (secrets)
        {
            account = UnlockedAccount.From(name, secrets);
        }

        return true;
    }

    /// <summary>
    /// Adds encryption key version n + 1 to <paramref name="name"/> (the older keys stay) and rewrites the file
    /// with a fresh salt and nonce; the keystore's <c>rotate_key</c> then publishes the new public key.
    /// </summary>
    public bool TryAddEncryptionKey(string name, ReadOnlySpan<byte> passphrase, [NotNullWhen(true)] out AccountSummary? account, [NotNullWhen(false)] out AccountError? error)
    {
        account = null;
        if (!TryCheckName(name, out error) || !TryRead(name, out var file, out error) || !TryOpen(file, passphrase, out var secrets, out error))
        {
            return false;
        }

        using (secrets)
        {
            if (secrets.EncryptionKeyCount >= AccountFile.MaxEncryptionKeys)
            {
                error = new AccountError(AccountProblem.Corrupt, $"Account {name} has {AccountFile.MaxEncryptionKeys} encryption keys, the most a file holds.");
                return false;
            }

            using var rotated = secrets.WithNewEncryptionKey(rng);
            var updated = AccountFile.Seal(name, rotated, passphrase, opsLimit, memoryLimitBytes, rng);
            _ = TryWrite(updated, replace: true); // replacing never finds the name taken
            account = Summarize(updated);
            return true;
        }
    }

    /// <summary>
    /// The account a recipient argument means: an account id (<c>arc1…</c> or 64 hex digits) as given, otherwise
    /// the id of the local account of that name. Names never look like ids (<see cref="AccountName"/>), so this is unambiguous.
    /// </summary>
    public bool TryResolveRecipient(string nameOrId, [NotNullWhen(true)] out AccountId? id, [NotNullWhen(false)] out AccountError? error)
    {
        id = null;
        error = null;
        if (AccountId.TryParse(nameOrId, out id))
        {
            return true;
        }

        if (!AccountName.IsValid(nameOrId))
        {
            error = new AccountError(AccountProblem.InvalidName, $"'{nameOrId}' is neither an account id (arc1… or 64 hex digits) nor an account name ({AccountName.Rule}).");
            return false;
        }

        id = TryFind(nameOrId, out var account, out error) ? account.Id : null;
        return id is not null;
    }

    private string PathOf(string name) => Path.Combine(Directory, name + Extension);

    private static bool TryCheckName(string name, [NotNullWhen(false)] out AccountError? error)
    {
        error = AccountName.IsValid(name) ? null : new AccountError(AccountProblem.InvalidName, $"Invalid account name '{name}': {AccountName.Rule}.");
        return error is null;
    }

    private static AccountError Exists(string name) => new(AccountProblem.AlreadyExists, $"An account named {name} exists already.");

    private AccountSummary Summarize(AccountFile file) => new(file.Name, file.Id, file.EncryptionKeys, PathOf(file.Name));

    /// <summary>Reads and parses <c>NAME.json</c>, bounded before reading; the name inside must be the file's.</summary>
    private bool TryRead(string name, [NotNullWhen(true)] out AccountFile? file, [NotNullWhen(false)] out AccountError? error)
    {
        file = null;
        var path = PathOf(name);
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                error = new AccountError(AccountProblem.NotFound, $"No account named {name} in {Directory}.");
                return false;
            }

            if (new FileInfo(path).Length > AccountFile.MaxFileBytes)
            {
                error = new AccountError(AccountProblem.Corrupt, $"{path}: larger than {AccountFile.MaxFileBytes} bytes, not an account file.");
                return false;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = new AccountError(AccountProblem.Corrupt, $"{path}: cannot be read ({e.Message}).");
            return false;
        }

        if (!AccountFile.TryParse(bytes, out file, out var problem))
        {
            error = new AccountError(AccountProblem.Corrupt, $"{path}: {problem}.");
            return false;
        }

        if (file.Name != name)
        {
            error = new AccountError(AccountProblem.Corrupt, $"{path}: the file names account '{file.Name}', not '{name}'.");
            file = null;
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryOpen(AccountFile file, ReadOnlySpan<byte> passphrase, [NotNullWhen(true)] out AccountSecrets? secrets, [NotNullWhen(false)] out AccountError? error)
    {
        error = file.TryOpen(passphrase, out secrets) switch
        {
            AccountOpenResult.Opened => null,
            AccountOpenResult.WrongPassphrase => new AccountError(AccountProblem.WrongPassphrase,
                $"Cannot open account {file.Name}: wrong passphrase, or the file was altered."),
            _ => new AccountError(AccountProblem.Corrupt, $"Account {file.Name}: the sealed keys do not match the public data in the file."),
        };
        return error is null;
    }

    /// <summary>
    /// Writes the file 0600 to a temporary name in the same directory (via <see cref="SecretFiles"/>, flushed to disk)
    /// and renames it into place; false when <paramref name="replace"/> is off and the name was taken meanwhile.
    /// </summary>
    private bool TryWrite(AccountFile file, bool replace)
    {
        EnsureDirectory();
        var path = PathOf(file.Name);
        var temporary = Path.Combine(Directory, $".{file.Name}{Extension}.{Guid.NewGuid():N}.tmp");
        try
        {
            SecretFiles.CreateNew(temporary, file.ToJson());
            File.Move(temporary, path, overwrite: replace);
            return true;
        }
        catch (IOException) when (!replace && File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private void EnsureDirectory()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyDirectory);
        }
    }
}
