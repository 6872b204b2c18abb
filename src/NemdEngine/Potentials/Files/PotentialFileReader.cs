using System.Globalization;

namespace NemdEngine.Potentials.Files;

/// <summary>One entry of a LAMMPS many-body potential file: three element names and the numbers after them.</summary>
/// <param name="Elements">element1 element2 element3 as written.</param>
/// <param name="Values">the numeric fields in file order.</param>
/// <param name="Line">1-based line on which the entry starts.</param>
public sealed record PotentialFileEntry(string[] Elements, double[] Values, int Line)
{
    public string Triplet => string.Join(' ', Elements);
}

/// <summary>
/// Splits a LAMMPS many-body potential file (pair_style sw, tersoff, ...) into entries the way LAMMPS's
/// PotentialFileReader does: text after '#' is a comment, blank lines are skipped, and an entry
/// continues onto the following lines until it has exactly the style's number of fields.
/// </summary>
public static class PotentialFileReader
{
    /// <summary>The text of a potential file; a file that cannot be read is a one-line error naming it.</summary>
    public static string ReadText(string path, string style)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PotentialFileException.At(path, null, $"cannot read the {style} file: {e.Message}");
        }
    }

    /// <param name="text">the file's contents.</param>
    /// <param name="file">the name used in messages (the path as the user gave it).</param>
    /// <param name="style">e.g. "Stillinger-Weber", used in messages.</param>
    /// <param name="fieldNames">the names of the numeric fields after the three elements, in order.</param>
    public static IReadOnlyList<PotentialFileEntry> Parse(string text, string file, string style, IReadOnlyList<string> fieldNames)
    {
        int fieldCount = 3 + fieldNames.Count;
        string expected = $"{fieldCount} (element1 element2 element3 {string.Join(' ', fieldNames)})";
        var entries = new List<PotentialFileEntry>();
        var tokens = new List<(string Text, int Line)>();
        int start = 0;
        string[] lines = text.Split('\n');
        for (int l = 0; l < lines.Length; l++)
        {
            string line = lines[l];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            if (tokens.Count == 0) start = l + 1;
            foreach (string w in words) tokens.Add((w, l + 1));
            if (tokens.Count < fieldCount) continue;
            if (tokens.Count > fieldCount)
                throw PotentialFileException.At(file, start, $"{style} entry '{Describe(tokens)}' has {tokens.Count} fields, expected {expected}");
            entries.Add(ToEntry(tokens, start, file, style, fieldNames));
            tokens.Clear();
        }
        if (tokens.Count > 0)
            throw PotentialFileException.At(file, start, $"{style} entry '{Describe(tokens)}' ends at the end of the file with {tokens.Count} of {expected} fields");
        return entries;
    }

    private static PotentialFileEntry ToEntry(List<(string Text, int Line)> tokens, int start, string file, string style, IReadOnlyList<string> fieldNames)
    {
        var elements = tokens.Take(3).Select(t => t.Text).ToArray();
        var values = new double[fieldNames.Count];
        for (int f = 0; f < values.Length; f++)
        {
            var (text, line) = tokens[3 + f];
            // Float style: LAMMPS reads 1.0039e5 and -0.333; Infinity/NaN are not parameters.
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw PotentialFileException.At(file, line, $"field {4 + f} ({fieldNames[f]}) of {style} entry {string.Join(' ', elements)} is '{text}', not a number");
            values[f] = v;
        }
        return new PotentialFileEntry(elements, values, start);
    }

    private static string Describe(List<(string Text, int Line)> tokens) =>
        string.Join(' ', tokens.Take(3).Select(t => t.Text)) + (tokens.Count > 3 ? " ..." : "");

    /// <summary>Throws naming both lines when two entries are for the same element triplet (LAMMPS refuses them too).</summary>
    public static void RejectDuplicates(IReadOnlyList<PotentialFileEntry> entries, string file)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (first.TryGetValue(e.Triplet, out int line))
                throw PotentialFileException.At(file, e.Line, $"second entry for {e.Triplet} (the first is on line {line})");
            first[e.Triplet] = e.Line;
        }
    }
}
