using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// The API's RFC 9457 problem details. Every problem has <c>type</c> =
/// <c>urn:arcanum:problem:{slug}</c> (a stable identifier, §3.1.1), a title, the status, a detail,
/// and a <c>field</c> extension (§3.2) naming the request field at fault when there is one.
/// Problems the framework produces itself (unknown route, wrong method) are brought to the same
/// shape by <see cref="Normalize"/>.
/// </summary>
internal static class ApiProblems
{
    public const string TypePrefix = "urn:arcanum:problem:";

    public const string FieldExtension = "field";

    public const string SessionExtension = "session";

    /// <summary>A problem with a single (or no) offending field.</summary>
    public static ProblemHttpResult Create(int status, string slug, string title, string detail, string? field = null, string? session = null)
    {
        var problem = new ProblemDetails { Status = status, Type = TypePrefix + slug, Title = title, Detail = detail };
        AddExtensions(problem, field, session);
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// 400 listing every invalid field together (CONVENTIONS 16): <c>errors</c> maps each field to
    /// its reasons; <c>field</c> names the first.
    /// </summary>
    public static ProblemHttpResult Invalid(FieldErrors errors)
    {
        var problem = new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Type = TypePrefix + "invalid-request",
            Title = "The request is not valid",
            Detail = errors.Summary(),
        };
        AddExtensions(problem, errors.FirstField, session: null);
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult From(ApiProblemException exception) =>
        Create(exception.Status, exception.Slug, exception.Title, exception.Message, exception.Field, exception.Session);

    /// <summary>The standard problem for an HTTP status (slug, title and detail of <see cref="ForStatus"/>).</summary>
    public static ProblemHttpResult FromStatus(int status, string? field = null)
    {
        var (slug, title, detail) = ForStatus(status);
        return Create(status, slug, title, detail, field);
    }

    public static ProblemHttpResult BodyTooLarge(int maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Request body too large", $"the body is larger than {maxBytes} bytes", "body");

    public static ProblemHttpResult UnknownKey(string keyId) =>
        Create(StatusCodes.Status404NotFound, "unknown-key", "Unknown key", $"no live key has id \"{Truncate(keyId)}\"", "id");

    /// <summary>
    /// Runs on every problem written. Gives a problem the framework wrote (status code pages;
    /// routing's 415 for a route that declares <c>Accepts</c>) the API's shape; size and
    /// media-type problems name the body; a 413 closes the connection.
    /// </summary>
    public static void Normalize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Type is null || !problem.Type.StartsWith(TypePrefix, StringComparison.Ordinal))
        {
            var (slug, title, detail) = ForStatus(status);
            problem.Type = TypePrefix + slug;
            problem.Title = title;
            problem.Detail ??= detail;
        }

        problem.Detail ??= problem.Title;
        if (status is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType)
        {
            problem.Extensions.TryAdd(FieldExtension, "body");
        }

        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            // The unread rest of the body would have to be drained past the limit before the
            // connection could serve another request; close it instead (RFC 9110 §15.5.14).
            context.HttpContext.Response.Headers.Connection = "close";
        }
    }

    /// <summary>Echoes client text in a detail without letting it grow the response unboundedly.</summary>
    public static string Truncate(string text, int maxLength = 80) => text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "…");

    private static (string Slug, string Title, string Detail) ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("bad-request", "Bad request", "the request could not be read"),
        StatusCodes.Status401Unauthorized => ("unauthorized", "Authentication required", "this route needs an Authorization: Bearer token"),
        StatusCodes.Status403Forbidden => ("forbidden", "Forbidden", "the token may not use this route"),
        StatusCodes.Status404NotFound => ("not-found", "Not found", "no route matches this path"),
        StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", "Method not allowed", "this route does not accept that method"),
        StatusCodes.Status408RequestTimeout => ("request-timeout", "Request timeout", "the request body did not arrive in time"),
        StatusCodes.Status413PayloadTooLarge => ("body-too-large", "Request body too large", "the request body is larger than the limit"),
        StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type", "Unsupported media type", "the body must be sent with Content-Type: application/json"),
        StatusCodes.Status431RequestHeaderFieldsTooLarge => ("headers-too-large", "Request headers too large", "the request headers are larger than the limit"),
        StatusCodes.Status503ServiceUnavailable => ("unavailable", "Service unavailable", "the service cannot answer now"),
        >= 500 => ("internal", "Internal error", "the coordinator failed to process the request"),
        _ => ("http-" + status, "HTTP " + status, "HTTP status " + status),
    };

    private static void AddExtensions(ProblemDetails problem, string? field, string? session)
    {
        if (field is not null)
        {
            problem.Extensions[FieldExtension] = field;
        }

        if (session is not null)
        {
            problem.Extensions[SessionExtension] = session;
        }
    }
}
