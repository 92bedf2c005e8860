using System.Globalization;
using Arcanum.Client.Contracts;

namespace Arcanum.Cli.Commands;

/// <summary>
/// Follows one key-generation session on the /v1/events stream for the progress display: the first
/// <c>keygen</c> session that starts after the watch began is ours (the key id is not known until the
/// DKG ends); its round and end events become status lines. Events of other sessions are ignored.
/// </summary>
internal sealed class KeygenProgress
{
    /// <summary>The session kind the coordinator names key generation with.</summary>
    public const string KeygenKind = "keygen";

    private string? _session;

    /// <summary>The status line an event moves the display to, or null when the event is not about our DKG.</summary>
    public string? Observe(SessionEvent sessionEvent)
    {
        ArgumentNullException.ThrowIfNull(sessionEvent);
        if (_session is null)
        {
            if (sessionEvent.Type != "session.started" || sessionEvent.Kind != KeygenKind)
            {
                return null;
            }

            _session = sessionEvent.Session;
        }
        else if (sessionEvent.Session != _session)
        {
            return null;
        }

        return sessionEvent.Type switch
        {
            "session.started" => $"DKG session {_session} started",
            "session.round" when sessionEvent.Round is { } round => string.Create(CultureInfo.InvariantCulture, $"DKG session {_session}: round {round}"),
            "session.ended" => $"DKG session {_session} {sessionEvent.Status}",
            _ => null,
        };
    }
}
