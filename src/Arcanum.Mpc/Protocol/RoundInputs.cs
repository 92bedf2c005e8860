namespace Arcanum.Mpc.Protocol;

/// <summary>What a round waits for from every other party.</summary>
[Flags]
public enum RoundInputs
{
    /// <summary>One broadcast message from each other party.</summary>
    Broadcast = 1,

    /// <summary>One unicast message from each other party, addressed to this party.</summary>
    Unicast = 2,

    BroadcastAndUnicast = Broadcast | Unicast,
}
