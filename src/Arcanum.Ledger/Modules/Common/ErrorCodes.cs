namespace Arcanum.Ledger.Modules.Common;

/// <summary>
/// The stable reasons a transaction is rejected. They are part of the API and of the committed block
/// outcome (eventsRoot), so a code is never renamed or reused; new codes may be added.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The transaction names another chain.</summary>
    public const string WrongChain = "wrong_chain";

    /// <summary>The signature does not verify under the sender's key.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>The nonce is below the sender's next nonce: a replay.</summary>
    public const string NonceReplayed = "nonce_replayed";

    /// <summary>The nonce is above the sender's next nonce: an earlier one is missing.</summary>
    public const string NonceSkipped = "nonce_skipped";

    /// <summary>No module of that name.</summary>
    public const string UnknownModule = "unknown_module";

    /// <summary>The module has no call of that name.</summary>
    public const string UnknownCall = "unknown_call";

    /// <summary>The arguments do not decode as the call's canonical arguments.</summary>
    public const string MalformedArgs = "malformed_args";

    /// <summary>accounts: the amount is zero.</summary>
    public const string ZeroAmount = "zero_amount";

    /// <summary>accounts: sender and recipient are the same account.</summary>
    public const string SelfTransfer = "self_transfer";

    /// <summary>accounts: the sender's balance is below the amount.</summary>
    public const string InsufficientBalance = "insufficient_balance";

    /// <summary>accounts: the recipient's balance would exceed 2^64 − 1.</summary>
    public const string BalanceOverflow = "balance_overflow";

    /// <summary>keystore: the account already registered its keys.</summary>
    public const string KeyAlreadyRegistered = "key_already_registered";

    /// <summary>keystore/messages: the account has no registered keys.</summary>
    public const string KeyNotRegistered = "key_not_registered";

    /// <summary>keystore: the new encryption key equals the current one.</summary>
    public const string KeyUnchanged = "key_unchanged";

    /// <summary>access: a resource of that id exists already.</summary>
    public const string ResourceExists = "resource_exists";

    /// <summary>access/messages: no resource of that id.</summary>
    public const string ResourceNotFound = "resource_not_found";

    /// <summary>access: the sender is neither the owner nor holds an active admin grant (or the change needs the owner).</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>access: the owner cannot be a grantee of its own resource.</summary>
    public const string GranteeIsOwner = "grantee_is_owner";

    /// <summary>access: the expiry is not after the block time.</summary>
    public const string ExpiryInPast = "expiry_in_past";

    /// <summary>access: no grant for that grantee.</summary>
    public const string GrantNotFound = "grant_not_found";

    /// <summary>access: the resource would have more grantees than allowed.</summary>
    public const string TooManyGrantees = "too_many_grantees";

    /// <summary>messages: the sender holds no active access to the group resource.</summary>
    public const string AccessDenied = "access_denied";
}
