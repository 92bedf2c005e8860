using System.Net;
using System.Text.Json;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>Reads an RFC 9457 problem response and checks its status, type and field.</summary>
internal static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string slug, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal("urn:arcanum:problem:" + slug, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("field", out var actual), $"no field in {body}");
            Assert.Equal(field, actual.GetString());
        }

        return problem;
    }

    /// <summary>Every error problem the API writes has this shape, whatever its status.</summary>
    public static async Task IsWellFormedProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{(int)response.StatusCode} without a problem body: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.StartsWith("urn:arcanum:problem:", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }
}
