using System.Collections.Immutable;

namespace NemdEngine.Input;

/// <summary>
/// Where the keys of a deck came from, so that every check made before a run (the validator, the
/// memory estimate, the run folder) names them the same way: the TOML file and the line of each
/// key, or the command-line option that replaced it (--steps for run.production_steps). A deck
/// built in code has no lines: messages name the key alone, and the file it was read back from
/// (a checkpoint or samples file) when there is one.
/// </summary>
public sealed class DeckOrigin
{
    private readonly Func<string, string, int?>? lineOf;
    private readonly ImmutableDictionary<string, string> options;

    private DeckOrigin(string? file, Func<string, string, int?>? lineOf, ImmutableDictionary<string, string> options)
    {
        File = file;
        this.lineOf = lineOf;
        this.options = options;
    }

    /// <summary>The file the deck was read from (or stored in), or null for a deck built in code.</summary>
    public string? File { get; }

    /// <summary>A deck without line numbers: built in code (file null) or read back from <paramref name="file"/>.</summary>
    public static DeckOrigin Keys(string? file = null) => new(file, null, ImmutableDictionary<string, string>.Empty);

    /// <param name="lineOf">(table, key) → the line the key (or its table, when the key is absent) was written on.</param>
    internal static DeckOrigin Toml(string? file, Func<string, string, int?> lineOf) => new(file, lineOf, ImmutableDictionary<string, string>.Empty);

    /// <summary>The same origin with <paramref name="table"/>.<paramref name="key"/> given on the command line as <paramref name="option"/>.</summary>
    public DeckOrigin WithOption(string table, string key, string option) => new(File, lineOf, options.SetItem(FullKey(table, key), option));

    /// <summary>The command-line option that replaced a key, or null.</summary>
    public string? OptionFor(string table, string key) => options.GetValueOrDefault(FullKey(table, key));

    /// <summary>
    /// A problem with one key: "file:line: key 'table.key': problem", or "--option (table.key): problem"
    /// when the value came from the command line.
    /// </summary>
    public DeckException Error(string table, string key, string problem)
    {
        string full = FullKey(table, key);
        return options.TryGetValue(full, out var option)
            ? new DeckException($"{option} ({full}): {problem}")
            : DeckException.At(File, lineOf?.Invoke(table, key), full, problem);
    }

    /// <summary>Where a key was written, for a message about another key: "line 12", "--steps" or the key itself.</summary>
    public string Where(string table, string key)
    {
        string full = FullKey(table, key);
        if (options.TryGetValue(full, out var option)) return option;
        return lineOf?.Invoke(table, key) is int line ? $"line {line}" : full;
    }

    private static string FullKey(string table, string key) => table.Length == 0 ? key : $"{table}.{key}";
}
