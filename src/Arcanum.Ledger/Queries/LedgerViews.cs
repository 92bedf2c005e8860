namespace Arcanum.Ledger.Queries;

// The answers of the module queries (docs/ledger.md, "API"): plain values — accounts in bech32 (arc1…), keys and
// envelopes in lower-case hex, times in Unix milliseconds — so the API serializes them as they are and a client that
// verified a proof recomputes the same record from the proven state (LedgerQueries over a ProvenStateView).

/// <summary>accounts: an account's balance and the nonce its next transaction must carry.</summary>
public sealed record AccountView(string Account, ulong Balance, ulong NextNonce);

/// <summary>keystore: an account's current keys (absent until registered) and its rotation history, oldest first.</summary>
public sealed record KeystoreView(string Account, bool Registered, uint Version, string? EncryptionKey, string? SigningKey, ulong? Height,
    IReadOnlyList<KeyRotationView> History);

/// <summary>One entry of the rotation log: the encryption key of a version and the block that set it.</summary>
public sealed record KeyRotationView(uint Version, string EncryptionKey, ulong Height);

/// <summary>access: a resource (absent until registered) and every account holding a grant on it (active or not).</summary>
public sealed record ResourceView(string ResourceId, bool Registered, string? Owner, string? PrivacyLevel, ulong? Height, IReadOnlyList<string> Grantees);

/// <summary>access: whether <c>Account</c> may use <c>ResourceId</c> at <c>AtTime</c> (the block time of the answer), and its grant.</summary>
public sealed record AccessCheckView(string ResourceId, string Account, ulong AtTime, bool Allowed, bool IsOwner, GrantView? Grant);

/// <summary>A grant as stored: admin (may grant further), optional expiry, who granted it, in which block.</summary>
public sealed record GrantView(bool Admin, ulong? Expiry, string GrantedBy, ulong Height);

/// <summary>messages: a page of envelopes to an account (<c>Target</c> = arc1…) or a group (<c>Target</c> = group:resource).</summary>
public sealed record MessagesView(string Target, ulong LastSequence, IReadOnlyList<MessageView> Messages);

/// <summary>One stored envelope (hex of the envelope bytes the client decrypts).</summary>
public sealed record MessageView(string Sender, ulong Sequence, ulong Height, ulong Time, string Envelope);
