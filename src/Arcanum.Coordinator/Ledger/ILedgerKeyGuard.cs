namespace Arcanum.Coordinator.Ledger;

/// <summary>
/// Tells the key API which key is the ledger committee's (docs/ledger.md, "Sequencer"): that key signs only block
/// headers the nodes re-executed, so signing, resharing or destroying it through /v1/keys answers 409 ledger-key.
/// </summary>
internal interface ILedgerKeyGuard
{
    /// <summary>True when <paramref name="keyId"/> is the bound committee key.</summary>
    bool IsLedgerKey(string keyId);
}
