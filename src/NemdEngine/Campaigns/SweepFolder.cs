using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NemdEngine.Input;
using NemdEngine.IO;

namespace NemdEngine.Campaigns;

/// <summary>A run of a sweep folder as its manifest lists it.</summary>
public sealed record SweepManifestRun(string Folder, string PointId, int Replica, long Seed);

/// <summary>A point of a sweep folder as its manifest lists it: the setting of each axis (JSON values) and its runs.</summary>
public sealed record SweepManifestPoint(string Id, IReadOnlyList<JsonNode?> Settings, IReadOnlyList<SweepManifestRun> Runs);

/// <summary>
/// A sweep folder: `sweep.json` (the manifest: the sweep file, the base deck, the axes, every point
/// with its settings and runs, and a fingerprint of every run's deck) and one folder per run holding
/// its `deck.toml`. The manifest is written before the run folders, so a folder interrupted while
/// being laid out is finished by running the same sweep again. A folder holding another sweep
/// (another fingerprint) or files that are not a sweep's is refused: nothing is overwritten.
/// </summary>
public sealed class SweepFolder
{
    public const string ManifestFile = "sweep.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private SweepFolder(string directory, JsonObject manifest, IReadOnlyList<string> axisLabels, IReadOnlyList<SweepManifestPoint> points)
        => (Directory, Manifest, AxisLabels, Points) = (directory, manifest, axisLabels, points);

    /// <summary>Full path of the sweep folder.</summary>
    public string Directory { get; }
    public JsonObject Manifest { get; }
    /// <summary>Each axis's label (its keys joined with "+").</summary>
    public IReadOnlyList<string> AxisLabels { get; }
    public IReadOnlyList<SweepManifestPoint> Points { get; }
    public IEnumerable<SweepManifestRun> Runs => Points.SelectMany(p => p.Runs);

    public string PathOf(SweepManifestRun run) => Path.Combine(Directory, run.Folder);

    /// <summary>
    /// Writes the plan into <paramref name="directory"/> (created if missing), or finds it there
    /// already. Decks already written are left as they are (they are the same: the fingerprint says so).
    /// </summary>
    /// <exception cref="DeckException">The folder holds another sweep or other files (bad input).</exception>
    public static SweepFolder Create(SweepPlan plan, string directory)
    {
        string dir = Path.GetFullPath(directory);
        string fingerprint = Fingerprint(plan);
        string manifestPath = Path.Combine(dir, ManifestFile);
        if (File.Exists(manifestPath))
        {
            var existing = Open(dir);
            string? theirs = existing.Manifest["fingerprint"]?.GetValue<string>();
            if (theirs != fingerprint)
                throw new DeckException($"{dir} holds a different sweep ({ManifestFile}: {DeckText.Clip(existing.Manifest["sweep_file"]?.GetValue<string>())}, {existing.Points.Count} points, {existing.Runs.Count()} runs); choose another --out (or directory), or delete that folder");
        }
        else if (System.IO.Directory.Exists(dir) && System.IO.Directory.EnumerateFileSystemEntries(dir).Any())
        {
            var some = System.IO.Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(3);
            throw new DeckException($"{dir} is not empty and holds no {ManifestFile} ({DeckText.Clip(string.Join(", ", some))}, ...): not a sweep folder; choose another --out (or directory)");
        }
        else
        {
            System.IO.Directory.CreateDirectory(dir);
            AtomicFile.WriteText(manifestPath, ToJson(plan, fingerprint).ToJsonString(Indented) + "\n");
        }
        foreach (var run in plan.Runs)
        {
            string deck = Path.Combine(dir, run.Folder, SweepPlan.DeckFile);
            if (File.Exists(deck)) continue;
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(deck)!);
            AtomicFile.WriteText(deck, run.DeckText);
        }
        return Open(dir);
    }

    /// <summary>Opens an existing sweep folder.</summary>
    /// <exception cref="DeckException">No manifest there, or one that cannot be read.</exception>
    public static SweepFolder Open(string directory)
    {
        string dir = Path.GetFullPath(directory);
        string path = Path.Combine(dir, ManifestFile);
        if (!File.Exists(path)) throw new DeckException($"{dir}: not a sweep folder (no {ManifestFile}); expected the folder `nemd sweep` wrote");
        JsonObject manifest;
        try { manifest = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new JsonException("empty"); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new DeckException($"{path}: cannot read the sweep manifest: {e.Message}");
        }
        try
        {
            var labels = manifest["axes"]!.AsArray().Select(a => a!["label"]!.GetValue<string>()).ToList();
            var points = manifest["points"]!.AsArray().Select(p => new SweepManifestPoint(
                p!["id"]!.GetValue<string>(),
                p["settings"]!.AsArray().Select(v => v?.DeepClone()).ToList(),
                p["runs"]!.AsArray().Select(r => new SweepManifestRun(r!["folder"]!.GetValue<string>(), p["id"]!.GetValue<string>(), r["replica"]!.GetValue<int>(), r["seed"]!.GetValue<long>())).ToList())).ToList();
            return new SweepFolder(dir, manifest, labels, points);
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new DeckException($"{path}: corrupt sweep manifest ({e.Message})");
        }
    }

    /// <summary>SHA-256 over every run's folder and deck text: two sweeps are the same when they would run the same decks in the same folders.</summary>
    public static string Fingerprint(SweepPlan plan)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var run in plan.Runs)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(run.Folder + "\n"));
            sha.AppendData(Encoding.UTF8.GetBytes(run.DeckText));
            sha.AppendData("\0"u8);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static JsonObject ToJson(SweepPlan plan, string fingerprint)
    {
        var spec = plan.Spec;
        return new JsonObject
        {
            ["format"] = 1,
            ["sweep_file"] = spec.File,
            ["base_deck"] = spec.BaseDeck,
            ["created_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["nemd"] = BuildInfo.Description,
            ["fingerprint"] = fingerprint,
            ["replicas"] = spec.Replicas,
            ["axes"] = new JsonArray(spec.Axes.Select(a => (JsonNode)new JsonObject
            {
                ["label"] = a.Label,
                ["keys"] = new JsonArray(a.Keys.Select(k => (JsonNode)JsonValue.Create(k.Text)).ToArray()),
                ["values"] = new JsonArray(a.Settings.Select(s => s.Count == 1 ? Json(s[0]) : new JsonArray(s.Select(Json).ToArray())).ToArray()),
            }).ToArray()),
            ["slurm"] = new JsonObject { ["partition"] = spec.Slurm.Partition, ["time"] = spec.Slurm.TimeLimit, ["account"] = spec.Slurm.Account, ["cpus_per_task"] = spec.Slurm.CpusPerTask },
            ["points"] = new JsonArray(plan.Points.Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.Id,
                ["settings"] = new JsonArray(p.AxisSettings.Select(Json).ToArray()),
                ["runs"] = new JsonArray(p.Runs.Select(r => (JsonNode)new JsonObject
                {
                    ["folder"] = r.Folder,
                    ["replica"] = r.Replica,
                    ["seed"] = r.Seed,
                }).ToArray()),
            }).ToArray()),
        };
    }

    private static JsonNode? Json(object value) => value switch
    {
        long l => JsonValue.Create(l),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        IEnumerable<object> list => new JsonArray(list.Select(Json).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>The sweep's Slurm options as recorded.</summary>
    public SlurmOptions Slurm => new(
        Manifest["slurm"]?["partition"]?.GetValue<string>(), Manifest["slurm"]?["time"]?.GetValue<string>(), Manifest["slurm"]?["account"]?.GetValue<string>(),
        Manifest["slurm"]?["cpus_per_task"]?.GetValue<int>());
}
