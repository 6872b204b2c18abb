using NemdEngine.Input;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace NemdEngine.Campaigns;

/// <summary>
/// One axis of a sweep: one deck key, or several keys set together (zipped: `thermostat.t_hot` and
/// `t_cold` as pairs), and the settings it takes. <see cref="Settings"/>[i] holds one value per key.
/// </summary>
public sealed record SweepAxis(int Number, IReadOnlyList<DeckKeyPath> Keys, IReadOnlyList<IReadOnlyList<object>> Settings, int Line)
{
    /// <summary>The axis's keys joined with "+", as the manifest and the tables name it.</summary>
    public string Label => string.Join("+", Keys.Select(k => k.Text));
}

/// <summary>Where and how a Slurm job array runs: from the sweep's [slurm] table, each overridable by an option.</summary>
public sealed record SlurmOptions(string? Partition = null, string? TimeLimit = null, string? Account = null, int? CpusPerTask = null)
{
    public SlurmOptions Over(SlurmOptions? fallback) => new(Partition ?? fallback?.Partition, TimeLimit ?? fallback?.TimeLimit, Account ?? fallback?.Account, CpusPerTask ?? fallback?.CpusPerTask);
}

/// <summary>A sweep file: a base deck, the axes over its keys, the seeds of each point, and where it runs.</summary>
public sealed record SweepSpec
{
    /// <summary>Full path of the sweep file.</summary>
    public required string File { get; init; }
    /// <summary>Full path of the base deck (`base`, relative to the sweep file).</summary>
    public required string BaseDeck { get; init; }
    /// <summary>`directory`: the sweep folder (relative to the current directory), or null for the default.</summary>
    public string? Directory { get; init; }
    public required IReadOnlyList<SweepAxis> Axes { get; init; }
    /// <summary>Explicit seeds (`seeds`), one run per seed; null: <see cref="Replicas"/> seeds counted up from the deck's.</summary>
    public IReadOnlyList<long>? Seeds { get; init; }
    /// <summary>Runs per point (independent seeds).</summary>
    public int Replicas { get; init; } = 1;
    public SlurmOptions Slurm { get; init; } = new();
    /// <summary>Line of `base` (or 1), for messages about the base deck as a whole.</summary>
    public int BaseLine { get; init; } = 1;
    /// <summary>Lines of the keys, for messages about them.</summary>
    public int SeedsLine { get; init; } = 1;
}

/// <summary>Reads a sweep file; every problem is a <see cref="DeckException"/> naming the file, line and key.</summary>
public static class SweepFileReader
{
    private const int MaxPoints = 100_000;

    public static SweepSpec Read(string path)
    {
        string full = Path.GetFullPath(path);
        if (System.IO.Directory.Exists(full)) throw new DeckException($"{path}: is a folder; expected a sweep file (.toml)");
        if (!System.IO.File.Exists(full)) throw new DeckException($"{path}: no such sweep file");
        if (new FileInfo(full).Length > DeckReader.MaxDeckBytes) throw new DeckException($"{path}: too large for a sweep file; expected at most {DeckReader.MaxDeckBytes} bytes (1 MiB)");
        string text;
        try { text = System.IO.File.ReadAllText(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DeckException($"{path}: cannot read the sweep file: {e.Message}", e); }
        return Parse(text, path);
    }

    public static SweepSpec Parse(string text, string path)
    {
        var document = SyntaxParser.Parse(text, path);
        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            throw new DeckException($"{path}:{first.Span.Start.Line + 1}: TOML syntax error: {DeckText.Clip(first.Message)}");
        }
        var root = new TomlTable(path, "", 1);
        foreach (var kv in document.KeyValues) Add(root, kv);
        var slurm = new TomlTable(path, "slurm", 1);
        var axes = new List<TomlTable>();
        foreach (var table in document.Tables)
        {
            string name = DeckTextEditor.KeyName(table.Name!);
            int line = table.Span.Start.Line + 1;
            TomlTable target;
            if (table is TableArraySyntax && name == "axis") axes.Add(target = new TomlTable(path, $"axis[{axes.Count}]", line));
            else if (table is TableSyntax && name == "slurm") target = slurm = new TomlTable(path, "slurm", line);
            else throw DeckException.At(path, line, name, $"unknown table {(table is TableArraySyntax ? $"[[{DeckText.Clip(name)}]]" : $"[{DeckText.Clip(name)}]")}; a sweep file has [[axis]] tables and a [slurm] table");
            foreach (var kv in table.Items) Add(target, kv);
        }

        string baseText = root.String("base", "the base deck, relative to this file");
        if (baseText.Length == 0) throw root.Error("base", "is empty; expected the base deck's path");
        string baseDeck = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, baseText));
        if (!System.IO.File.Exists(baseDeck)) throw root.Error("base", $"no such deck file: {DeckText.Clip(baseDeck)}");
        string? directory = root.OptionalString("directory");
        if (directory is { Length: 0 }) throw root.Error("directory", "is empty; expected a folder path");

        IReadOnlyList<long>? seeds = null;
        if (root.OptionalArray("seeds") is { } seedValues)
        {
            seeds = seedValues.Select(v => v is IntegerValueSyntax i && i.Value >= 0 ? i.Value
                : throw root.Error("seeds", $"expected whole numbers from 0 to {DeckValidator.MaxSeed}, got {TomlTable.Describe(v)}")).ToList();
            if (seeds.Count == 0) throw root.Error("seeds", "is empty; expected at least one seed (or leave it out for `replicas` seeds)");
            if (seeds.Distinct().Count() != seeds.Count) throw root.Error("seeds", "holds a seed twice; replicas need different seeds");
        }
        int? replicas = root.OptionalInt("replicas");
        if (replicas is int r && r < 1) throw root.Error("replicas", $"must be at least 1 (runs per point), got {r}");
        if (replicas is not null && seeds is not null && replicas != seeds.Count)
            throw root.Error("replicas", $"is {replicas} but `seeds` lists {seeds.Count} seeds; give one of them");

        var axisList = new List<SweepAxis>();
        foreach (var (axis, number) in axes.Select((a, i) => (a, i)))
        {
            bool single = axis.Has("key");
            if (single == axis.Has("keys")) throw axis.Error(single ? "keys" : "key", "give either `key` (one deck key) or `keys` (several set together), not both and not neither");
            IReadOnlyList<DeckKeyPath> keys;
            string keyName = single ? "key" : "keys";
            List<string> keyTexts = single
                ? [axis.String("key", "a deck key such as \"thermostat.t_hot\"")]
                : axis.OptionalArray("keys")!.Select(v => v is StringValueSyntax s ? s.Value! : throw axis.Error("keys", $"expected deck keys (strings), got {TomlTable.Describe(v)}")).ToList();
            if (keyTexts.Count == 0) throw axis.Error("keys", "is empty; expected at least one deck key");
            try { keys = keyTexts.Select(DeckKeyPath.Parse).ToList(); }
            catch (ArgumentException e) { throw axis.Error(keyName, e.Message); }
            var values = axis.OptionalArray("values") ?? throw axis.Error("values", "is required (the settings of this axis) but missing");
            if (values.Count == 0) throw axis.Error("values", "is empty: an axis needs at least one value (an empty axis makes an empty grid)");
            var settings = new List<IReadOnlyList<object>>();
            foreach (var v in values)
            {
                if (single) settings.Add([Value(v, axis, "values")]);
                else
                {
                    if (v is not ArraySyntax tuple || tuple.Items.ChildrenCount != keys.Count)
                        throw axis.Error("values", $"expected one array of {keys.Count} values per setting (one for each of {string.Join(", ", keyTexts)}), got {TomlTable.Describe(v)}{(v is ArraySyntax a ? $" of {a.Items.ChildrenCount}" : "")}");
                    settings.Add(tuple.Items.Select(item => Value(item.Value!, axis, "values")).ToList());
                }
            }
            var duplicate = keys.GroupBy(k => k.Text).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw axis.Error(keyName, $"names {duplicate.Key} twice");
            axisList.Add(new SweepAxis(number, keys, settings, axis.LineOf(keyName)));
        }
        foreach (var (a, b) in axisList.SelectMany((a, i) => axisList.Skip(i + 1).Select(b => (a, b))))
            if (b.Keys.FirstOrDefault(k => a.Keys.Any(ka => ka.Text == k.Text)) is { } same)
                throw DeckException.At(path, b.Line, $"axis[{b.Number}].key", $"{same.Text} is already an axis (line {a.Line}); zip keys into one axis with `keys`");
        long points = axisList.Aggregate(1L, (n, a) => Math.Min(n * a.Settings.Count, long.MaxValue / 1_000_000)) * (seeds?.Count ?? replicas ?? 1);
        if (points > MaxPoints) throw DeckException.At(path, 1, "axis", $"the grid has {points} runs; at most {MaxPoints} are accepted");

        string? Optional(string key)
        {
            string? s = slurm.OptionalString(key);
            if (s is { Length: 0 }) throw slurm.Error(key, "is empty");
            return s;
        }
        int? cpus = slurm.OptionalInt("cpus_per_task");
        if (cpus is < 1) throw slurm.Error("cpus_per_task", $"must be at least 1, got {cpus}");
        var slurmOptions = new SlurmOptions(Optional("partition"), Optional("time"), Optional("account"), cpus);
        root.RejectUnknownKeys();
        slurm.RejectUnknownKeys();
        foreach (var axis in axes) axis.RejectUnknownKeys();
        return new SweepSpec
        {
            File = Path.GetFullPath(path),
            BaseDeck = baseDeck,
            Directory = directory,
            Axes = axisList,
            Seeds = seeds,
            Replicas = seeds?.Count ?? replicas ?? 1,
            Slurm = slurmOptions,
            BaseLine = root.LineOf("base"),
            SeedsLine = root.LineOf(seeds is not null ? "seeds" : "replicas"),
        };
    }

    /// <summary>A TOML value as a plain object: long, double, string, bool, or a list of them.</summary>
    private static object Value(ValueSyntax v, TomlTable table, string key) => v switch
    {
        IntegerValueSyntax i => i.Value,
        FloatValueSyntax f => f.Value,
        StringValueSyntax s => s.Value!,
        BooleanValueSyntax b => b.Value,
        ArraySyntax a => a.Items.Select(item => Value(item.Value!, table, key)).ToList(),
        _ => throw table.Error(key, $"expected numbers, strings, true/false or arrays of them, got {TomlTable.Describe(v)}"),
    };

    private static void Add(TomlTable table, KeyValueSyntax kv) =>
        table.Add(DeckTextEditor.KeyName(kv.Key!), kv.Value!, kv.Span.Start.Line + 1);
}
