namespace NemdEngine.IO;

/// <summary>A folder or file that results cannot be written to; the message says why, on one line.</summary>
public sealed class UnwritablePathException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>
/// Checks, before any work, that results can be written where they are asked for: the folder is
/// created if needed and a probe file is written in it and removed, so that an empty path, a file
/// in the way, a path below a file, /proc or a read-only folder is refused up front instead of
/// failing after the run.
/// </summary>
public static class OutputPath
{
    /// <summary>Creates <paramref name="folder"/> if needed and checks that a file can be written in it; returns its full path.</summary>
    /// <exception cref="UnwritablePathException">Why not, naming the path.</exception>
    public static string PrepareFolder(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new UnwritablePathException("is empty; expected a folder");
        string full;
        try { full = Path.GetFullPath(folder); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UnwritablePathException($"'{Input.DeckText.Clip(folder)}' is not a valid path: {e.Message}", e);
        }
        if (File.Exists(full)) throw new UnwritablePathException($"{full} is a file; expected a folder");
        // The nearest existing ancestor: a file there means the folder can never be created.
        for (string? up = Path.GetDirectoryName(full); up is not null; up = Path.GetDirectoryName(up))
        {
            if (File.Exists(up)) throw new UnwritablePathException($"cannot create the folder {full}: {up} is a file");
            if (Directory.Exists(up)) break;
        }
        try { Directory.CreateDirectory(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnwritablePathException($"cannot create the folder {full}: {Reason(e)}", e);
        }
        string probe = Path.Combine(full, $".nemd-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnwritablePathException($"cannot write in the folder {full}: {Reason(e)}", e);
        }
        return full;
    }

    /// <summary>Checks that <paramref name="file"/> can be written (creating its folder); an existing file is left as it is. Returns its full path.</summary>
    /// <exception cref="UnwritablePathException">Why not, naming the path.</exception>
    public static string PrepareFile(string file)
    {
        if (string.IsNullOrWhiteSpace(file)) throw new UnwritablePathException("is empty; expected a file name");
        string full = Path.GetFullPath(file);
        if (Directory.Exists(full)) throw new UnwritablePathException($"{full} is a folder; expected a file");
        PrepareFolder(Path.GetDirectoryName(full) ?? full);
        bool existed = File.Exists(full);
        try
        {
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite)) { }
            if (!existed) File.Delete(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnwritablePathException($"cannot write {full}: {Reason(e)}", e);
        }
        return full;
    }

    // .NET's messages name the path already, or the probe file (a random name): keep them short and on one line.
    private static string Reason(Exception e) => e is UnauthorizedAccessException ? "permission denied" : e.Message.ReplaceLineEndings(" ");
}
