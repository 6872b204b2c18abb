namespace NemdEngine.IO;

/// <summary>
/// Writes a file through a temporary sibling (<c>path.tmp</c>), a flush to disk and a rename, so a
/// reader never sees half a file. A failed write (disk full) deletes the temporary and leaves the
/// previous file as it was; the error names the file and says why.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write) => Write(path, path + ".tmp", temporary =>
    {
        // Read and write: some writers (PureHDF) seek back and read what they wrote.
        using var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        write(stream);
        stream.Flush(flushToDisk: true);
    });

    public static void WriteText(string path, string text) => Write(path, s =>
    {
        using var writer = new StreamWriter(s, leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>
    /// For writers that insist on creating the file themselves (ScottPlot's SavePng wants a .png
    /// name): <paramref name="write"/> creates <paramref name="temporary"/>, which is then renamed to
    /// <paramref name="path"/>, or deleted if anything fails.
    /// </summary>
    public static void Write(string path, string temporary, Action<string> write)
    {
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temporary);
            if (e is IOException or UnauthorizedAccessException) throw WriteFailed(path, e);
            throw;
        }
    }

    /// <summary>Deletes a file if it is there; never throws (cleanup after a failure).</summary>
    public static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>
    /// The error of a failed write, naming the file (not its temporary) and the reason in plain
    /// words: "cannot write PATH: no space left on device" for a full disk (ENOSPC, or
    /// ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows).
    /// </summary>
    public static IOException WriteFailed(string path, Exception e)
    {
        if (e is IOException { Message: var m } already && m.StartsWith($"cannot write {path}:", StringComparison.Ordinal)) return already;
        return new IOException($"cannot write {path}: {Reason(e)}", e);
    }

    /// <summary>True for "no space left on device".</summary>
    public static bool IsDiskFull(Exception e) =>
        e is IOException { HResult: Enospc or unchecked((int)0x80070070) or unchecked((int)0x80070027) }
        || e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase);

    // Linux's errno: .NET puts the raw errno in the HResult of the IOException it throws.
    private const int Enospc = 28;

    private static string Reason(Exception e)
    {
        if (IsDiskFull(e)) return "no space left on device";
        string message = e.Message;
        // .NET appends " : 'path'" (the temporary's name): drop it, the target is named already.
        int quote = message.IndexOf(" : '", StringComparison.Ordinal);
        return quote > 0 ? message[..quote] : message;
    }
}
