using System.Globalization;
using Arcanum.Client.Contracts;
using Spectre.Console;

namespace Arcanum.Cli.Commands;

/// <summary>How a key is shown: every field as lines (one key) or a table row (many keys), or the API JSON.</summary>
internal static class KeyView
{
    public static void Write(CommandOutput output, KeyInfo key)
    {
        if (output.Json)
        {
            output.WriteJson(key, ApiJsonContext.Default.KeyInfo);
            return;
        }

        output.WriteFields(
        [
            ("id", key.Id),
            ("name", key.Name),
            ("scheme", key.Scheme),
            ("threshold", Threshold(key)),
            ("parties", string.Join(", ", key.Parties.Select(party => party.ToString(CultureInfo.InvariantCulture)))),
            ("public key", key.PublicKey),
            ("chain code", key.ChainCode),
            ("epoch", key.Epoch.ToString(CultureInfo.InvariantCulture)),
            ("created", CommandOutput.FormatTime(key.CreatedAt)),
        ]);
    }

    public static void WriteList(CommandOutput output, KeyInfo[] keys)
    {
        if (output.Json)
        {
            output.WriteJson(keys, ApiJsonContext.Default.KeyInfoArray);
            return;
        }

        if (keys.Length == 0)
        {
            output.Out.WriteLine("No keys.");
            return;
        }

        var table = new Table().AddColumns("id", "name", "scheme", "threshold", "epoch", "created");
        foreach (var key in keys)
        {
            table.AddRow(
                Markup.Escape(key.Id),
                Markup.Escape(key.Name),
                Markup.Escape(key.Scheme),
                Threshold(key),
                key.Epoch.ToString(CultureInfo.InvariantCulture),
                CommandOutput.FormatTime(key.CreatedAt));
        }

        output.Console.Write(table);
    }

    private static string Threshold(KeyInfo key) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.Threshold} of {key.Parties.Count}");
}
