namespace Arcanum.Node.Sessions;

/// <summary>Placeholder: the registry of session protocols.</summary>
public static class SessionProtocols;
