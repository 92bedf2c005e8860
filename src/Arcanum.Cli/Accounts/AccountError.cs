namespace Arcanum.Cli.Accounts;

/// <summary>Why an <see cref="AccountBook"/> operation did not happen; <see cref="Message"/> is a sentence for the user.</summary>
internal sealed record AccountError(AccountProblem Problem, string Message);

/// <summary>The kinds of expected failure of <see cref="AccountBook"/>.</summary>
internal enum AccountProblem
{
    /// <summary>The name breaks <see cref="AccountName.Rule"/>, or a recipient is neither a name nor an account id.</summary>
    InvalidName,

    /// <summary>No account file has this name.</summary>
    NotFound,

    /// <summary>An account with this name exists already.</summary>
    AlreadyExists,

    /// <summary>The file did not authenticate: a wrong passphrase, or the file was altered.</summary>
    WrongPassphrase,

    /// <summary>The file is unreadable, malformed, too large or inconsistent.</summary>
    Corrupt,
}
