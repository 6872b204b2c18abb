namespace NemdEngine.IO.Structures;

/// <summary>
/// A structure file that cannot be used, in one line: the file, the line when there is one, and what
/// was expected ("s.data:12: expected 5 columns (id type x y z), found 4").
/// </summary>
public sealed class StructureFileException : IOException
{
    public StructureFileException(string path, int? line, string problem, Exception? inner = null)
        : base($"{path}{(line is int l ? $":{l}" : "")}: {problem}", inner)
    {
        FilePath = path;
        Line = line;
    }

    /// <summary>The file as named by the caller.</summary>
    public string FilePath { get; }
    /// <summary>The 1-based line the problem is on, or null for a problem of the whole file.</summary>
    public int? Line { get; }
}
