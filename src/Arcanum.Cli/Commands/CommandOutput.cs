using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Spectre.Console;

namespace Arcanum.Cli.Commands;

/// <summary>
/// Where a client command writes: <see cref="Out"/> for results (plain lines or JSON), <see cref="Error"/>
/// for errors and prompts, <see cref="Console"/> (Spectre, over <see cref="Out"/>) for tables and progress.
/// The writers are the invocation's (<see cref="InvocationConfiguration.Output"/>/<see cref="InvocationConfiguration.Error"/>),
/// so a test captures everything by passing its own.
/// </summary>
internal sealed class CommandOutput
{
    /// <summary>Width of tables when the output is not a terminal (files, pipes, tests): wide enough for 66-hex-digit keys.</summary>
    private const int RedirectedWidth = 200;

    private CommandOutput(TextWriter output, TextWriter error, bool json, bool interactive)
    {
        Out = output;
        Error = error;
        Json = json;
        Interactive = interactive && !json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!interactive)
        {
            Console.Profile.Width = RedirectedWidth;
        }
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    /// <summary>--json was given: standard output carries exactly the JSON documents.</summary>
    public bool Json { get; }

    /// <summary>A person is watching a terminal: progress displays are worth drawing.</summary>
    public bool Interactive { get; }

    public static CommandOutput For(ParseResult parseResult, bool json)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        return new CommandOutput(output, parseResult.InvocationConfiguration.Error, json, terminal);
    }

    public void WriteJson<T>(T value, JsonTypeInfo<T> type) => Out.WriteLine(JsonSerializer.Serialize(value, type));

    /// <summary>Aligned "label  value" lines: values (hex keys, signatures) stay whole and copyable.</summary>
    public void WriteFields(IEnumerable<(string Label, string Value)> fields)
    {
        var rows = fields.ToList();
        var width = rows.Max(row => row.Label.Length) + 2;
        foreach (var (label, value) in rows)
        {
            Out.WriteLine(label.PadRight(width) + value);
        }
    }

    /// <summary>The problem the API reported: its JSON (--json) or title, detail and field as lines.</summary>
    public void WriteProblem(ArcanumApiException exception)
    {
        if (Json)
        {
            Error.WriteLine(JsonSerializer.Serialize(exception.Problem, ApiJsonContext.Default.ProblemDetailsBody));
            return;
        }

        var problem = exception.Problem;
        Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Error: {problem.Title ?? "request failed"} (HTTP {exception.Status})"));
        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            Error.WriteLine(problem.Detail);
        }

        if (!string.IsNullOrWhiteSpace(problem.Field))
        {
            Error.WriteLine($"Field: {problem.Field}");
        }
    }

    public void WriteError(string message) => Error.WriteLine("Error: " + message);

    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
