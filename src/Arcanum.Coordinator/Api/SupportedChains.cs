namespace Arcanum.Coordinator.Api;

/// <summary>The chain names the address and transaction routes take.</summary>
internal static class SupportedChains
{
    /// <summary>Every chain name, for error messages.</summary>
    public const string Names = "bitcoin, bitcoin-testnet, bitcoin-signet, bitcoin-regtest, litecoin, ethereum, solana, cosmos, tron";
}
