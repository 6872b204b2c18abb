using System.Globalization;
using System.Text;

namespace NemdEngine.IO.Structures;

/// <summary>How structure files write and read numbers and quote what a user wrote.</summary>
internal static class StructureText
{
    /// <summary>Characters of a file's text an error message quotes; longer text is cut with "…".</summary>
    private const int MaxQuoted = 60;

    /// <summary>A double in its shortest round-trip form, invariant culture ("0.68", "1E-05").</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryParse(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Text quoted in a message: on one line, at most <see cref="MaxQuoted"/> characters.</summary>
    public static string Quote(string text)
    {
        var s = new StringBuilder();
        foreach (char c in text)
        {
            if (s.Length >= MaxQuoted) return $"'{s}…'";
            s.Append(c switch { '\t' => "\\t", '\r' => "\\r", '\n' => "\\n", _ when char.IsControl(c) => "?", _ => c.ToString() });
        }
        return $"'{s}'";
    }

    /// <summary>A position for a message: "(x, y, z)" with enough digits to find the atom.</summary>
    public static string Position(Point3 p) =>
        string.Create(CultureInfo.InvariantCulture, $"({p.X:G8}, {p.Y:G8}, {p.Z:G8})");

    /// <summary>Length unit label of a unit system for messages: "Å" (metal), "σ" (lj), or "" when unknown.</summary>
    public static string LengthUnit(string? units) => units switch
    {
        "metal" => " Å",
        "lj" => " σ",
        _ => "",
    };

    /// <summary>UTF-8 without a byte-order mark, '\n' line ends: what LAMMPS, ASE and OVITO read.</summary>
    public static StreamWriter Writer(Stream stream) =>
        new(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };

    /// <summary>Opens a structure file for reading; a missing or unreadable file is a <see cref="StructureFileException"/>.</summary>
    public static StreamReader Open(string path)
    {
        if (Directory.Exists(path)) throw new StructureFileException(path, null, "is a folder; expected a structure file");
        if (!File.Exists(path)) throw new StructureFileException(path, null, "no such structure file");
        try
        {
            return new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, new FileStreamOptions { Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 1 << 16 });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StructureFileException(path, null, $"cannot read: {e.Message}", e);
        }
    }
}
