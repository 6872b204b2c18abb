using System.Text.Json;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Sampling;
using NemdEngine.Simulation;

namespace NemdEngine.IO;

/// <summary>
/// A run's state at the end of a step: the deck as run (JSON of the effective <see cref="Deck"/>,
/// command-line overrides applied), the backend it ran on, the phase and production bookkeeping,
/// the wall time so far (s), the complete simulation state and everything the sampler recorded.
/// </summary>
public sealed record RunCheckpoint
{
    /// <summary>The run this state belongs to (<see cref="RunFolder"/>'s run.json); null in checkpoints of format 1 and 2.</summary>
    public string? RunId { get; init; }
    public required Deck Deck { get; init; }
    /// <summary>Backend name as given to --device (cpu, ilgpu-cpu, ...).</summary>
    public required string Device { get; init; }
    public required bool InProduction { get; init; }
    /// <summary>Step at which production began (valid when InProduction).</summary>
    public required long ProductionStartStep { get; init; }
    /// <summary>Bath energies (energy) at the start of production, subtracted from every sample.</summary>
    public required double HotBathAtStart { get; init; }
    public required double ColdBathAtStart { get; init; }
    public required double WallSeconds { get; init; }
    public required SimulationSnapshot Simulation { get; init; }
    public required ProductionSamples Samples { get; init; }
    public required long[] BinCountTotals { get; init; }
    /// <summary>The time-to-answer clock: since when (wall seconds, step) R_K's error has stayed below target; null when it is not below.</summary>
    public (double WallSeconds, long Step)? AnswerBelowSince { get; init; }
    /// <summary>The spectral heat current's sums and partial segment ([spectral]); null when the run has none (and in formats 1 to 3).</summary>
    public Sampling.Spectral.SpectralSamplerState? Spectral { get; init; }
}

/// <summary>The production samples of a finished run and its facts (with its run id, <see cref="RunInfo.RunId"/>): what `nemd analyze` needs.</summary>
public sealed record StoredSamples(Deck Deck, RunInfo Info, ProductionSamples Samples);

/// <summary>checkpoint.bin and samples.bin in a run folder (format: <see cref="CheckedBinaryFile"/>).</summary>
public static class RunFiles
{
    public const string Checkpoint = "checkpoint.bin", Samples = "samples.bin";
    private const string CheckpointKind = "CKPT", SamplesKind = "SMPL";
    // Checkpoint format 2 adds the time-to-answer clock at the end, format 3 the run id first,
    // format 4 the spectral heat current's state at the end; samples format 2 adds the run id first.
    // Older files are still read (their run id is null).
    private const uint CheckpointVersion = 4, SamplesVersion = 2;

    public static void WriteCheckpoint(string path, RunCheckpoint c) => CheckedBinaryFile.Write(path, CheckpointKind, CheckpointVersion, w =>
    {
        w.WriteNullable(c.RunId);
        w.Write(DeckToJson(c.Deck));
        w.Write(c.Device);
        w.Write(c.InProduction);
        w.Write(c.ProductionStartStep);
        w.Write(c.HotBathAtStart);
        w.Write(c.ColdBathAtStart);
        w.Write(c.WallSeconds);
        var s = c.Simulation;
        w.Write(s.Step);
        w.WriteArray<Vec3>(s.Positions);
        w.WriteArray<Vec3>(s.Velocities);
        w.WriteArray<Vec3>(s.Forces);
        w.WriteArray<Vec3>(s.ReferencePositions);
        w.WriteArray<double>(s.BathEnergy);
        w.Write(s.Neighbors.CellCapacity);
        w.Write(s.Neighbors.NeighborCapacity);
        w.Write(s.Neighbors.Builds);
        w.WriteArray<int>(s.Neighbors.Counts);
        w.WriteArray<int>(s.Neighbors.Entries);
        WriteSamples(w, c.Samples);
        w.WriteArray<long>(c.BinCountTotals);
        w.Write(c.AnswerBelowSince is not null);
        w.Write(c.AnswerBelowSince?.WallSeconds ?? 0);
        w.Write(c.AnswerBelowSince?.Step ?? 0);
        w.Write(c.Spectral is not null);
        if (c.Spectral is { } sp)
        {
            var welch = sp.Welch;
            w.Write(sp.Samples);
            w.Write(welch.Atoms);
            w.Write(welch.SegmentSamples);
            w.Write(welch.Fill);
            w.Write(welch.Segments);
            w.WriteArray<float>(welch.Buffer);
            w.WriteArray<double>(welch.CrossA);
            w.WriteArray<double>(welch.CrossB);
            w.WriteArray<double>(welch.DosA);
            w.WriteArray<double>(welch.DosB);
            w.WriteArray<double>(welch.SegmentPower);
        }
    });

    public static RunCheckpoint ReadCheckpoint(string path)
    {
        var (version, r) = CheckedBinaryFile.Read(path, CheckpointKind, CheckpointVersion);
        using var _ = r;
        string? runId = version >= 3 ? r.ReadNullableString("run id") : null;
        var deck = DeckFromJson(r, r.ReadString("deck"));
        string device = r.ReadString("device");
        bool production = r.ReadBoolean("phase");
        long start = r.ReadInt64("production start step");
        double hot0 = r.ReadDouble("hot bath energy"), cold0 = r.ReadDouble("cold bath energy"), wall = r.ReadDouble("wall time");
        long step = r.ReadInt64("step");
        var positions = r.ReadArray<Vec3>("positions");
        int n = positions.Length;
        var simulation = new SimulationSnapshot(step, positions, r.ReadArray<Vec3>("velocities", n), r.ReadArray<Vec3>("forces", n),
            r.ReadArray<Vec3>("reference positions", n), r.ReadArray<double>("bath energies", n),
            new NeighborSnapshot(r.ReadInt32("cell capacity"), r.ReadInt32("neighbor capacity"), r.ReadInt64("neighbor builds"),
                r.ReadArray<int>("neighbor counts", n), r.ReadArray<int>("neighbors")));
        var samples = ReadSamples(r);
        var totals = r.ReadArray<long>("bin count totals", samples.BinCenters.Length);
        (double, long)? answer = null;
        if (version >= 2)
        {
            bool below = r.ReadBoolean("answer clock");
            double since = r.ReadDouble("answer clock time");
            long sinceStep = r.ReadInt64("answer clock step");
            if (below) answer = (since, sinceStep);
        }
        Sampling.Spectral.SpectralSamplerState? spectral = null;
        if (version >= 4 && r.ReadBoolean("spectral"))
        {
            long taken = r.ReadInt64("spectral samples");
            int atoms = r.ReadInt32("spectral atoms"), segment = r.ReadInt32("spectral segment samples"), fill = r.ReadInt32("spectral fill"), segments = r.ReadInt32("spectral segments");
            if (atoms < 0 || segment < 4 || fill < 0 || fill >= segment || segments < 0) throw r.Corrupt("spectral state: inconsistent sizes");
            int bins = segment / 2 + 1;
            spectral = new Sampling.Spectral.SpectralSamplerState(taken, new Sampling.Spectral.WelchState(atoms, segment, fill, segments,
                r.ReadArray<float>("spectral segment", (long)fill * 6 * atoms), r.ReadArray<double>("spectral cross A", bins), r.ReadArray<double>("spectral cross B", bins),
                r.ReadArray<double>("spectral dos A", bins), r.ReadArray<double>("spectral dos B", bins), r.ReadArray<double>("spectral segment powers", segments)));
        }
        r.End();
        if (step < 0 || (production && (start < 0 || start > step)))
            throw r.Corrupt($"step {step} and production start {start} are inconsistent");
        deck = Validated(path, deck);
        return new RunCheckpoint
        {
            RunId = runId, Deck = deck, Device = device, InProduction = production, ProductionStartStep = start,
            HotBathAtStart = hot0, ColdBathAtStart = cold0, WallSeconds = wall, Simulation = simulation, Samples = samples, BinCountTotals = totals,
            AnswerBelowSince = answer, Spectral = spectral,
        };
    }

    public static void WriteSamples(string path, StoredSamples s) => CheckedBinaryFile.Write(path, SamplesKind, SamplesVersion, w =>
    {
        w.WriteNullable(s.Info.RunId);
        w.Write(DeckToJson(s.Deck));
        var i = s.Info;
        w.Write(i.Atoms);
        w.Write(i.Steps);
        w.Write(i.WallSeconds);
        w.Write(i.AtomStepsPerSecond);
        w.Write(i.Device);
        w.Write(i.Seed);
        w.WriteNullable(i.DeckPath);
        w.WriteNullable(i.DeckText);
        WriteSamples(w, s.Samples);
    });

    public static StoredSamples ReadSamples(string path)
    {
        var (version, r) = CheckedBinaryFile.Read(path, SamplesKind, SamplesVersion);
        using var _ = r;
        string? runId = version >= 2 ? r.ReadNullableString("run id") : null;
        var deck = DeckFromJson(r, r.ReadString("deck"));
        var info = new RunInfo(r.ReadInt32("atoms"), r.ReadInt64("steps"), r.ReadDouble("wall time"), r.ReadDouble("throughput"),
            r.ReadString("device"), r.ReadUInt64("seed"), r.ReadNullableString("deck path"), r.ReadNullableString("deck text")) { RunId = runId };
        var samples = ReadSamples(r);
        r.End();
        return new StoredSamples(Validated(path, deck), info, samples);
    }

    private static void WriteSamples(BinaryWriter w, ProductionSamples s)
    {
        w.WriteArray<double>(s.BinCenters);
        w.Write(s.BinWidth);
        w.WriteArray<int>(s.BinRegions.Select(x => (int)x).ToArray());
        w.WriteArray<double>(s.AtomsPerBin);
        w.WriteArray<double>(s.Times);
        w.WriteArray<double>(s.Temperatures.SelectMany(t => t).ToArray());
        w.WriteArray<double>(s.HotBathEnergy);
        w.WriteArray<double>(s.ColdBathEnergy);
        w.WriteArray<double>(s.HotReservoirTemperature);
        w.WriteArray<double>(s.ColdReservoirTemperature);
    }

    private static ProductionSamples ReadSamples(PayloadReader r)
    {
        var centers = r.ReadArray<double>("bin centres");
        int bins = centers.Length;
        double width = r.ReadDouble("bin width");
        var regions = r.ReadArray<int>("bin regions", bins);
        if (regions.Any(x => !Enum.IsDefined((Region)x))) throw r.Corrupt("unknown bin region");
        var atoms = r.ReadArray<double>("atoms per bin", bins);
        var times = r.ReadArray<double>("sample times");
        int n = times.Length;
        var flat = r.ReadArray<double>("temperatures", (long)n * bins);
        return new ProductionSamples
        {
            BinCenters = centers,
            BinWidth = width,
            BinRegions = regions.Select(x => (Region)x).ToArray(),
            AtomsPerBin = atoms,
            Times = times,
            Temperatures = Enumerable.Range(0, n).Select(k => flat.AsSpan(k * bins, bins).ToArray()).ToArray(),
            HotBathEnergy = r.ReadArray<double>("hot bath energies", n),
            ColdBathEnergy = r.ReadArray<double>("cold bath energies", n),
            HotReservoirTemperature = r.ReadArray<double>("hot reservoir temperatures", n),
            ColdReservoirTemperature = r.ReadArray<double>("cold reservoir temperatures", n),
        };
    }

    // The effective deck as JSON: doubles round-trip exactly, and a deck built or edited in code
    // (tests) is stored as run, not as its source text.
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = false };

    private static string DeckToJson(Deck deck) => JsonSerializer.Serialize(deck, Json);

    /// <summary>
    /// The stored deck, checked like a deck read from TOML (a file can be crafted or come from another
    /// build); a <see cref="DeckException"/> names the file and the key. Later messages name the file too.
    /// </summary>
    private static Deck Validated(string path, Deck deck)
    {
        deck = deck with { Origin = DeckOrigin.Keys($"{path} (stored deck)") };
        DeckValidator.Validate(deck, stored: true);
        return deck;
    }

    private static Deck DeckFromJson(PayloadReader r, string json)
    {
        try { return JsonSerializer.Deserialize<Deck>(json, Json) ?? throw r.Corrupt("empty deck"); }
        // JsonException's message names .NET types: say where the JSON went wrong instead.
        catch (JsonException e) { throw r.Corrupt($"deck: not a deck in JSON{(e.Path is { Length: > 1 } at ? $" (at {at})" : "")}"); }
    }
}
