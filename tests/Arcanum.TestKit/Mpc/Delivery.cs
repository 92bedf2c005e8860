using Arcanum.Mpc.Protocol;

namespace Arcanum.TestKit.Mpc;

/// <summary>One message on its way to one recipient (a broadcast becomes one delivery per recipient).</summary>
public sealed record Delivery(PartyId Recipient, ProtocolMessage Message);
