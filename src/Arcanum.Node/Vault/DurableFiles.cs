using System.Runtime.InteropServices;

namespace Arcanum.Node.Vault;

/// <summary>
/// Crash-safe file operations (POSIX): a file's contents are fsync'd before it is renamed into place,
/// and the directory is fsync'd after a rename or delete so the change itself survives a power loss.
/// </summary>
internal static class DurableFiles
{
    /// <summary>0600: secrets are readable by the node's user only.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const int ReadOnlyDirectoryFlags = 0x0000 | 0x10000; // O_RDONLY | O_DIRECTORY (Linux)

    /// <summary>Writes <paramref name="contents"/> to a temporary file, fsyncs it, renames it over <paramref name="path"/>, fsyncs the directory.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> contents, UnixFileMode mode = OwnerOnly)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, CreateNew(mode)))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Options that create a new file, failing if it exists, with <paramref name="mode"/> on Unix (e.g. 0600).</summary>
    public static FileStreamOptions CreateNew(UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        return options;
    }

    /// <summary>Overwrites the file with zeros, fsyncs, deletes it, and fsyncs the directory.</summary>
    public static void Erase(string path)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            var zeros = new byte[64 * 1024];
            for (var remaining = stream.Length; remaining > 0; remaining -= zeros.Length)
            {
                stream.Write(zeros, 0, (int)Math.Min(zeros.Length, remaining));
            }

            stream.Flush(flushToDisk: true);
        }

        File.Delete(path);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>fsync on the directory itself, which makes renames and deletes in it durable.</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // NTFS journals metadata; there is no directory handle to flush.
        }

        var descriptor = Open(directory, ReadOnlyDirectoryFlags);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open the directory {directory} to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of the directory {directory} failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    // DllImport rather than LibraryImport: the generated stubs need unsafe code, which this project
    // does not allow; these signatures are blittable apart from the path, marshalled as UTF-8.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
