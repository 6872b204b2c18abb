using System.Globalization;
using Tomlyn.Syntax;

namespace NemdEngine.Input;

/// <summary>
/// One TOML table of a deck with the line of every key, read from Tomlyn's syntax tree so that
/// every error can name the file, the line and the full key. Keys are marked as used when read;
/// <see cref="RejectUnknownKeys"/> then reports whatever the schema did not ask for.
/// </summary>
internal sealed class TomlTable(string? file, string path, int line)
{
    private readonly Dictionary<string, (ValueSyntax Value, int Line)> entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public string? File { get; } = file;
    /// <summary>Dotted path of the table ("" for the root, "species[1]" for an array element).</summary>
    public string Path { get; } = path;
    public int Line { get; } = line;

    public void Add(string key, ValueSyntax value, int keyLine)
    {
        if (!entries.TryAdd(key, (value, keyLine)))
            throw DeckException.At(File, keyLine, FullKey(key), "is defined twice");
    }

    public string FullKey(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public int LineOf(string key) => entries.TryGetValue(key, out var e) ? e.Line : Line;

    public bool Has(string key) => entries.ContainsKey(key);

    public DeckException Error(string key, string problem) => DeckException.At(File, LineOf(key), FullKey(key), problem);

    private bool TryGet(string key, out ValueSyntax value)
    {
        used.Add(key);
        if (entries.TryGetValue(key, out var e)) { value = e.Value; return true; }
        value = null!;
        return false;
    }

    private DeckException Missing(string key, string what) =>
        DeckException.At(File, Line, FullKey(key), $"is required ({what}) but missing{(Path.Length > 0 ? $" from [{Path}]" : "")}");

    public double Double(string key, string what) => OptionalDouble(key) ?? throw Missing(key, what);

    /// <summary>The raw value of a key (marking it read), or null: for keys that accept several types.</summary>
    public ValueSyntax? OptionalValue(string key) => TryGet(key, out var value) ? value : null;

    public double? OptionalDouble(string key)
    {
        if (!TryGet(key, out var v)) return null;
        return v switch
        {
            FloatValueSyntax f => f.Value,
            IntegerValueSyntax i => i.Value,
            _ => throw Error(key, $"expected a number, got {Describe(v)}"),
        };
    }

    public long Long(string key, string what) => OptionalLong(key) ?? throw Missing(key, what);

    public long? OptionalLong(string key)
    {
        if (!TryGet(key, out var v)) return null;
        return v is IntegerValueSyntax i ? i.Value : throw Error(key, $"expected an integer, got {Describe(v)}");
    }

    /// <summary>An integer key stored in an int: refused, not wrapped, when it does not fit.</summary>
    public int Int(string key, string what) => OptionalInt(key) ?? throw Missing(key, what);

    public int? OptionalInt(string key) => OptionalLong(key) is long v ? Narrow(key, v) : null;

    /// <summary>An integer read from an array element of <paramref name="key"/>, checked to fit an int.</summary>
    public int Narrow(string key, long value) => value is >= int.MinValue and <= int.MaxValue
        ? (int)value
        : throw Error(key, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range: expected a whole number from {int.MinValue.ToString(CultureInfo.InvariantCulture)} to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}");

    public string String(string key, string what) => OptionalString(key) ?? throw Missing(key, what);

    public string? OptionalString(string key)
    {
        if (!TryGet(key, out var v)) return null;
        return v is StringValueSyntax s ? s.Value : throw Error(key, $"expected a string, got {Describe(v)}");
    }

    public bool? OptionalBool(string key)
    {
        if (!TryGet(key, out var v)) return null;
        return v is BooleanValueSyntax b ? b.Value : throw Error(key, $"expected true or false, got {Describe(v)}");
    }

    public IReadOnlyList<ValueSyntax> Array(string key, string what, int length)
    {
        if (!TryGet(key, out var v)) throw Missing(key, what);
        if (v is not ArraySyntax a) throw Error(key, $"expected an array of {length} ({what}), got {Describe(v)}");
        var items = a.Items.Select(item => item.Value!).ToList();
        if (items.Count != length) throw Error(key, $"expected an array of {length} ({what}), got {items.Count} elements");
        return items;
    }

    /// <summary>An array of any length, or null when the key is absent.</summary>
    public IReadOnlyList<ValueSyntax>? OptionalArray(string key)
    {
        if (!TryGet(key, out var v)) return null;
        return v is ArraySyntax a ? a.Items.Select(item => item.Value!).ToList() : throw Error(key, $"expected an array, got {Describe(v)}");
    }

    /// <summary>Throws for the first key nobody read, listing the valid keys of this table.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (key, entry) in entries.OrderBy(e => e.Value.Line))
            if (!used.Contains(key))
                throw DeckException.At(File, entry.Line, FullKey(key),
                    $"unknown key; valid keys{(Path.Length > 0 ? $" of [{Path}]" : " at the top level")}: {string.Join(", ", used.Order(StringComparer.Ordinal))}");
    }

    public static string Describe(ValueSyntax v) => v switch
    {
        StringValueSyntax s => $"the string \"{DeckText.Clip(s.Value)}\"",
        IntegerValueSyntax i => $"the integer {i.Value.ToString(CultureInfo.InvariantCulture)}",
        FloatValueSyntax f => $"the number {f.Value.ToString(CultureInfo.InvariantCulture)}",
        BooleanValueSyntax b => b.Value ? "true" : "false",
        ArraySyntax => "an array",
        InlineTableSyntax => "an inline table",
        _ => v.GetType().Name.Replace("ValueSyntax", "", StringComparison.Ordinal).ToLowerInvariant(),
    };
}
