using Microsoft.AspNetCore.Http;

namespace Arcanum.Coordinator.Api;

/// <summary>Reads a request body into memory, refusing (null) as soon as it exceeds the limit.</summary>
internal static class RequestBodyBytes
{
    /// <summary>The body, or null when it is (or announces itself as) larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
