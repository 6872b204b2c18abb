namespace NemdEngine.IO;

/// <summary>Writes a file through a temporary sibling and a rename, so a reader never sees half a file.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
            write(stream);
        File.Move(temporary, path, overwrite: true);
    }

    public static void WriteText(string path, string text) => Write(path, s =>
    {
        using var writer = new StreamWriter(s);
        writer.Write(text);
    });
}
