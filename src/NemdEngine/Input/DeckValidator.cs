using System.Globalization;
using NemdEngine.Analysis;
using NemdEngine.Lattice;
using NemdEngine.Potentials;
using NemdEngine.Sampling;
using NemdEngine.Simulation;

namespace NemdEngine.Input;

/// <summary>
/// Every check a deck can be given before the first step: types and ranges (each real a finite,
/// normal float32 where it reaches the kernels), species references, duplicate pairs, the regions
/// along z, the fit windows in atomic planes and in bins, enough samples for the blocks, and the
/// memory the run needs. One validator for every entry point: <see cref="DeckReader"/> (after the
/// command-line overrides), the runner (decks built in code), checkpoint and samples files. Each
/// failure names the key through the deck's <see cref="DeckOrigin"/>: its file and line, the
/// command-line option that set it, or the key alone.
/// </summary>
public static partial class DeckValidator
{
    /// <summary>
    /// Fewest production samples for an error bar when blocks are chosen from the data: blocking
    /// needs a few levels, and the steady-state check at least 4 blocks.
    /// </summary>
    public const int MinimumSamples = 32;
    /// <summary>Samples each block of the analysis needs at least; production must give blocks × this many.</summary>
    public const int MinimumSamplesPerBlock = 2;
    /// <summary>The largest seed, in the deck and for --seed: a TOML integer is an int64.</summary>
    public const long MaxSeed = long.MaxValue;
    /// <summary>The most steps a run may have (equilibration + production): far beyond any run, and no step counter overflows.</summary>
    public const long MaxSteps = 1L << 62;

    /// <summary>The smallest normal float32, 2^-126: smaller values lose precision (subnormal) or flush to 0 in the kernels.</summary>
    private const double MinNormalFloat32 = 1.1754943508222875e-38;

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
    private static string Q(string? s) => $"\"{DeckText.Clip(s)}\"";

    /// <summary>The range a real must lie in to reach the float32 kernels as a normal, finite number.</summary>
    private static readonly string Float32Range = $"{F(MinNormalFloat32)} to {F(float.MaxValue)} (the kernels compute in float32)";

    /// <summary>Validates <paramref name="deck"/>; problems name keys through <see cref="Deck.Origin"/> (or the key alone).</summary>
    /// <param name="stored">The deck of a run already made (read from a checkpoint or samples file): the rule on how many
    /// samples production must give is about planning a run, and decks of older builds obeyed older rules; the analysis
    /// of stored samples checks what it needs itself.</param>
    public static void Validate(Deck deck, bool stored = false)
    {
        var origin = deck.Origin ?? DeckOrigin.Keys(deck.SourcePath);
        DeckException Error(string table, string key, string problem) => origin.Error(table, key, problem);

        // A real that reaches the kernels as a float32: positive, finite, neither overflowing nor flushed to 0 or a subnormal.
        void Kernel(string table, string key, double x, string what)
        {
            if (!(x > 0)) throw Error(table, key, $"must be positive ({what}), got {F(x)}");
            if (!(x >= MinNormalFloat32 && x <= float.MaxValue)) throw Error(table, key, $"must be a {what} from {Float32Range}, got {F(x)}");
        }
        void Finite(string table, string key, double x, string what)
        {
            if (!double.IsFinite(x)) throw Error(table, key, $"must be a finite {what}, got {F(x)}");
        }

        RequireParts(deck, Error);

        var units = Model.UnitSystem.All.FirstOrDefault(u => u.Name == deck.Units)
            ?? throw Error("", "units", $"unsupported unit system {Q(deck.Units)}; expected one of {Model.UnitSystem.Names}");
        if (deck.Seed > (ulong)MaxSeed) throw Error("", "seed", $"must be a whole number from 0 to {MaxSeed}, got {deck.Seed}");
        if (deck.Species.Count == 0) throw Error("", "species", "at least one [[species]] is required");
        for (int s = 0; s < deck.Species.Count; s++)
        {
            var sp = deck.Species[s];
            Kernel($"species[{s}]", "mass", sp.Mass, "mass");
            int earlier = deck.Species.Take(s).ToList().FindIndex(o => o.Name == sp.Name);
            if (earlier >= 0) throw Error($"species[{s}]", "name", $"species {Q(sp.Name)} is defined twice (first at {origin.Where($"species[{earlier}]", "name")})");
        }
        var names = deck.Species.Select(s => s.Name).ToHashSet();
        string Defined() => DeckText.Clip(string.Join(", ", names));
        for (int p = 0; p < deck.Pairs.Count; p++)
        {
            var pair = deck.Pairs[p];
            foreach (var n in new[] { pair.SpeciesI, pair.SpeciesJ })
                if (!names.Contains(n)) throw Error($"pair[{p}]", "species", $"unknown species {Q(n)}; defined: {Defined()}");
            int earlier = deck.Pairs.Take(p).ToList().FindIndex(o =>
                (o.SpeciesI == pair.SpeciesI && o.SpeciesJ == pair.SpeciesJ) || (o.SpeciesI == pair.SpeciesJ && o.SpeciesJ == pair.SpeciesI));
            if (earlier >= 0)
                throw Error($"pair[{p}]", "species",
                    $"the pair {DeckText.Clip(pair.SpeciesI)}-{DeckText.Clip(pair.SpeciesJ)} is given twice: here and by the [[pair]] at {origin.Where($"pair[{earlier}]", "species")}; keep one");
            Kernel($"pair[{p}]", "epsilon", pair.Epsilon, "well depth");
            Kernel($"pair[{p}]", "sigma", pair.Sigma, "length");
            Kernel($"pair[{p}]", "cutoff", pair.Cutoff, "length");
            // What the force kernel holds: 4 ε σ¹², 4 ε σ⁶, r_c² and the shift, each a float32.
            var k = Kernels.Potentials.LennardJonesParams.Create(pair.Epsilon, pair.Sigma, pair.Cutoff, pair.Shift);
            if (!(float.IsNormal(k.C12) && float.IsNormal(k.C6)))
                throw Error($"pair[{p}]", "sigma", $"with epsilon = {F(pair.Epsilon)}, 4 ε σ¹² = {F(4 * pair.Epsilon * Math.Pow(pair.Sigma, 12))} and 4 ε σ⁶ = {F(4 * pair.Epsilon * Math.Pow(pair.Sigma, 6))} must lie in {Float32Range}, got sigma = {F(pair.Sigma)}");
            if (!float.IsNormal(k.CutoffSquared) || !float.IsFinite(k.Shift))
                throw Error($"pair[{p}]", "cutoff", $"r_c² and the energy shift must lie in {Float32Range}, got cutoff = {F(pair.Cutoff)}");
        }
        if (deck.Pairs.Count > 0)
        {
            try { PairTable.ResolvePairs(deck); }
            catch (ArgumentException e) { throw Error("", "pair", e.Message); }
        }
        else if (deck.Potentials.Count == 0)
            throw Error("", "pair", "no potential: give [[pair]]s (Lennard-Jones) or a [[potential]] file");
        if (deck.Potentials.Count > 0)
            for (int s = 0; s < deck.Species.Count; s++)
                if (string.IsNullOrEmpty(deck.Species[s].Element))
                    throw Error($"species[{s}]", "element", $"is required by the [[potential]] files: the element species {Q(deck.Species[s].Name)} is in them (e.g. \"Si\")");
        // The potential files are read now: a missing entry or a malformed line is found before anything runs.
        var potentials = new List<Potentials.IPotentialTable>();
        if (deck.Pairs.Count > 0) potentials.Add(Potentials.LennardJonesTable.FromPairs(PairTable.ResolvePairs(deck), deck.Species.Select(x => x.Name).ToArray()));
        for (int p = 0; p < deck.Potentials.Count; p++)
        {
            try { potentials.Add(deck.Potentials[p].Load(Setup.DeckPotentials.Elements(deck))); }
            catch (Potentials.Files.PotentialFileException e) { throw Error($"potential[{p}]", "file", e.Message); }
        }
        double cutoff = Setup.DeckPotentials.MaxCutoff(potentials);

        // The atoms' box (x, y lengths) and where the deck says it is set: built from a lattice, or read from a file.
        (double X, double Y, string Table, string Key, string Description) Built()
        {
            string Styles() => string.Join(", ", Lattice.CrystalLattice.All.Select(l => $"\"{l.Style}\""));
            Lattice.CrystalLattice Crystal(string table, SideLatticeSpec side)
            {
                var crystal = Lattice.CrystalLattice.Find(side.Type) ?? throw Error(table, "type", $"unsupported lattice {Q(side.Type)}; expected one of {Styles()}");
                Kernel(table, "constant", side.Constant, "length");
                return crystal;
            }
            var l = deck.Lattice ?? throw Error("", "lattice", "is missing: give [lattice] and [geometry] to build the atoms, or [structure] to read them");
            var g = deck.Geometry ?? throw Error("", "geometry", "is missing: give [lattice] and [geometry] to build the atoms, or [structure] to read them");
            Crystal("lattice", new SideLatticeSpec(l.Type, l.Constant));
            var crystalA = Crystal(l.A is null ? "lattice" : "lattice.A", l.SideA);
            var crystalB = Crystal(l.B is null ? "lattice" : "lattice.B", l.SideB);
            if (l.InPlane == "value")
            {
                if (l.InPlaneConstant is not double inPlane) throw Error("lattice", "in_plane", "is \"value\" without a length");
                Kernel("lattice", "in_plane", inPlane, "length");
            }
            else if (!LatticeSpec.InPlaneRules.Contains(l.InPlane))
                throw Error("lattice", "in_plane", $"expected \"A\", \"B\", \"mean\" or a length, got {Q(l.InPlane)}");
            double a = l.InPlaneValue;
            foreach (var (side, spec, crystal) in new[] { ("A", l.SideA, crystalA), ("B", l.SideB, crystalB) })
            {
                double strain = a / spec.Constant - 1;
                if (Math.Abs(strain) > 0.1)
                    throw Error("lattice", "in_plane", $"strains side {side} by {F(100 * strain)} % in plane (a = {F(a)} against its {F(spec.Constant)}); at most 10 % is accepted");
            }
            // Atoms closer than half the potential's nearest-neighbour distance: a wrong constant or unit, not a crystal.
            var elements = deck.Potentials.Count > 0 ? Setup.DeckPotentials.Elements(deck) : null;
            foreach (var (side, spec, crystal, speciesName) in new[] { ("A", l.SideA, crystalA, g.SpeciesA), ("B", l.SideB, crystalB, g.SpeciesB) })
            {
                double nearest = Math.Min(a, spec.Constant) * crystal.NearestNeighbour;
                int type = deck.Species.ToList().FindIndex(x => x.Name == speciesName);
                if (type < 0) continue; // the geometry check below names the unknown species
                double expected = potentials.Max(t => NearestNeighbour(t, type));
                if (nearest < 0.5 * expected)
                    throw Error(side == "A" && l.A is not null ? "lattice.A" : side == "B" && l.B is not null ? "lattice.B" : "lattice", "constant",
                        $"puts side {side}'s nearest neighbours {F(nearest)} apart, less than half the {F(expected)} its potential prefers: expected a constant near {F(spec.Constant * expected / nearest)} ({units.Length})");
            }

            if (g.CellsX < 1 || g.CellsY < 1) throw Error("geometry", "cross_section", $"unit cells must be at least 1, got [{g.CellsX}, {g.CellsY}]");
            if (!names.Contains(g.SpeciesA)) throw Error("geometry", "species_A", $"unknown species {Q(g.SpeciesA)}; defined: {Defined()}");
            if (!names.Contains(g.SpeciesB)) throw Error("geometry", "species_B", $"unknown species {Q(g.SpeciesB)}; defined: {Defined()}");
            if (g.CellsA < 1) throw Error("geometry", "cells_A", $"must be at least 1, got {g.CellsA}");
            if (g.CellsB < 1) throw Error("geometry", "cells_B", $"must be at least 1, got {g.CellsB}");
            if (g.FrozenCells < 0) throw Error("geometry", "frozen_cells", $"must be 0 or more, got {g.FrozenCells}");
            if (g.ReservoirCells < 1) throw Error("geometry", "reservoir_cells", $"must be at least 1, got {g.ReservoirCells}");
            long wall = (long)g.FrozenCells + g.ReservoirCells;
            if (wall >= g.CellsA)
                throw Error("geometry", "reservoir_cells", $"frozen_cells + reservoir_cells = {wall} reach the interface: material A has only cells_A = {g.CellsA} cells");
            if (wall >= g.CellsB)
                throw Error("geometry", "reservoir_cells", $"frozen_cells + reservoir_cells = {wall} reach the interface: material B has only cells_B = {g.CellsB} cells");
            Finite("geometry", "intermix_thickness", g.IntermixThickness, "length");
            if (g.IntermixThickness < 0) throw Error("geometry", "intermix_thickness", $"must be 0 (a sharp interface) or a positive length, got {F(g.IntermixThickness)}");
            if (!(g.IntermixFraction >= 0 && g.IntermixFraction <= 1)) throw Error("geometry", "intermix_fraction", $"must be a fraction from 0 to 1, got {F(g.IntermixFraction)}");
            return (g.CellsX * a, g.CellsY * a, "geometry", "cross_section", $"{g.CellsX} x {g.CellsY} cells");
        }
        var box = deck.Structure is null ? Built() : StructureBox(deck, Error, Kernel, Finite, cutoff, potentials, names);

        var m = deck.Minimize;
        if (m.MaxSteps < 0) throw Error("minimize", "max_steps", $"must be 0 (no minimization) or a positive number of steps, got {m.MaxSteps}");
        Kernel("minimize", "force_tolerance", m.ForceTolerance, "force");

        var th = deck.Thermostat;
        Kernel("thermostat", "t_hot", th.THot, "temperature");
        Kernel("thermostat", "t_cold", th.TCold, "temperature");
        if (th.TCold > th.THot) throw Error("thermostat", "t_cold", $"must not exceed thermostat.t_hot ({F(th.THot)}), got {F(th.TCold)}");
        Kernel("thermostat", "damping", th.Damping, "time");

        var r = deck.Run;
        Kernel("run", "timestep", r.Timestep, "time");
        // The Langevin kernel's per-step decay e^(-dt/damping) in float32: at 1 the baths would do nothing (J = 0, R_K infinite).
        if ((float)Math.Exp(-(float)r.Timestep / th.Damping) >= 1f)
            throw Error("thermostat", "damping",
                $"is too long for run.timestep = {F(r.Timestep)}: e^(-timestep/damping) rounds to 1 in float32, so the reservoirs would exchange no heat; expected at most about {F(1e7 * r.Timestep)}, got {F(th.Damping)}");
        if (r.EquilibrationSteps < 0) throw Error("run", "equilibration_steps", $"must be 0 or more, got {r.EquilibrationSteps}");
        if (r.ProductionSteps < 1) throw Error("run", "production_steps", $"must be positive, got {r.ProductionSteps}");
        if (r.EquilibrationSteps > MaxSteps - r.ProductionSteps)
            throw Error("run", "production_steps", $"with equilibration_steps makes {F((double)r.EquilibrationSteps + r.ProductionSteps)} steps; at most {MaxSteps} are allowed");
        if (r.SampleInterval < 1) throw Error("run", "sample_interval", $"must be at least 1, got {r.SampleInterval}");
        Kernel("run", "skin", r.Skin, "length");
        if (deck.Output.CheckpointInterval is long every && every < 0) throw Error("output", "checkpoint_interval", $"must be 0 (off) or a positive number of steps, got {every}");
        if (r.InitialTemperature is double t0 && t0 != 0) Kernel("run", "initial_temperature", t0, "temperature, or 0");

        var an = deck.Analysis;
        if (an.BinWidth is double w) Kernel("analysis", "bin_width", w, "length");
        if (an.Blocks is int blocks && blocks < 2) throw Error("analysis", "blocks", $"must be at least 2 for a standard error, got {blocks}");
        Finite("analysis", "margin_reservoir", an.MarginReservoir, "length");
        Finite("analysis", "margin_interface", an.MarginInterface, "length");
        if (!(an.FluxTolerance > 0 && an.FluxTolerance < 1))
            throw Error("analysis", "flux_tolerance", $"must be a fraction between 0 and 1 (0.1 = 10 %), got {F(an.FluxTolerance)}");
        if (an.MarginReservoir < 0) throw Error("analysis", "margin_reservoir", $"must be 0 or more, got {F(an.MarginReservoir)}");
        if (an.MarginInterface < 0) throw Error("analysis", "margin_interface", $"must be 0 or more, got {F(an.MarginInterface)}");
        if (!(an.TargetRelativeError > 0 && an.TargetRelativeError < 1))
            throw Error("analysis", "target_relative_error", $"must be a fraction between 0 and 1 (0.1 = 10 %), got {F(an.TargetRelativeError)}");
        long samples = r.ProductionSteps / r.SampleInterval;
        long neededSamples = an.Blocks is int given ? (long)MinimumSamplesPerBlock * given : MinimumSamples;
        if (!stored && samples < neededSamples)
            throw Error("run", "production_steps",
                $"{r.ProductionSteps} steps give {samples} samples (one every run.sample_interval = {r.SampleInterval}); the analysis needs at least {neededSamples}: "
                + (an.Blocks is int b ? $"{MinimumSamplesPerBlock} per block × analysis.blocks = {b}" : "blocks chosen from the data need that many"));

        if (deck.Output.Trajectory is { } tr)
        {
            if (tr.Interval % r.SampleInterval != 0)
                throw Error("output.trajectory", "interval", $"must be a multiple of run.sample_interval ({r.SampleInterval}) so that every frame has its observables, got {tr.Interval}");
            var known = IO.Trajectory.TrajectoryFieldNames.ByName.Keys;
            if (tr.Fields.Count == 0) throw Error("output.trajectory", "fields", $"must name at least one of {string.Join(", ", known)}");
            for (int k = 0; k < tr.Fields.Count; k++)
            {
                if (!known.Contains(tr.Fields[k])) throw Error("output.trajectory", "fields", $"unknown field {Q(tr.Fields[k])}; expected some of {string.Join(", ", known)}");
                if (tr.Fields.Take(k).Contains(tr.Fields[k])) throw Error("output.trajectory", "fields", $"field {Q(tr.Fields[k])} is listed twice");
            }
        }

        if (deck.Spectral is { Enabled: true } spectral) ValidateSpectral(deck, spectral, cutoff, stored, units, Error, Kernel);

        // Sizes: everything below builds on counts an int must hold, so the memory comes first.
        var memory = MemoryEstimate.For(deck);
        if (memory.CountProblem() is var (part, tooMany)) throw Error(part.Table, part.Key, tooMany);
        if (memory.HostProblem() is var (largest, tooLarge)) throw Error(largest.Table, largest.Key, tooLarge);

        double listCutoff = cutoff + r.Skin;
        if (box.X < 3 * listCutoff || box.Y < 3 * listCutoff)
            throw Error(box.Table, box.Key,
                $"{box.Description} ({F(box.X)} x {F(box.Y)}) is too small: the cell list needs at least 3 (r_c + skin) = {F(3 * listCutoff)} in x and y");

        // The fit windows must hold at least 3 atomic planes, and at least 3 bins of the width the profile uses.
        var layout = Setup.DeckSystem.Layout(deck);
        var (windowA, windowB) = KapitzaAnalysis.FitWindows(layout, new FitMargins(an.MarginReservoir, an.MarginInterface));
        // Planes sit in the middle of each side's plane slabs (BilayerBuilder): the default bins, one plane each.
        var planes = ProfileBinning.For(layout, deck.Structure is null ? null : an.BinWidth);
        int planesA = CountIn(windowA, planes.Count, planes.Center);
        int planesB = CountIn(windowB, planes.Count, planes.Center);
        if (planesA < 3 || planesB < 3)
        {
            string key = an.MarginInterface >= an.MarginReservoir ? "margin_interface" : "margin_reservoir";
            throw Error("analysis", key,
                $"margins (reservoir {F(an.MarginReservoir)}, interface {F(an.MarginInterface)}) leave {planesA} atomic planes to fit on the A side and {planesB} on the B side; at least 3 are needed on each");
        }
        var binning = ProfileBinning.For(layout, an.BinWidth);
        int binsA = CountIn(windowA, binning.Count, binning.Center);
        int binsB = CountIn(windowB, binning.Count, binning.Center);
        if (binsA < 3 || binsB < 3)
            throw Error("analysis", "bin_width",
                $"bins {F(binning.WidthA)} wide leave {binsA} bins in the fit window of side A [{F(windowA.Low)}, {F(windowA.High)}] and {binsB} in that of side B [{F(windowB.Low)}, {F(windowB.High)}]; at least 3 are needed on each (narrower bins or smaller margins)");

        // Last, after the memory check: it places the atoms.
        if (deck.Spectral is { Enabled: true } && !stored) ValidateSpectralInterface(deck, potentials, cutoff, units, Error);
    }

    /// <summary>
    /// [structure]: the file reads, names only the deck's species, has no atoms outside its box or
    /// closer than half the potential's nearest-neighbour distance, its regions are ordered
    /// frozen | hot | A | interface | B | cold | frozen within the box, and a bin width is given.
    /// Returns the box's x and y lengths.
    /// </summary>
    private static (double X, double Y, string Table, string Key, string Description) StructureBox(Deck deck, Func<string, string, string, DeckException> error,
        Action<string, string, double, string> kernel, Action<string, string, double, string> finite, double cutoff, IReadOnlyList<Potentials.IPotentialTable> potentials, HashSet<string> names)
    {
        var st = deck.Structure!;
        if (deck.Analysis.BinWidth is null) throw error("analysis", "bin_width", "is required with [structure]: a file has no lattice planes to bin by");
        foreach (var (key, range) in st.Frozen.Select(r => ("frozen", r)).Append(("hot", st.Hot)).Append(("cold", st.Cold)))
        {
            finite("structure", key, range.Low, "length");
            finite("structure", key, range.High, "length");
            if (!(range.High > range.Low)) throw error("structure", key, $"expected a z range [low, high] with low < high, got [{F(range.Low)}, {F(range.High)}]");
        }
        finite("structure", "interface_z", st.InterfaceZ, "length");
        if (!(st.Hot.High < st.InterfaceZ && st.InterfaceZ < st.Cold.Low))
            throw error("structure", "interface_z", $"must lie between the hot range (ending at {F(st.Hot.High)}) and the cold range (starting at {F(st.Cold.Low)}), got {F(st.InterfaceZ)}");
        foreach (var r in st.Frozen)
            if (r.High > st.Hot.Low && r.Low < st.Cold.High)
                throw error("structure", "frozen", $"the frozen range [{F(r.Low)}, {F(r.High)}] must lie below the hot range or above the cold range");
        IO.Structures.AtomicStructure structure;
        try { structure = Setup.StructureSystem.Read(deck); }
        catch (IOException e) { throw error("structure", "file", e.Message); }
        try { IO.Structures.StructureChecks.RequireInsideBox(structure, st.File); }
        catch (IOException e) { throw error("structure", "file", e.Message); }
        // Atoms closer than half the shortest bond the potentials prefer: overlapping atoms, or a file in other units.
        double bond = potentials.SelectMany(t => Enumerable.Range(0, deck.Species.Count).Select(type => NearestNeighbour(t, type))).Where(d => d > 0).DefaultIfEmpty(0).Min();
        try { IO.Structures.StructureChecks.RequireNoOverlaps(structure, 0.5 * bond, st.File); }
        catch (IOException e) { throw error("structure", "file", e.Message); }
        var z = structure.Positions.Select(p => p.Z).ToArray();
        int Count(Func<double, bool> inRegion) => z.Count(inRegion);
        if (Count(st.Hot.Contains) == 0) throw error("structure", "hot", $"no atom of {Path.GetFileName(st.File)} lies in [{F(st.Hot.Low)}, {F(st.Hot.High)}]");
        if (Count(st.Cold.Contains) == 0) throw error("structure", "cold", $"no atom of {Path.GetFileName(st.File)} lies in [{F(st.Cold.Low)}, {F(st.Cold.High)}]");
        return (structure.Box.LengthX, structure.Box.LengthY, "structure", "file", $"the box of {Path.GetFileName(st.File)}");
    }

    /// <summary>
    /// Roughly the distance a potential puts nearest neighbours of species <paramref name="type"/> at:
    /// 2^(1/6) σ for Lennard-Jones, 3/4 of a many-body file's cutoff (SW Si 2.8 Å, Tersoff Si 2.25 Å
    /// against a bond of 2.35 Å): enough to tell a lattice constant in the wrong unit.
    /// </summary>
    private static double NearestNeighbour(Potentials.IPotentialTable table, int type)
    {
        if (table is not Potentials.LennardJonesTable lj) return 0.75 * table.MaxCutoff;
        var e = lj.Entries[type * lj.TypeCount + type];
        return Math.Pow(2, 1.0 / 6) * Math.Pow((double)e.C12 / e.C6, 1.0 / 6);
    }

    /// <summary>
    /// How many of the points center(0) &lt; center(1) &lt; ... &lt; center(count − 1) lie in [low, high],
    /// found by bisection (the count can be large) with the very comparison the analysis makes.
    /// </summary>
    private static int CountIn((double Low, double High) window, long count, Func<long, double> center)
    {
        long First(Func<double, bool> beyond)
        {
            long lo = 0, hi = count;
            while (lo < hi)
            {
                long mid = lo + (hi - lo) / 2;
                if (beyond(center(mid))) hi = mid; else lo = mid + 1;
            }
            return lo;
        }
        long from = First(c => c >= window.Low), to = First(c => c > window.High);
        return (int)Math.Clamp(to - from, 0, int.MaxValue);
    }

    /// <summary>A deck read back from JSON (a crafted checkpoint) may lack whole parts: name the first that is missing.</summary>
    private static void RequireParts(Deck deck, Func<string, string, string, DeckException> error)
    {
        DeckException Missing(string table, string key) => error(table, key, "is missing");
        if (deck.Units is null) throw Missing("", "units");
        if (deck.Species is null) throw Missing("", "species");
        for (int s = 0; s < deck.Species.Count; s++)
        {
            if (deck.Species[s] is null) throw Missing("", $"species[{s}]");
            if (deck.Species[s].Name is null) throw Missing($"species[{s}]", "name");
        }
        if (deck.Pairs is null) throw Missing("", "pair");
        for (int p = 0; p < deck.Pairs.Count; p++)
        {
            if (deck.Pairs[p] is null) throw Missing("", $"pair[{p}]");
            if (deck.Pairs[p].SpeciesI is null || deck.Pairs[p].SpeciesJ is null) throw Missing($"pair[{p}]", "species");
        }
        if (deck.Potentials is null || deck.Potentials.Any(p => p?.File is null)) throw Missing("", "potential");
        if (deck.Minimize is null) throw Missing("", "minimize");
        if (deck.Structure is { } st)
        {
            if (st.File is null) throw Missing("structure", "file");
            if (st.Frozen is null || st.Frozen.Any(r => r is null)) throw Missing("structure", "frozen");
            if (st.Hot is null) throw Missing("structure", "hot");
            if (st.Cold is null) throw Missing("structure", "cold");
        }
        else
        {
            if (deck.Lattice is null) throw Missing("", "lattice");
            if (deck.Lattice.Type is null) throw Missing("lattice", "type");
            if (deck.Geometry is null) throw Missing("", "geometry");
            if (deck.Geometry.SpeciesA is null) throw Missing("geometry", "species_A");
            if (deck.Geometry.SpeciesB is null) throw Missing("geometry", "species_B");
        }
        if (deck.Thermostat is null) throw Missing("", "thermostat");
        if (deck.Run is null) throw Missing("", "run");
        if (deck.Analysis is null) throw Missing("", "analysis");
        if (deck.Output is null) throw Missing("", "output");
        if (deck.Output.Directory is null) throw Missing("output", "directory");
        if (deck.Output.Trajectory is { } tr && (tr.Fields is null || tr.Fields.Any(f => f is null))) throw Missing("output.trajectory", "fields");
    }
}
