namespace Arcanum.Chains.Cosmos;

/// <summary>
/// An unsigned SIGN_MODE_DIRECT transaction as cosmjs' <c>SignDoc</c> hands it over: body and auth-info bytes
/// in Base64, the chain id, and the account number as a decimal string.
/// </summary>
public sealed record CosmosSignRequest(string? BodyBytes, string? AuthInfoBytes, string? ChainId, string? AccountNumber);
