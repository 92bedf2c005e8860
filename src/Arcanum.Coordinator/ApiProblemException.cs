namespace Arcanum.Coordinator;

/// <summary>
/// An error the API reports as an RFC 9457 problem detail: <see cref="Status"/>, a stable type
/// <c>urn:arcanum:problem:{Slug}</c>, a title, the detail, and the request field at fault (if any).
/// Thrown by validation and by session orchestration (for example 503 when too few nodes are connected).
/// </summary>
public sealed class ApiProblemException(int status, string slug, string title, string detail, string? field = null, string? session = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Slug { get; } = slug;

    public string Title { get; } = title;

    public string? Field { get; } = field;

    /// <summary>The session the failure happened in, when there was one.</summary>
    public string? Session { get; } = session;
}
