using System.Globalization;
using System.Text.RegularExpressions;
using NemdEngine.Input;

namespace NemdEngine.Campaigns;

/// <summary>
/// A deck key named by its path, as a sweep axis addresses it: `seed` (top level),
/// `thermostat.t_hot`, `lattice.A.constant`, `output.trajectory.interval` (a table and a key), and
/// for arrays of tables `species[1].mass` (by position, from 0) or `species.heavy.mass` (a species by
/// its name), `pair.light-heavy.epsilon` (a pair by its two species, either order) and
/// `potential[0].file`. Which keys exist is the deck reader's business: a path to an unknown key of a
/// known table is found when the point's deck is read, like any other unknown key.
/// </summary>
public sealed partial record DeckKeyPath
{
    /// <summary>The path as written in the sweep file.</summary>
    public required string Text { get; init; }
    /// <summary>"" for a top-level key, else the table ("thermostat", "lattice.A") or the array ("species").</summary>
    public required string Table { get; init; }
    /// <summary>True for an element of an array of tables ([[species]], [[pair]], [[potential]]).</summary>
    public bool IsArrayElement { get; init; }
    /// <summary>The element's position (from 0), when given so.</summary>
    public int? Index { get; init; }
    /// <summary>The element's name (a species name, or "I-J" for a pair), when given so.</summary>
    public string? ElementName { get; init; }
    public required string Key { get; init; }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_-]*)\[(\d{1,6})\]$", RegexOptions.CultureInvariant)]
    private static partial Regex Indexed();

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ArgumentException"/> saying what a path looks like.</summary>
    public static DeckKeyPath Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("is empty; expected a deck key such as \"thermostat.t_hot\"");
        var parts = text.Split('.');
        if (parts.Any(p => p.Length == 0)) throw new ArgumentException($"\"{DeckText.Clip(text)}\" has an empty part; expected a deck key such as \"thermostat.t_hot\"");
        string head = parts[0];
        var indexed = Indexed().Match(head);
        string headName = indexed.Success ? indexed.Groups[1].Value : head;
        if (DeckReader.KnownTableArrays.Contains(headName))
        {
            if (indexed.Success)
            {
                if (parts.Length != 2) throw new ArgumentException($"\"{DeckText.Clip(text)}\": expected {headName}[N].KEY");
                return new DeckKeyPath { Text = text, Table = headName, IsArrayElement = true, Index = int.Parse(indexed.Groups[2].Value, CultureInfo.InvariantCulture), Key = parts[1] };
            }
            // species.NAME.KEY; a species name may itself hold no dot.
            if (parts.Length != 3) throw new ArgumentException($"\"{DeckText.Clip(text)}\": expected {headName}.NAME.KEY or {headName}[N].KEY");
            return new DeckKeyPath { Text = text, Table = headName, IsArrayElement = true, ElementName = parts[1], Key = parts[2] };
        }
        if (indexed.Success) throw new ArgumentException($"\"{DeckText.Clip(text)}\": [{headName}] is not an array of tables; arrays are {string.Join(", ", DeckReader.KnownTableArrays)}");
        if (parts.Length == 1) return new DeckKeyPath { Text = text, Table = "", Key = text };
        string table = string.Join('.', parts[..^1]);
        if (!DeckReader.KnownTables.Contains(table))
            throw new ArgumentException($"\"{DeckText.Clip(text)}\": unknown table [{DeckText.Clip(table)}]; expected one of {string.Join(", ", DeckReader.KnownTables.Select(t => $"[{t}]"))}, or species.NAME, pair.I-J, potential[N]");
        return new DeckKeyPath { Text = text, Table = table, Key = parts[^1] };
    }

    public override string ToString() => Text;
}
