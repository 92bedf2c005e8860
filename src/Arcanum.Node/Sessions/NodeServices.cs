using System.Security.Cryptography;
using Arcanum.Mpc.Protocol;
using Arcanum.Node.Vault;

namespace Arcanum.Node.Sessions;

/// <summary>What a protocol run may use on this node: its party id, its vault and ledger, and randomness.</summary>
public sealed record NodeServices(PartyId Self, ShareVault Vault, ConsumptionLedger Ledger, RandomNumberGenerator Rng);
