using Arcanum.Ledger.Modules.Accounts;

namespace Arcanum.Coordinator.Ledger;

/// <summary>Reads the configured genesis document (GenesisDocument JSON, docs/ledger.md "Genesis").</summary>
public static class GenesisFile
{
    /// <summary>The document in <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing, too large or not a valid genesis document (the message names the field).</exception>
    public static GenesisDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > GenesisDocument.MaxLength)
            {
                throw new InvalidDataException($"{path}: a genesis document is at most {GenesisDocument.MaxLength} bytes.");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the genesis document ({e.Message}).", e);
        }

        return GenesisDocument.TryParse(bytes, out var document, out var error)
            ? document
            : throw new InvalidDataException($"{path}: not a genesis document: {error}");
    }
}
