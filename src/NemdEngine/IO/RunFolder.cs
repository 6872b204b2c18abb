using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NemdEngine.IO;

/// <summary>A run folder that cannot be used: it holds another run, a running nemd holds it, or its files are from two runs.</summary>
public sealed class RunFolderException(string message) : IOException(message);

/// <summary>
/// A run folder holds the files of exactly one run. The run's first act is to claim the folder by
/// creating <c>run.json</c> (its manifest: a run id, when, which build), and it keeps that file
/// open with an exclusive lock while it runs, so a second nemd cannot take the folder meanwhile.
/// A folder that holds any NemdEngine run file (<see cref="IsRunFile"/>) belongs to an earlier
/// run: a new run refuses it unless asked to overwrite, and overwriting deletes NemdEngine's own
/// files only (files it does not know, such as the deck, stay). <c>nemd run --resume</c>
/// continues the folder's run (<see cref="Open"/>); samples.bin and checkpoint.bin carry the run
/// id, so `nemd analyze` never reads samples of another run than the folder's.
/// </summary>
public sealed partial class RunFolder : IDisposable
{
    /// <summary>The manifest, created first by every run: {"run_id", "created_utc", "nemd", "deck_path"}.</summary>
    public const string Manifest = "run.json";
    /// <summary>The run's Serilog file.</summary>
    public const string Log = "nemd.log";

    // Files NemdEngine writes into a run folder, and the temporaries they are written through.
    private static readonly string[] Outputs = [RunOutputs.Results, RunOutputs.ReplicasJson, RunOutputs.ReplicasCsv, RunOutputs.Profile, RunOutputs.Plot, RunOutputs.PlotSvg, Theory.TheorySummary.AgfFile, RunOutputs.SpectralOverAgf,
        Spectral.SpectralCsvWriter.Spectral, Spectral.SpectralCsvWriter.Vdos, Spectral.SpectralPlot.Spectral, Spectral.SpectralPlot.SpectralSvg, Spectral.SpectralPlot.Vdos, Spectral.SpectralPlot.VdosSvg];
    private static readonly string[] PlotTemporaries = [RunOutputs.Plot + ".tmp.png", RunOutputs.PlotSvg + ".tmp.svg", RunOutputs.SpectralOverAgf + ".tmp.png",
        Spectral.SpectralPlot.Spectral + ".tmp.png", Spectral.SpectralPlot.SpectralSvg + ".tmp.svg", Spectral.SpectralPlot.Vdos + ".tmp.png", Spectral.SpectralPlot.VdosSvg + ".tmp.svg"];
    private static readonly HashSet<string> KnownFiles = new(
        new[] { Manifest, Log, RunFiles.Samples, H5md.SamplesFile.FileName, RunFiles.Checkpoint }.Concat(Outputs)
            .SelectMany(name => new[] { name, name + ".tmp" })
            .Concat(PlotTemporaries),
        StringComparer.Ordinal);
    private static readonly HashSet<string> KnownAnalysisFiles = new(
        Outputs.SelectMany(name => new[] { name, name + ".tmp" }).Concat(PlotTemporaries), StringComparer.Ordinal);

    /// <summary>H5MD segments (and their .part, .part.short temporaries) and their index files, of a first or a resumed attempt.</summary>
    [GeneratedRegex(@"^trajectory(-from-\d+)?-(\d{4,}\.h5md(\.part(\.short)?)?|files\.txt(\.tmp)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrajectoryFile();

    /// <summary>The default output folders of `nemd analyze` (analysis-mr{R}-mi{I}-b{N}, or -bauto).</summary>
    [GeneratedRegex(@"^analysis-mr.+-mi.+-b(\d+|auto)$", RegexOptions.CultureInvariant)]
    private static partial Regex AnalysisFolder();

    private FileStream? manifestLock;

    private RunFolder(string directory, string runId, FileStream manifestLock, IReadOnlyList<string> cleared, IReadOnlyList<string> kept, bool adopted)
    {
        (Directory, RunId, this.manifestLock, Cleared, Kept, Adopted) = (directory, runId, manifestLock, cleared, kept, adopted);
    }

    /// <summary>Full path of the folder.</summary>
    public string Directory { get; }
    public string RunId { get; }
    /// <summary>Entries of an earlier run that <see cref="Claim"/> deleted (with overwrite).</summary>
    public IReadOnlyList<string> Cleared { get; }
    /// <summary>Entries that are not NemdEngine's, left as they were.</summary>
    public IReadOnlyList<string> Kept { get; }
    /// <summary>True when <see cref="Open"/> found a folder from before run ids (no run.json) and wrote one.</summary>
    public bool Adopted { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Is <paramref name="name"/> (a file name in a run folder) one that NemdEngine writes?</summary>
    public static bool IsRunFile(string name) => KnownFiles.Contains(name) || TrajectoryFile().IsMatch(name);

    /// <summary>
    /// Claims <paramref name="directory"/> (created if missing) for a new run: writes run.json with a
    /// new run id and keeps it locked until <see cref="Dispose"/>.
    /// </summary>
    /// <param name="overwrite">Delete an earlier run's files first (NemdEngine's files only) instead of refusing.</param>
    /// <exception cref="RunFolderException">The folder holds another run (and not <paramref name="overwrite"/>), or a running nemd holds it.</exception>
    public static RunFolder Claim(string directory, bool overwrite, string? deckPath = null)
    {
        string dir = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(dir);
        string manifest = Path.Combine(dir, Manifest);
        // A running nemd holds its manifest locked: never clear a folder in use.
        if (File.Exists(manifest)) LockExisting(dir).Dispose();
        var (run, kept) = Scan(dir);
        if (run.Count > 0 && !overwrite)
        {
            string which = TryReadRunId(dir) is { } earlier ? $"another run ({earlier}: {Describe(run)})" : $"another run ({Describe(run)})";
            throw new RunFolderException($"{dir} holds {which}; --overwrite clears it (NemdEngine's files only), or choose another --out");
        }
        var cleared = new List<string>();
        if (run.Count > 0)
        {
            // The manifest last: a folder cleared halfway still counts as holding a run.
            foreach (var entry in run.OrderBy(e => e.Name == Manifest))
            {
                Delete(dir, entry);
                cleared.Add(entry.Name);
            }
        }
        string id = NewRunId();
        return new RunFolder(dir, id, CreateManifest(dir, id, deckPath), cleared, kept, adopted: false);
    }

    /// <summary>
    /// Opens the folder of an existing run to continue it (`nemd run --resume`), locking its
    /// run.json. A folder from before run ids gets a run.json with the checkpoint's run id (or a new one).
    /// </summary>
    /// <param name="checkpointRunId">The run id stored in the folder's checkpoint.bin (null for format 1 and 2).</param>
    /// <exception cref="RunFolderException">A running nemd holds the folder, or its checkpoint is from another run than its run.json.</exception>
    public static RunFolder Open(string directory, string? checkpointRunId)
    {
        string dir = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(dir, Manifest)))
        {
            string adopted = checkpointRunId ?? NewRunId();
            return new RunFolder(dir, adopted, CreateManifest(dir, adopted, deckPath: null), [], [], adopted: true);
        }
        var handle = LockExisting(dir);
        try
        {
            string id = ReadManifest(dir, handle);
            if (checkpointRunId is not null && checkpointRunId != id)
                throw new RunFolderException($"{Path.Combine(dir, RunFiles.Checkpoint)} belongs to run {checkpointRunId}, but {Path.Combine(dir, Manifest)} names run {id}: the folder mixes two runs");
            return new RunFolder(dir, id, handle, [], [], adopted: false);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The run id of the folder's run.json, or null when it has none (a folder from before run ids, or not a run).</summary>
    /// <exception cref="RunFolderException">A running nemd holds the folder, or run.json is unreadable.</exception>
    public static string? ReadRunId(string directory)
    {
        string dir = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(dir, Manifest))) return null;
        FileStream handle;
        try { handle = new FileStream(Path.Combine(dir, Manifest), FileMode.Open, FileAccess.Read, FileShare.Read); }
        catch (FileNotFoundException) { return null; }
        catch (IOException e) when (IsLocked(e)) { throw InUse(dir); }
        using (handle) return ReadManifest(dir, handle);
    }

    private static string? TryReadRunId(string dir)
    {
        try { return ReadRunId(dir); }
        catch (IOException) { return null; }
    }

    /// <summary>Fails unless a file's run id is the folder's (a folder without run.json accepts anything).</summary>
    /// <param name="folderRunId">From <see cref="ReadRunId"/>.</param>
    public static void CheckSameRun(string? folderRunId, string? fileRunId, string file)
    {
        if (folderRunId is null || fileRunId == folderRunId) return;
        string from = fileRunId is null ? "an earlier run (it carries no run id)" : $"run {fileRunId}";
        throw new RunFolderException($"{file} is from {from}, not from run {folderRunId} named by {Path.Combine(Path.GetDirectoryName(file) ?? "", Manifest)}");
    }

    /// <summary>Releases the folder (the lock on run.json); the files stay.</summary>
    public void Dispose()
    {
        manifestLock?.Dispose();
        manifestLock = null;
    }

    private static string NewRunId() => Guid.CreateVersion7().ToString("D");

    private sealed record Entry(string Name, bool IsFolder);

    /// <summary>Splits a folder's entries into NemdEngine run files (and analysis folders holding its files) and the rest.</summary>
    private static (List<Entry> Run, List<string> Kept) Scan(string dir)
    {
        var run = new List<Entry>();
        var kept = new List<string>();
        foreach (var info in new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            bool folder = info is DirectoryInfo && info.LinkTarget is null;
            if (folder ? AnalysisFolder().IsMatch(info.Name) && HoldsAnalysis(info.FullName) : info is FileInfo && IsRunFile(info.Name))
                run.Add(new Entry(info.Name, folder));
            else
                kept.Add(info.Name);
        }
        return (run, kept);
    }

    private static bool HoldsAnalysis(string folder) =>
        System.IO.Directory.EnumerateFiles(folder).Any(f => KnownAnalysisFiles.Contains(Path.GetFileName(f)));

    /// <summary>Deletes a run file, or an analysis folder's NemdEngine files and then the folder if nothing else is in it.</summary>
    private static void Delete(string dir, Entry entry)
    {
        string path = Path.Combine(dir, entry.Name);
        if (!entry.IsFolder)
        {
            File.Delete(path);
            return;
        }
        foreach (string file in System.IO.Directory.EnumerateFiles(path).Where(f => KnownAnalysisFiles.Contains(Path.GetFileName(f))).ToList())
            File.Delete(file);
        if (!System.IO.Directory.EnumerateFileSystemEntries(path).Any()) System.IO.Directory.Delete(path);
    }

    private static string Describe(List<Entry> run)
    {
        var names = run.Select(e => e.IsFolder ? e.Name + "/" : e.Name).ToList();
        return names.Count <= 4 ? string.Join(", ", names) : string.Join(", ", names.Take(4)) + $" and {names.Count - 4} more";
    }

    private static FileStream CreateManifest(string dir, string id, string? deckPath)
    {
        string path = Path.Combine(dir, Manifest);
        FileStream handle;
        // CreateNew: of two runs claiming the same folder at once, one gets it.
        try { handle = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException e) when (File.Exists(path) && e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new RunFolderException($"{dir} was claimed by another nemd at the same moment ({Manifest} appeared); choose another --out");
        }
        try
        {
            var json = new JsonObject
            {
                ["run_id"] = id,
                ["created_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["nemd"] = BuildInfo.Description,
                ["deck_path"] = deckPath is null ? null : Path.GetFullPath(deckPath),
            };
            handle.Write(JsonSerializer.SerializeToUtf8Bytes(json, new JsonSerializerOptions { WriteIndented = true }));
            handle.Write("\n"u8);
            handle.Flush(flushToDisk: true);
            return handle;
        }
        catch (Exception e)
        {
            handle.Dispose();
            AtomicFile.TryDelete(path);
            if (e is IOException or UnauthorizedAccessException) throw AtomicFile.WriteFailed(path, e);
            throw;
        }
    }

    /// <summary>Opens the existing run.json with an exclusive lock (advisory flock on Linux).</summary>
    private static FileStream LockExisting(string dir)
    {
        try { return new FileStream(Path.Combine(dir, Manifest), FileMode.Open, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException e) when (IsLocked(e)) { throw InUse(dir); }
    }

    private static RunFolderException InUse(string dir) =>
        new($"{dir} is in use by a running nemd (its {Manifest} is locked); wait for it to finish, or choose another --out");

    // A sharing violation: EWOULDBLOCK from flock on Linux (errno 11), ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows.
    private static bool IsLocked(IOException e) =>
        e is not FileNotFoundException and not DirectoryNotFoundException
        && e.HResult is 11 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    private static string ReadManifest(string dir, FileStream handle)
    {
        string path = Path.Combine(dir, Manifest);
        try
        {
            handle.Position = 0;
            var json = JsonNode.Parse(handle);
            return json?["run_id"]?.GetValue<string>() is { Length: > 0 } id ? id : throw new RunFolderException($"{path}: corrupt: no run_id");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new RunFolderException($"{path}: corrupt: {e.Message}");
        }
    }
}
