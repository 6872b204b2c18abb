using NemdEngine.Sampling.Spectral;

namespace NemdEngine.Input;

public static partial class DeckValidator
{
    /// <summary>
    /// [spectral]: a slab that covers every pair across the interface (thickness ≥ the largest cutoff),
    /// a sample interval of at least 1, and a resolution the run is long enough for (production holds at
    /// least <see cref="SpectralPlan.MinimumSegmentLengths"/> segments). Whether any atoms interact
    /// across the interface is known once the atoms are placed: the runner checks it before the first
    /// step (<see cref="SpectralSampler.RequireInterfacePairs"/>).
    /// </summary>
    private static void ValidateSpectral(Deck deck, SpectralSpec s, double cutoff, bool stored, Model.UnitSystem units,
        Func<string, string, string, DeckException> error, Action<string, string, double, string> kernel)
    {
        if (s.SampleInterval is int interval && interval < 1) throw error("spectral", "sample_interval", $"must be at least 1 step, got {interval}");
        if (s.Thickness is double thickness)
        {
            kernel("spectral", "thickness", thickness, "length");
            if (thickness < cutoff)
                throw error("spectral", "thickness",
                    $"must be at least the largest potential cutoff r_c = {F(cutoff)} {units.Length}: an atom up to r_c from the interface plane interacts across it, and a thinner slab misses part of the heat current; got {F(thickness)} {units.Length}");
        }
        if (s.Resolution is double df) kernel("spectral", "resolution", df, "frequency (1/time)");
        var plan = SpectralPlan.For(deck, cutoff);
        string key = s.Resolution is null ? "sample_interval" : "resolution";
        if (plan.SegmentSamples > SpectralPlan.MaxSegmentSamples)
            throw error("spectral", key, $"asks for segments of {F(plan.SegmentSamples)} samples (Δf = {F(plan.Resolution)} 1/{units.Time} with a sample every {F(plan.SampleTime)} {units.Time}); at most {SpectralPlan.MaxSegmentSamples} are supported: a coarser resolution");
        long samples = deck.Run.ProductionSteps / plan.SampleInterval;
        long needed = (long)SpectralPlan.MinimumSegmentLengths * plan.SegmentSamples;
        if (!stored && samples < needed)
        {
            double finest = 1 / (samples / (double)SpectralPlan.MinimumSegmentLengths * plan.SampleTime);
            throw error("spectral", key,
                $"a resolution of {F(plan.Resolution)} 1/{units.Time} needs segments of {plan.SegmentSamples} samples ({F(plan.SegmentSamples * plan.SampleTime)} {units.Time}, a sample every {plan.SampleInterval} steps); "
                + $"run.production_steps = {deck.Run.ProductionSteps} gives {samples} samples, and at least {needed} ({SpectralPlan.MinimumSegmentLengths} segments) are needed: "
                + $"a resolution of at least {F(finest)} 1/{units.Time} or a longer run");
        }
    }

    /// <summary>
    /// A spectral request needs atoms on both sides of the interface within a cutoff of each other: the
    /// closest pair across (in z, among the mobile atoms of the slab) must be nearer than the largest
    /// cutoff between a species of side A's slab and one of side B's. Otherwise there is no interfacial
    /// heat current to decompose (a gap between the sides, a cross pair that does not reach).
    /// </summary>
    private static void ValidateSpectralInterface(Deck deck, IReadOnlyList<Potentials.IPotentialTable> potentials, double cutoff, Model.UnitSystem units,
        Func<string, string, string, DeckException> error)
    {
        var (system, layout) = Setup.DeckSystem.Build(deck);
        double thickness = deck.Spectral!.Thickness ?? cutoff, zi = layout.InterfaceZ;
        double topA = double.NegativeInfinity, bottomB = double.PositiveInfinity;
        var typesA = new HashSet<int>();
        var typesB = new HashSet<int>();
        for (int i = 0; i < system.Count; i++)
        {
            double z = system.Positions[i].Z;
            if (system.Regions[i] == Model.Region.Frozen || Math.Abs(z - zi) > thickness) continue;
            if (z < zi) { topA = Math.Max(topA, z); typesA.Add(system.Types[i]); }
            else { bottomB = Math.Min(bottomB, z); typesB.Add(system.Types[i]); }
        }
        // The segment the host holds: 6 floats per sampled atom per sample (the sums beside it are small).
        long sampled = system.Positions.Select((p, i) => (p, i)).LongCount(x => system.Regions[x.i] != Model.Region.Frozen && Math.Abs(x.p.Z - zi) <= thickness);
        var plan = SpectralPlan.For(deck, cutoff);
        double bytes = 24.0 * sampled * plan.SegmentSamples, available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > 0.5 * available)
            throw error("spectral", deck.Spectral.Resolution is null ? "thickness" : "resolution",
                $"the spectral segment of {sampled} atoms × {plan.SegmentSamples} samples needs {bytes / 1e9:F1} GB, more than half the {available / 1e9:F1} GB available: a coarser resolution or a thinner slab");
        double reach = 0;
        foreach (int a in typesA)
            foreach (int b in typesB)
                foreach (var table in potentials)
                    reach = Math.Max(reach, table is Potentials.LennardJonesTable lj ? Math.Sqrt(lj.Entries[a * lj.TypeCount + b].CutoffSquared) : table.MaxCutoff);
        double gap = bottomB - topA;
        if (!(gap < reach))
            throw error("spectral", "enabled",
                $"no atoms interact across the interface at z = {F(zi)} {units.Length}: "
                + (typesA.Count == 0 || typesB.Count == 0
                    ? $"the slab within {F(thickness)} {units.Length} of it holds no mobile atom of side {(typesA.Count == 0 ? "A" : "B")}"
                    : $"the closest atoms of the two sides are {F(gap)} {units.Length} apart along z, beyond the largest cutoff between their species ({F(reach)} {units.Length})")
                + "; there is no interfacial heat current to decompose");
    }
}
