using System.Globalization;
using Arcanum.Client.Contracts;

namespace Arcanum.Client;

/// <summary>
/// The coordinator answered with a non-success status. <see cref="Problem"/> is its RFC 9457 problem
/// details body (RFC 9457 §3); when the response carried none, a stand-in built from the status line.
/// The message reads "title: detail (field: name)" so that printing it tells the user what to fix.
/// </summary>
public sealed class ArcanumApiException : Exception
{
    public ArcanumApiException(int status, ProblemDetailsBody problem)
        : base(Describe(status, problem))
    {
        ArgumentNullException.ThrowIfNull(problem);
        Status = status;
        Problem = problem;
    }

    /// <summary>The HTTP status code of the response.</summary>
    public int Status { get; }

    /// <summary>The problem details the coordinator sent (type, title, status, detail, field).</summary>
    public ProblemDetailsBody Problem { get; }

    private static string Describe(int status, ProblemDetailsBody problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var title = string.IsNullOrWhiteSpace(problem.Title)
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP {status}")
            : problem.Title;
        var message = string.IsNullOrWhiteSpace(problem.Detail) ? title : $"{title}: {problem.Detail}";
        return string.IsNullOrWhiteSpace(problem.Field) ? message : $"{message} (field: {problem.Field})";
    }
}
