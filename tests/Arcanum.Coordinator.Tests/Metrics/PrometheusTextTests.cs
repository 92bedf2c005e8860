namespace Arcanum.Coordinator.Tests.Metrics;

/// <summary>The test parser accepts the format and refuses every malformed input with an error naming the line.</summary>
public sealed class PrometheusTextTests
{
    private const string Valid =
        "# HELP req_total Requests with \\\\ and\\nnewline.\n" +
        "# TYPE req_total counter\n" +
        "req_total{path=\"a\\\"b\\\\c\\nd\",code=\"200\"} 3\n" +
        "req_total{path=\"x\",code=\"500\",} 1 1700000000000\n" +
        "# a comment\n" +
        "# TYPE lat histogram\n" +
        "lat_bucket{le=\"0.1\"} 1\n" +
        "lat_bucket{le=\"1\"} 2\n" +
        "lat_bucket{le=\"+Inf\"} 3\n" +
        "lat_sum 4.5\n" +
        "lat_count 3\n" +
        "up 1\n";

    [Fact]
    public void TryParse_ValidExposition_ReadsFamiliesLabelsAndEscapes()
    {
        Assert.True(PrometheusText.TryParse(Valid, out var document, out var errors), string.Join("; ", errors));

        Assert.Equal(["lat", "req_total", "up"], document.Families.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Requests with \\ and\nnewline.", document.Families["req_total"].Help);
        Assert.Equal("counter", document.Families["req_total"].Type);
        Assert.Equal(3, document.Value("req_total", ("path", "a\"b\\c\nd"), ("code", "200")));
        Assert.Equal(1, document.Value("req_total", ("path", "x"), ("code", "500")));
        Assert.Equal(5, document.Families["lat"].Samples.Count);
        Assert.Equal(4.5, document.Value("lat_sum"));
        Assert.Equal("untyped", document.Families["up"].Type);
    }

    [Theory]
    [InlineData("m 1", "line feed")]
    [InlineData("m 1\r\n", "carriage return")]
    [InlineData("1m 1\n", "not a metric name")]
    [InlineData("m{a=\"1\" 1\n", "expected ','")]
    [InlineData("m{a=\"1} 1\n", "not terminated")]
    [InlineData("m{a=1} 1\n", "has no '=\"'")]
    [InlineData("m{a=\"\\t\"} 1\n", "invalid escape")]
    [InlineData("m{a=\"1\",a=\"2\"} 1\n", "appears twice")]
    [InlineData("m{1a=\"1\"} 1\n", "invalid label name")]
    [InlineData("m one\n", "not a sample value")]
    [InlineData("m 1 later\n", "not a timestamp")]
    [InlineData("m  1\n", "not a sample value")]
    [InlineData("m\n", "expected ' value")]
    [InlineData("m 1\nm 2\n", "duplicate series")]
    [InlineData("a 1\nb 1\na 2\n", "not in one group")]
    [InlineData("# TYPE m counter\n# TYPE m counter\n", "after its TYPE")]
    [InlineData("# HELP m one\n# HELP m two\n", "second HELP")]
    [InlineData("# TYPE m meter\n", "not a metric type")]
    [InlineData("# HELP m bad \\q escape\n", "invalid escape")]
    [InlineData("# TYPE 9m counter\n", "not a metric name")]
    public void TryParse_Malformed_FailsNamingTheProblem(string text, string expected)
    {
        Assert.False(PrometheusText.TryParse(text, out _, out var errors));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("h_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n", "not cumulative")]
    [InlineData("h_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "not above the previous boundary")]
    [InlineData("h_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "not le=\"+Inf\"")]
    [InlineData("h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "_count is 3, the +Inf bucket holds 2")]
    [InlineData("h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n", "_sum is missing")]
    [InlineData("h_bucket{le=\"x\"} 1\nh_sum 1\nh_count 1\n", "without a numeric le")]
    [InlineData("h_bucket{le=\"+Inf\"} 1\nh_sum 1\n", "_count is missing")]
    public void TryParse_InconsistentHistogram_Fails(string samples, string expected)
    {
        Assert.False(PrometheusText.TryParse("# TYPE h histogram\n" + samples, out _, out var errors));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_TooManyLabels_Fails()
    {
        var labels = string.Join(",", Enumerable.Range(0, PrometheusText.MaxLabels + 1).Select(i => $"l{i}=\"v\""));

        Assert.False(PrometheusText.TryParse($"m{{{labels}}} 1\n", out _, out var errors));
        Assert.Contains(errors, e => e.Contains("more than", StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var random = new Random(7);
        const string alphabet = "ab_{}=\",\\n# 01.+-InfNaTYPEHLP\n\r";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            _ = PrometheusText.TryParse(text, out _, out _);
        }
    }
}
