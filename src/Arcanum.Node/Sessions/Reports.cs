using Arcanum.Mpc.Protocol;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>The report outcomes a run returns (the node's link fills in the session id and sender).</summary>
internal static class Reports
{
    public static SessionReport Key(KeyResult key) => new() { Key = key };

    public static SessionReport Signature(SignatureResult signature) => new() { Signature = signature };

    public static SessionReport Destroyed(int sharesRemoved) => new() { Destroyed = new KeyDestroyed { SharesRemoved = (uint)sharesRemoved } };

    public static SessionReport Aborted(string reason, IEnumerable<PartyId> culprits)
    {
        var aborted = new SessionAborted { Reason = reason };
        aborted.Culprits.AddRange(culprits.Select(c => (uint)c.Value));
        return new SessionReport { Aborted = aborted };
    }
}
