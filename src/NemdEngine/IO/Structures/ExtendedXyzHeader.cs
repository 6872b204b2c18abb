using System.Text;

namespace NemdEngine.IO.Structures;

/// <summary>
/// The key=value pairs of an extended XYZ comment line: values bare (up to whitespace) or quoted
/// with "…" (\" escapes a quote) or {…}; a key without '=' is true ("T"), as ASE reads it. Keys are
/// matched without regard to case, as OVITO does.
/// </summary>
internal static class ExtendedXyzHeader
{
    /// <summary>The pairs in order, or the problem (null when none).</summary>
    public static (Dictionary<string, string> Pairs, string? Problem) Parse(string line)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        while (true)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length) return (pairs, null);
            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] != '=') i++;
            string key = line[start..i];
            if (key.Length == 0) return (pairs, $"expected a key before '=' at column {i + 1}");
            int afterKey = i;
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            string value;
            if (i < line.Length && line[i] == '=')
            {
                i++;
                while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
                if (i >= line.Length) return (pairs, $"expected a value after '{key}='");
                if (line[i] is '"' or '{')
                {
                    char close = line[i] == '"' ? '"' : '}';
                    var text = new StringBuilder();
                    i++;
                    while (i < line.Length && line[i] != close)
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] == close) i++;
                        text.Append(line[i++]);
                    }
                    if (i >= line.Length) return (pairs, $"the value of '{key}' has no closing {close}");
                    i++;
                    value = text.ToString();
                }
                else
                {
                    start = i;
                    while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
                    value = line[start..i];
                }
            }
            else
            {
                i = afterKey;
                value = "T";
            }
            if (!pairs.TryAdd(key, value)) return (pairs, $"key '{key}' is given twice");
        }
    }
}
