using System.Globalization;
using System.Text;
using NemdEngine.Input;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace NemdEngine.Campaigns;

/// <summary>A path names an element of an array of tables ([[species]], ...) that the base deck does not have.</summary>
public sealed class MissingElementException(DeckKeyPath path, string message) : ArgumentException(message)
{
    public DeckKeyPath Path { get; } = path;
}

/// <summary>
/// Sets keys of a deck in its TOML text, leaving everything else (comments, layout, the other
/// keys) as written: a point's deck reads like the base deck with a few values changed. A key the
/// base deck has gets its value replaced in place; a missing key is added at the end of its table,
/// a missing table at the end of the deck. What the values mean is checked afterwards, by reading
/// the edited deck like any other.
/// </summary>
public static class DeckTextEditor
{
    /// <summary>The text of <paramref name="deckText"/> with each key set to its value (long, double, string, bool or a list of them).</summary>
    /// <exception cref="ArgumentException">The deck is not TOML, or an array element named by a path does not exist.</exception>
    public static string Set(string deckText, IEnumerable<(DeckKeyPath Path, object Value)> assignments)
    {
        var document = SyntaxParser.Parse(deckText, "<deck>");
        if (document.HasErrors) throw new ArgumentException($"the base deck is not valid TOML: {DeckText.Clip(document.Diagnostics.First().ToString())}");
        var edits = new List<(int Start, int End, string Text, int Order)>();
        int order = 0;
        foreach (var (path, value) in assignments)
        {
            string formatted = Format(value);
            var (items, insertAt, header) = Locate(document, deckText, path);
            var existing = items?.FirstOrDefault(kv => KeyName(kv.Key!) == path.Key);
            if (existing is not null)
            {
                var span = existing.Value!.Span;
                edits.Add((span.Start.Offset, span.End.Offset + 1, formatted, order++));
            }
            else if (items is not null)
                edits.Add((insertAt, insertAt, $"{path.Key} = {formatted}\n", order++));
            else
                edits.Add((deckText.Length, deckText.Length, $"{(deckText.EndsWith('\n') ? "" : "\n")}\n[{header}]\n{path.Key} = {formatted}\n", order++));
        }
        var text = new StringBuilder(deckText);
        // From the end backwards, so earlier offsets stay valid; at one offset the first assignment ends up first.
        foreach (var (start, end, replacement, _) in edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.Order))
        {
            text.Remove(start, end - start);
            text.Insert(start, replacement);
        }
        return text.ToString();
    }

    /// <summary>
    /// The key-values of the table <paramref name="path"/> names and the offset where a new key goes
    /// (the start of the line after its last key, or after its header); null items when the table
    /// is absent (then <c>Header</c> is the table to append).
    /// </summary>
    private static (IReadOnlyList<KeyValueSyntax>? Items, int InsertAt, string Header) Locate(DocumentSyntax document, string text, DeckKeyPath path)
    {
        if (path.Table.Length == 0)
        {
            var root = document.KeyValues.ToList();
            // A new top-level key must come before the first table header.
            int at = root.Count > 0 ? LineAfter(text, root[^1].Span.End.Offset)
                : document.Tables.ChildrenCount > 0 ? LineStart(text, document.Tables.GetChild(0)!.Span.Start.Offset) : text.Length;
            return (root, at, "");
        }
        if (!path.IsArrayElement)
        {
            var table = document.Tables.OfType<TableSyntax>().FirstOrDefault(t => KeyName(t.Name!) == path.Table);
            if (table is null) return (null, 0, path.Table);
            return (table.Items.ToList(), After(text, table), path.Table);
        }
        var elements = document.Tables.OfType<TableArraySyntax>().Where(t => KeyName(t.Name!) == path.Table).ToList();
        TableArraySyntax? element;
        if (path.Index is int index)
            element = index < elements.Count ? elements[index]
                : throw new MissingElementException(path, $"the base deck has {elements.Count} [[{path.Table}]] tables; {path.Table}[{index}] does not exist");
        else
        {
            element = elements.FirstOrDefault(e => Names(e, path.Table).Contains(path.ElementName!, StringComparer.Ordinal))
                ?? throw new MissingElementException(path, $"the base deck has no [[{path.Table}]] named \"{DeckText.Clip(path.ElementName)}\"; it has {DeckText.Clip(string.Join(", ", elements.SelectMany(e => Names(e, path.Table).Take(1))))}");
        }
        return (element.Items.ToList(), After(text, element), path.Table);
    }

    /// <summary>What an array element is called: a species by its name, a pair by "I-J" and "J-I".</summary>
    private static IEnumerable<string> Names(TableArraySyntax element, string array)
    {
        var items = element.Items.ToList();
        if (array == "species" && items.FirstOrDefault(kv => KeyName(kv.Key!) == "name")?.Value is StringValueSyntax name)
            yield return name.Value!;
        if (array == "pair" && items.FirstOrDefault(kv => KeyName(kv.Key!) == "species")?.Value is ArraySyntax pair
            && pair.Items.Select(i => i.Value).OfType<StringValueSyntax>().Select(s => s.Value!).ToList() is [string i, string j])
        {
            yield return $"{i}-{j}";
            yield return $"{j}-{i}";
        }
    }

    private static int After(string text, TableSyntaxBase table)
    {
        var items = table.Items;
        int end = items.ChildrenCount > 0 ? items.GetChild(items.ChildrenCount - 1)!.Span.End.Offset : table.Name!.Span.End.Offset;
        return LineAfter(text, end);
    }

    private static int LineAfter(string text, int offset)
    {
        int newline = text.IndexOf('\n', Math.Min(offset, text.Length));
        return newline < 0 ? text.Length : newline + 1;
    }

    private static int LineStart(string text, int offset) => offset <= 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;

    internal static string KeyName(KeySyntax key)
    {
        static string Part(SyntaxNode? node) => node switch
        {
            BareKeySyntax bare => bare.Key!.Text!,
            StringValueSyntax s => s.Value!,
            _ => node?.ToString() ?? "",
        };
        var parts = new List<string> { Part(key.Key) };
        foreach (var dot in key.DotKeys) parts.Add(Part(dot.Key));
        return string.Join('.', parts);
    }

    /// <summary>A value as TOML: reals always with a point or exponent (so they stay reals), strings quoted and escaped.</summary>
    public static string Format(object value) => value switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => "nan",
        double d when double.IsInfinity(d) => d > 0 ? "inf" : "-inf",
        double d => Real(d),
        bool b => b ? "true" : "false",
        string s => Quote(s),
        IEnumerable<object> list => "[" + string.Join(", ", list.Select(Format)) + "]",
        _ => throw new ArgumentException($"cannot write a {value.GetType().Name} into a deck"),
    };

    private static string Real(double d)
    {
        string r = d.ToString("R", CultureInfo.InvariantCulture);
        return r.Contains('.', StringComparison.Ordinal) || r.Contains('E', StringComparison.Ordinal) ? r.Replace("E", "e", StringComparison.Ordinal) : r + ".0";
    }

    private static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (char c in s)
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return b.Append('"').ToString();
    }
}
