using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>Transport-level errors: size, content type, syntax, unknown routes and methods — all problems, none reaching the cluster.</summary>
public sealed class ErrorHandlingTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Post_BodyOverLimitByContentLength_Returns413()
    {
        var body = $$"""{"name":"{{new string('a', ApiServer.MaxBodyBytes)}}"}""";

        using var response = await _server.Client.PostAsync("/v1/keys", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large", "body");
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_Returns413()
    {
        using var content = new ChunkedContent(Encoding.UTF8.GetBytes($$"""{"message":"{{new string('0', 2 * ApiServer.MaxBodyBytes)}}"}"""));

        using var response = await _server.Client.PostAsync("/v1/keys/key-ed25519/sign", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large", "body");
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task Post_ChunkedBodyWithinLimit_IsRead()
    {
        using var content = new ChunkedContent("""{"message":"00"}"""u8.ToArray());

        using var response = await _server.Client.PostAsync("/v1/keys/key-ed25519/sign", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Post_NotJson_Returns415(string? mediaType)
    {
        using var content = new ByteArrayContent("""{"threshold":2,"parties":2}"""u8.ToArray());
        content.Headers.ContentType = mediaType is null ? null : new MediaTypeHeaderValue(mediaType);

        using var response = await _server.Client.PostAsync("/v1/keys/key-ed25519/reshare", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "body");
        Assert.Empty(_server.Operations.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"name":"k",}""")]
    [InlineData("""{"name":"k" /* comment */}""")]
    [InlineData("""{"name":'k'}""")]
    [InlineData("""{"name":"k"} trailing""")]
    [InlineData("""{"name":[[[[[[[[[[["deep"]]]]]]]]]]]}""")]
    [InlineData("\uFEFF{")]
    public async Task Post_MalformedJson_Returns400NamingBody(string body)
    {
        using var response = await _server.Client.PostAsync("/v1/keys", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json", "body");
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task Post_InvalidUtf8InString_Returns400NamingTheProperty()
    {
        using var content = new ByteArrayContent([.. "{\"name\":\""u8, 0xC3, 0x28, .. "\",\"scheme\":\"frost-ed25519\",\"threshold\":2}"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _server.Client.PostAsync("/v1/keys", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", "name");
        Assert.Empty(_server.Operations.Calls);
    }

    [Theory]
    [InlineData("/v1/nothing-here")]
    [InlineData("/v1/keys/a/b/c")]
    [InlineData("/")]
    [InlineData("/v2/keys")]
    public async Task Get_UnknownRoute_Returns404Problem(string path)
    {
        using var response = await _server.Client.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("PUT", "/v1/keys")]
    [InlineData("PATCH", "/v1/keys/key-ed25519")]
    [InlineData("DELETE", "/v1/sys/health")]
    [InlineData("GET", "/v1/keys/key-ed25519/sign")]
    public async Task Request_WrongMethod_Returns405Problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await _server.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.DoesNotContain(method, response.Content.Headers.Allow);
        Assert.NotEmpty(response.Content.Headers.Allow);
        Assert.Empty(_server.Operations.Calls);
    }

    /// <summary>Content without a length, so HttpClient sends it chunked.</summary>
    internal sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
