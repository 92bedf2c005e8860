namespace Arcanum.Transport;

/// <summary>Files that hold secrets (identity keys, tokens): created new, readable by their owner only (mode 0600), flushed to disk.</summary>
public static class SecretFiles
{
    /// <summary>Writes <paramref name="contents"/> to a new file at <paramref name="path"/>; throws <see cref="IOException"/> if it exists.</summary>
    public static void CreateNew(string path, ReadOnlySpan<byte> contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(contents);
        stream.Flush(flushToDisk: true);
    }
}
