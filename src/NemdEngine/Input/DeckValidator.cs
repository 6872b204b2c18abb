using System.Globalization;

namespace NemdEngine.Input;

/// <summary>
/// Physical and geometric checks of a parsed deck: sizes, temperatures, species references, the
/// regions along z and the fit windows. Each failure names the key and the line it was written on.
/// </summary>
internal static class DeckValidator
{
    /// <summary>
    /// Fewest production samples for an error bar when blocks are chosen from the data: blocking
    /// needs a few levels, and the steady-state check at least 4 blocks.
    /// </summary>
    public const int MinimumSamples = 32;

    public static void Validate(Deck deck, object tables)
    {
        DeckException Error(string table, string key, string problem)
        {
            var (t, k) = DeckReader.Locate(tables, table, key);
            return t.Error(k, problem);
        }
        static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

        if (deck.Units != "lj") throw Error("", "units", $"unsupported unit system \"{deck.Units}\"; expected \"lj\"");
        if (deck.Species.Count == 0) throw Error("", "species", "at least one [[species]] is required");
        for (int s = 0; s < deck.Species.Count; s++)
        {
            var sp = deck.Species[s];
            if (!(sp.Mass > 0)) throw Error($"species[{s}]", "mass", $"must be positive, got {F(sp.Mass)}");
            if (deck.Species.Take(s).Any(o => o.Name == sp.Name)) throw Error($"species[{s}]", "name", $"species \"{sp.Name}\" is defined twice");
        }
        var names = deck.Species.Select(s => s.Name).ToHashSet();
        for (int p = 0; p < deck.Pairs.Count; p++)
        {
            var pair = deck.Pairs[p];
            foreach (var n in new[] { pair.SpeciesI, pair.SpeciesJ })
                if (!names.Contains(n)) throw Error($"pair[{p}]", "species", $"unknown species \"{n}\"; defined: {string.Join(", ", names)}");
            if (!(pair.Epsilon > 0)) throw Error($"pair[{p}]", "epsilon", $"must be positive, got {F(pair.Epsilon)}");
            if (!(pair.Sigma > 0)) throw Error($"pair[{p}]", "sigma", $"must be positive, got {F(pair.Sigma)}");
            if (!(pair.Cutoff > 0)) throw Error($"pair[{p}]", "cutoff", $"must be positive, got {F(pair.Cutoff)}");
        }
        IReadOnlyList<PairSpec> resolved;
        try { resolved = PairTable.ResolvePairs(deck); }
        catch (ArgumentException e) { throw Error("", "pair", e.Message); }

        if (deck.Lattice.Type != "fcc") throw Error("lattice", "type", $"unsupported lattice \"{deck.Lattice.Type}\"; expected \"fcc\"");
        double a = deck.Lattice.Constant;
        if (!(a > 0)) throw Error("lattice", "constant", $"must be positive, got {F(a)}");

        var g = deck.Geometry;
        if (g.CellsX < 1 || g.CellsY < 1) throw Error("geometry", "cross_section", $"unit cells must be at least 1, got [{g.CellsX}, {g.CellsY}]");
        if (!names.Contains(g.SpeciesA)) throw Error("geometry", "species_A", $"unknown species \"{g.SpeciesA}\"; defined: {string.Join(", ", names)}");
        if (!names.Contains(g.SpeciesB)) throw Error("geometry", "species_B", $"unknown species \"{g.SpeciesB}\"; defined: {string.Join(", ", names)}");
        if (g.CellsA < 1) throw Error("geometry", "cells_A", $"must be at least 1, got {g.CellsA}");
        if (g.CellsB < 1) throw Error("geometry", "cells_B", $"must be at least 1, got {g.CellsB}");
        if (g.FrozenCells < 0) throw Error("geometry", "frozen_cells", $"must be 0 or more, got {g.FrozenCells}");
        if (g.ReservoirCells < 1) throw Error("geometry", "reservoir_cells", $"must be at least 1, got {g.ReservoirCells}");
        if (g.FrozenCells + g.ReservoirCells >= g.CellsA)
            throw Error("geometry", "reservoir_cells", $"frozen_cells + reservoir_cells = {g.FrozenCells + g.ReservoirCells} reach the interface: material A has only cells_A = {g.CellsA} cells");
        if (g.FrozenCells + g.ReservoirCells >= g.CellsB)
            throw Error("geometry", "reservoir_cells", $"frozen_cells + reservoir_cells = {g.FrozenCells + g.ReservoirCells} reach the interface: material B has only cells_B = {g.CellsB} cells");

        var th = deck.Thermostat;
        if (!(th.THot > 0)) throw Error("thermostat", "t_hot", $"must be positive, got {F(th.THot)}");
        if (!(th.TCold > 0)) throw Error("thermostat", "t_cold", $"must be positive, got {F(th.TCold)}");
        if (th.TCold > th.THot) throw Error("thermostat", "t_cold", $"must not exceed thermostat.t_hot ({F(th.THot)}), got {F(th.TCold)}");
        if (!(th.Damping > 0)) throw Error("thermostat", "damping", $"must be a positive time, got {F(th.Damping)}");

        var r = deck.Run;
        if (!(r.Timestep > 0)) throw Error("run", "timestep", $"must be positive, got {F(r.Timestep)}");
        if (r.EquilibrationSteps < 0) throw Error("run", "equilibration_steps", $"must be 0 or more, got {r.EquilibrationSteps}");
        if (r.ProductionSteps < 1) throw Error("run", "production_steps", $"must be positive, got {r.ProductionSteps}");
        if (r.SampleInterval < 1) throw Error("run", "sample_interval", $"must be at least 1, got {r.SampleInterval}");
        if (!(r.Skin > 0)) throw Error("run", "skin", $"must be positive, got {F(r.Skin)}");
        if (deck.Output.CheckpointInterval is long every && every < 0) throw Error("output", "checkpoint_interval", $"must be 0 (off) or a positive number of steps, got {every}");
        if (r.InitialTemperature is double t0 && !(t0 >= 0)) throw Error("run", "initial_temperature", $"must be 0 or more, got {F(t0)}");

        double listCutoff = resolved.Max(p => p.Cutoff) + r.Skin;
        if (g.CellsX * a < 3 * listCutoff || g.CellsY * a < 3 * listCutoff)
            throw Error("geometry", "cross_section",
                $"{g.CellsX} x {g.CellsY} cells ({F(g.CellsX * a)} x {F(g.CellsY * a)}) is too small: the cell list needs at least 3 (r_c + skin) = {F(3 * listCutoff)} in x and y");

        var an = deck.Analysis;
        if (an.BinWidth is double w && !(w > 0)) throw Error("analysis", "bin_width", $"must be positive, got {F(w)}");
        if (an.Blocks is int blocks && blocks < 2) throw Error("analysis", "blocks", $"must be at least 2 for a standard error, got {blocks}");
        int minimumSamples = an.Blocks ?? MinimumSamples;
        if (r.ProductionSteps / r.SampleInterval < minimumSamples)
            throw Error("run", "production_steps", $"gives {r.ProductionSteps / r.SampleInterval} samples (sample_interval {r.SampleInterval}), fewer than the {minimumSamples} {(an.Blocks is null ? "the error analysis needs" : "of analysis.blocks")}");
        if (!(an.FluxTolerance > 0 && an.FluxTolerance < 1))
            throw Error("analysis", "flux_tolerance", $"must be a fraction between 0 and 1 (0.1 = 10 %), got {F(an.FluxTolerance)}");
        if (an.MarginReservoir < 0) throw Error("analysis", "margin_reservoir", $"must be 0 or more, got {F(an.MarginReservoir)}");
        if (an.MarginInterface < 0) throw Error("analysis", "margin_interface", $"must be 0 or more, got {F(an.MarginInterface)}");
        if (!(an.TargetRelativeError > 0 && an.TargetRelativeError < 1))
            throw Error("analysis", "target_relative_error", $"must be a fraction between 0 and 1 (0.1 = 10 %), got {F(an.TargetRelativeError)}");

        // Planes sit at (k + 1/2) a/2 (BilayerBuilder); count those inside each fit window.
        double plane = a / 2;
        int PlanesIn(double lo, double hi) => Enumerable.Range(0, 2 * (g.CellsA + g.CellsB)).Count(k => (k + 0.5) * plane >= lo && (k + 0.5) * plane <= hi);
        double hotTop = (g.FrozenCells + g.ReservoirCells) * a, interfaceZ = g.CellsA * a;
        double coldBottom = (g.CellsA + g.CellsB - g.FrozenCells - g.ReservoirCells) * a;
        int planesA = PlanesIn(hotTop + an.MarginReservoir, interfaceZ - an.MarginInterface);
        int planesB = PlanesIn(interfaceZ + an.MarginInterface, coldBottom - an.MarginReservoir);
        if (planesA < 3 || planesB < 3)
        {
            string key = deck.Analysis.MarginInterface >= deck.Analysis.MarginReservoir ? "margin_interface" : "margin_reservoir";
            throw Error("analysis", key,
                $"margins (reservoir {F(an.MarginReservoir)}, interface {F(an.MarginInterface)}) leave {planesA} atomic planes to fit on the A side and {planesB} on the B side; at least 3 are needed on each");
        }

        if (deck.Output.Trajectory is { } tr)
        {
            if (tr.Interval % r.SampleInterval != 0)
                throw Error("output.trajectory", "interval", $"must be a multiple of run.sample_interval ({r.SampleInterval}) so that every frame has its observables, got {tr.Interval}");
            var known = IO.Trajectory.TrajectoryFieldNames.ByName.Keys;
            if (tr.Fields.Count == 0) throw Error("output.trajectory", "fields", $"must name at least one of {string.Join(", ", known)}");
            for (int k = 0; k < tr.Fields.Count; k++)
            {
                if (!known.Contains(tr.Fields[k])) throw Error("output.trajectory", "fields", $"unknown field \"{tr.Fields[k]}\"; expected some of {string.Join(", ", known)}");
                if (tr.Fields.Take(k).Contains(tr.Fields[k])) throw Error("output.trajectory", "fields", $"field \"{tr.Fields[k]}\" is listed twice");
            }
        }
    }
}
