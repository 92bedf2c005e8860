namespace Arcanum.Chains.Tron;

/// <summary>An unsigned Tron transaction as TronWeb and the HTTP API give it: the hex of its <c>raw_data</c> protobuf bytes.</summary>
public sealed record TronSignRequest(string? RawDataHex);
