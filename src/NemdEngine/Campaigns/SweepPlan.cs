using System.Globalization;
using System.Text.RegularExpressions;
using NemdEngine.Input;

namespace NemdEngine.Campaigns;

/// <summary>One run of a sweep: a point's deck with one seed, in its own folder (relative to the sweep folder).</summary>
public sealed record SweepRun(string Folder, string PointId, int Replica, long Seed, string DeckText);

/// <summary>One point of the grid: the value each axis takes there, and its runs (one per seed).</summary>
public sealed record SweepPoint(string Id, int Index, IReadOnlyList<object> AxisSettings, IReadOnlyList<SweepRun> Runs);

/// <summary>
/// The grid of a sweep expanded: every point, every run and the deck each will run, each deck read
/// and validated by the same reader and validator as `nemd run` before anything is written or run.
/// Points are numbered with the first axis varying slowest; runs are folders `pNNNN-rR`.
/// </summary>
public sealed partial record SweepPlan(SweepSpec Spec, IReadOnlyList<SweepPoint> Points)
{
    /// <summary>The deck file in each run folder.</summary>
    public const string DeckFile = "deck.toml";

    public IEnumerable<SweepRun> Runs => Points.SelectMany(p => p.Runs);

    /// <summary>
    /// Expands <paramref name="spec"/> for the sweep folder <paramref name="directory"/>; throws a
    /// <see cref="DeckException"/> naming the sweep file, the point and the key for the first point
    /// whose deck would be refused.
    /// </summary>
    public static SweepPlan Expand(SweepSpec spec, string directory)
    {
        string baseText;
        Deck baseDeck;
        try
        {
            baseDeck = DeckReader.ReadFile(spec.BaseDeck);
            baseText = File.ReadAllText(spec.BaseDeck);
        }
        catch (DeckException e)
        {
            throw new DeckException($"{spec.File}:{spec.BaseLine}: key 'base': the base deck is refused: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeckException($"{spec.File}:{spec.BaseLine}: key 'base': cannot read {spec.BaseDeck}: {e.Message}", e);
        }

        int width = Math.Max(4, (spec.Axes.Aggregate(1, (n, a) => n * a.Settings.Count) - 1).ToString(CultureInfo.InvariantCulture).Length);
        var points = new List<SweepPoint>();
        int index = 0;
        foreach (var combination in Combinations(spec.Axes))
        {
            string id = "p" + index.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            var assignments = new List<(DeckKeyPath Path, object Value, SweepAxis? Axis)>();
            for (int a = 0; a < spec.Axes.Count; a++)
                for (int k = 0; k < spec.Axes[a].Keys.Count; k++)
                    assignments.Add((spec.Axes[a].Keys[k], combination[a][k], spec.Axes[a]));
            // Files the base deck names relative to itself must still be found from the run folder.
            bool Set(string text) => assignments.Any(x => x.Path.Text == text);
            for (int p = 0; p < baseDeck.Potentials.Count; p++)
                if (!Set($"potential[{p}].file")) assignments.Add((DeckKeyPath.Parse($"potential[{p}].file"), baseDeck.Potentials[p].File, null));
            if (baseDeck.Structure is { } structure && !Set("structure.file")) assignments.Add((DeckKeyPath.Parse("structure.file"), structure.File, null));
            // Each run writes into its own folder: the deck says ".", and the run starts there.
            assignments.Add((DeckKeyPath.Parse("output.directory"), ".", null));

            var seedAxis = assignments.FirstOrDefault(x => x.Path is { Table: "", Key: "seed" });
            if (seedAxis.Axis is { } seedOwner && seedAxis.Value is not (long and >= 0))
                throw DeckException.At(spec.File, seedOwner.Line, "seed", $"point {id}: expected a whole number from 0 to {DeckValidator.MaxSeed}, got {DeckText.Clip(DeckTextEditor.Format(seedAxis.Value))}");
            long firstSeed = seedAxis.Axis is not null ? (long)seedAxis.Value : (long)baseDeck.Seed;
            var runs = new List<SweepRun>();
            for (int r = 0; r < spec.Replicas; r++)
            {
                long seed = spec.Seeds?[r] ?? firstSeed + r;
                var runAssignments = assignments.Where(x => x.Path is not { Table: "", Key: "seed" }).Select(x => (x.Path, x.Value)).ToList();
                runAssignments.Add((DeckKeyPath.Parse("seed"), seed));
                string folder = $"{id}-r{r.ToString(CultureInfo.InvariantCulture)}";
                string text;
                try { text = DeckTextEditor.Set(baseText, runAssignments); }
                catch (ArgumentException e) { throw PointError(spec, id, combination, assignments, null, e.Message, (e as MissingElementException)?.Path); }
                string deckPath = Path.Combine(Path.GetFullPath(directory), folder, DeckFile);
                try { DeckReader.Parse(text, deckPath); }
                catch (DeckException e) { throw PointError(spec, id, combination, assignments, e.Message, null); }
                runs.Add(new SweepRun(folder, id, r, seed, text));
            }
            points.Add(new SweepPoint(id, index, combination.Select(c => c.Count == 1 ? c[0] : (object)c.ToList()).ToList(), runs));
            index++;
        }
        return new SweepPlan(spec, points);
    }

    /// <summary>Every combination of the axes' settings, the first axis varying slowest (one combination when there are no axes).</summary>
    private static IEnumerable<IReadOnlyList<object>[]> Combinations(IReadOnlyList<SweepAxis> axes)
    {
        var counters = new int[axes.Count];
        while (true)
        {
            yield return axes.Select((a, i) => a.Settings[counters[i]]).ToArray();
            int d = axes.Count - 1;
            while (d >= 0 && ++counters[d] == axes[d].Settings.Count) counters[d--] = 0;
            if (d < 0) yield break;
        }
    }

    [GeneratedRegex(@"^.*?:(\d+: )?key '(?<key>[^']*)': (?<problem>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex KeyMessage();

    /// <summary>
    /// A point's deck refused: named by the sweep file and the line of the axis whose key the
    /// message is about (else of `base`), the point and its settings, the key and the problem.
    /// </summary>
    private static DeckException PointError(SweepSpec spec, string id, IReadOnlyList<object>[] combination,
        List<(DeckKeyPath Path, object Value, SweepAxis? Axis)> assignments, string? deckMessage, string? editMessage, DeckKeyPath? editPath = null)
    {
        string settings = string.Join(", ", spec.Axes.Select((a, i) => $"{a.Label} = {string.Join(", ", combination[i].Select(DeckTextEditor.Format))}"));
        string where = $"point {id}{(settings.Length > 0 ? $" ({DeckText.Clip(settings)})" : "")}";
        if (editMessage is not null)
        {
            var axis = assignments.FirstOrDefault(x => x.Axis is not null && x.Path == editPath).Axis;
            return axis is null
                ? new DeckException($"{spec.File}:{spec.BaseLine}: {where}: {editMessage}")
                : DeckException.At(spec.File, axis.Line, editPath!.Text, $"{where}: {editMessage}");
        }
        var match = KeyMessage().Match(deckMessage!);
        if (!match.Success) return new DeckException($"{spec.File}:{spec.BaseLine}: {where}: {deckMessage}");
        string key = match.Groups["key"].Value, problem = match.Groups["problem"].Value;
        // The deck reader names array elements by position (species[1].mass): match the axis's key either way.
        var culprit = assignments.FirstOrDefault(x => x.Axis is not null && (x.Path.Text == key || DeckName(x.Path, spec) == key));
        if (culprit.Axis is { } owner)
            return DeckException.At(spec.File, owner.Line, culprit.Path.Text, $"{where}: {problem}");
        return DeckException.At(spec.File, spec.BaseLine, key, $"{where}, in the point's deck: {problem}");
    }

    /// <summary>The key as the deck reader names it (species[1].mass for species.heavy.mass), when the base deck says.</summary>
    private static string DeckName(DeckKeyPath path, SweepSpec spec)
    {
        if (!path.IsArrayElement) return path.Text;
        if (path.Index is int i) return $"{path.Table}[{i}].{path.Key}";
        try
        {
            var deck = DeckReader.ReadFile(spec.BaseDeck);
            int index = path.Table switch
            {
                "species" => deck.Species.ToList().FindIndex(s => s.Name == path.ElementName),
                "pair" => deck.Pairs.ToList().FindIndex(p => $"{p.SpeciesI}-{p.SpeciesJ}" == path.ElementName || $"{p.SpeciesJ}-{p.SpeciesI}" == path.ElementName),
                _ => -1,
            };
            return index >= 0 ? $"{path.Table}[{index}].{path.Key}" : path.Text;
        }
        catch (DeckException) { return path.Text; }
    }
}
