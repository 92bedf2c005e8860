using Microsoft.AspNetCore.Http;

namespace Arcanum.Coordinator.Api;

/// <summary>Reads a request body into memory, refusing (null) as soon as it exceeds the limit.</summary>
internal static class RequestBodyBytes
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (a declared length was checked by <see cref="RequestSizeGate"/>).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
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
