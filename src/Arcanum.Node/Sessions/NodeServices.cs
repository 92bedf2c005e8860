using System.Security.Cryptography;
using Arcanum.Mpc.Protocol;
using Arcanum.Node.Ledger;
using Arcanum.Node.Vault;

namespace Arcanum.Node.Sessions;

/// <summary>
/// What a protocol run may use on this node: its party id, its vault and consumption ledger, randomness, and its copy
/// of the privacy ledger (<paramref name="Chain"/>; null when the node keeps none).
/// </summary>
public sealed record NodeServices(PartyId Self, ShareVault Vault, ConsumptionLedger Ledger, RandomNumberGenerator Rng, LedgerReplica? Chain = null);
