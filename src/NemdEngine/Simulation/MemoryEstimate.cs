using System.Globalization;
using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Lattice;
using NemdEngine.Sampling;

namespace NemdEngine.Simulation;

/// <summary>
/// The memory a run needs, estimated from the deck alone before anything is allocated, so that a
/// deck too large for the machine is refused with a message instead of an OutOfMemoryException
/// (or the kernel's OOM killer) minutes later. All sizes are doubles: a deck being checked may
/// describe more atoms, cells or bins than an int holds.
/// <para>Device (backend buffers, <see cref="DeviceState"/>, <see cref="NeighborList"/>,
/// <see cref="ProfileSampler"/>): per atom 4 Vec3 + mass, type, id, energy + a double bath tally
/// (72 B), the neighbor count and row (4 B + 4 B × <see cref="NeighborList.InitialSizes"/>' capacity),
/// the cell-ordered copies of the AVX2 list build (16 B), the method and bath groups (8 B); per cell
/// its count, start and atom slots; per bin two fixed-point sums.</para>
/// <para>Host: the built system and its temporaries (<see cref="BilayerBuilder"/>'s growing lists,
/// the double velocities), the host mirrors of positions, velocities and forces, and a checkpoint
/// (the captured state with the neighbor list, held three times over while it is serialized); per
/// bin its centre, region, count and sums; the samples kept for the analysis (samples × bins × 8 B,
/// plus the flattened copy and the serialized one a checkpoint makes, and the trajectory's per-file
/// copy of the profile); a trajectory frame.</para>
/// <para>A refusal names the deck key of the part that dominates: the geometry for the atoms (their
/// neighbor rows included, unless a row is longer than <see cref="LongNeighborRow"/>: then the
/// cutoff or skin), the lattice constant for the cell grid, the bin width for the bins, and the
/// production steps (or a bin width below the plane spacing) for the samples kept.</para>
/// </summary>
public sealed record MemoryEstimate
{
    /// <summary>Device bytes per atom besides the neighbor row (see the class remarks).</summary>
    public const double DeviceBytesPerAtom = 72 + 4 + 16 + 8;
    /// <summary>Host bytes per atom for the built system, its temporaries and the host mirrors.</summary>
    public const double HostBytesPerAtom = 160;
    /// <summary>Host bytes per atom of a checkpoint besides the neighbor row: positions, velocities, forces, references, bath tally, count.</summary>
    public const double CheckpointBytesPerAtom = 4 * 12 + 8 + 4;
    /// <summary>Copies of a checkpoint held while it is written: the captured arrays and the serialized payload (which may be twice its length while it grows).</summary>
    public const double CheckpointCopies = 3;
    /// <summary>
    /// Neighbors per atom beyond which a refusal names the cutoff (or skin) rather than the geometry:
    /// about six times the row of the usual LJ list (r_c + skin = 2.8 σ in a solid, ~160).
    /// </summary>
    public const double LongNeighborRow = 1000;
    /// <summary>Copies of the kept samples: the samples, their flattened copy and its serialized form in a checkpoint.</summary>
    public const double SampleCopies = 3;

    /// <summary>One part of the estimate (bytes on the host and on the device) and the deck key that sets its size.</summary>
    public sealed record Part(string What, double HostBytes, double DeviceBytes, string Table, string Key)
    {
        public double Bytes => HostBytes + DeviceBytes;
    }

    public required double Atoms { get; init; }
    public required double Cells { get; init; }
    public required double CellCapacity { get; init; }
    public required double NeighborsPerAtom { get; init; }
    public required double Bins { get; init; }
    /// <summary>Production samples kept for the analysis.</summary>
    public required double Samples { get; init; }
    public required IReadOnlyList<Part> Parts { get; init; }

    public double HostBytes => Parts.Sum(p => p.HostBytes);
    public double DeviceBytes => Parts.Sum(p => p.DeviceBytes);
    /// <summary>The part that dominates the estimate (host and device together).</summary>
    public Part Largest => Parts.MaxBy(p => p.Bytes)!;

    /// <summary>Memory this process may use (bytes): the machine's, or the container's limit.</summary>
    public static long HostAvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The estimate for a deck that passed the validator's range checks (its sizes may still be absurd).</summary>
    /// <param name="potentials">The deck's potential tables, if already loaded (the validator has them).</param>
    public static MemoryEstimate For(Deck deck, IReadOnlyList<Potentials.IPotentialTable>? potentials = null)
    {
        Model.BilayerLayout layout;
        double atoms, slack;
        string atomsTable, atomsKey;
        if (deck.Structure is null)
        {
            var (lattice, g) = BilayerBuilder.Built(deck);
            layout = BilayerBuilder.Layout(deck);
            double PerCell(SideLatticeSpec side) => (Lattice.CrystalLattice.Find(side.Type) ?? Lattice.CrystalLattice.Fcc).AtomsPerCell;
            atoms = (double)g.CellsX * g.CellsY * (PerCell(lattice.SideA) * g.CellsA + PerCell(lattice.SideB) * g.CellsB);
            // The cell grid spans the atoms plus a lattice constant of slack at each end (BilayerBuilder's ZLow, ZHigh).
            slack = lattice.SideA.Constant + lattice.SideB.Constant;
            (atomsTable, atomsKey) = ("geometry", (double)g.CellsX * g.CellsY >= (double)g.CellsA + g.CellsB ? "cross_section" : g.CellsA >= g.CellsB ? "cells_A" : "cells_B");
        }
        else
        {
            var structure = Setup.StructureSystem.Read(deck);
            layout = Setup.StructureSystem.Layout(deck, structure.Box);
            atoms = structure.Count;
            slack = 2 * 5.0;
            (atomsTable, atomsKey) = ("structure", "file");
        }
        potentials ??= Setup.DeckPotentials.Load(deck);
        double cutoff = Setup.DeckPotentials.MaxCutoff(potentials);
        // The key that sets the neighbor count: the skin when it dominates, else the widest [[pair]] or the [[potential]] file.
        int widestPair = deck.Pairs.ToList().FindIndex(p => p.Cutoff == cutoff);
        int widestFile = potentials.ToList().FindIndex(t => t is not Potentials.LennardJonesTable && t.MaxCutoff == cutoff);
        var neighborKey = deck.Run.Skin > cutoff ? ("run", "skin")
            : widestPair >= 0 ? ($"pair[{widestPair}]", "cutoff")
            : widestFile >= 0 ? ($"potential[{widestFile - (deck.Pairs.Count > 0 ? 1 : 0)}]", "file")
            : ("run", "skin");
        double bins = ProfileBinning.For(layout, deck.Analysis.BinWidth).Count;
        double samples = Math.Floor((double)deck.Run.ProductionSteps / deck.Run.SampleInterval);
        int frameFields = deck.Output.Trajectory is { } tr ? tr.Fields.Count(f => f is "position" or "velocity" or "force") : 0;
        var samplesKey = deck.Analysis.BinWidth is double w && w < Math.Min(layout.PlaneSpacing, layout.PlaneSpacingB) ? ("analysis", "bin_width") : ("run", "production_steps");
        return Estimate(atoms, layout.LengthX, layout.LengthY, layout.ZEnd - layout.ZStart + slack, cutoff + deck.Run.Skin,
            bins, samples, frameFields, (atomsTable, atomsKey), neighborKey, deck.Structure is null ? ("lattice", "constant") : ("structure", "file"), samplesKey);
    }

    /// <summary>
    /// The estimate for <paramref name="atoms"/> atoms in a box (length) with a list cutoff r_c + skin
    /// (length), <paramref name="bins"/> profile bins, <paramref name="samples"/> kept samples and
    /// <paramref name="frameFields"/> per-frame trajectory arrays; the keys name what sets each part.
    /// </summary>
    public static MemoryEstimate Estimate(double atoms, double boxX, double boxY, double zSpan, double listCutoff, double bins, double samples,
        int frameFields = 0, (string Table, string Key)? atomsKey = null, (string Table, string Key)? neighborKey = null,
        (string Table, string Key)? cellsKey = null, (string Table, string Key)? samplesKey = null)
    {
        var s = NeighborList.InitialSizes(boxX, boxY, zSpan, atoms, listCutoff);
        double cells = s.NX * s.NY * s.NZ;
        double row = 4 * s.NeighborsPerAtom;
        bool longRows = s.NeighborsPerAtom > LongNeighborRow;
        double hostPerAtom = HostBytesPerAtom + CheckpointCopies * CheckpointBytesPerAtom + 2 * 12 * frameFields;
        var none = ("", "");
        return new MemoryEstimate
        {
            Atoms = atoms, Cells = cells, CellCapacity = s.CellCapacity, NeighborsPerAtom = s.NeighborsPerAtom, Bins = bins, Samples = samples,
            Parts =
            [
                // The neighbor rows are part of each atom's cost; only a row far longer than usual is the cutoff's doing.
                longRows
                    ? Make($"{F(atoms)} atoms", atoms * hostPerAtom, atoms * DeviceBytesPerAtom, atomsKey ?? none)
                    : Make($"{F(atoms)} atoms with neighbor lists of {F(s.NeighborsPerAtom)}", atoms * (hostPerAtom + row * CheckpointCopies), atoms * (DeviceBytesPerAtom + row), atomsKey ?? none),
                Make($"a cell grid of {F(cells)} cells", 0, cells * (8 + 4 * s.CellCapacity), cellsKey ?? none),
                Make($"{F(bins)} profile bins", 48 * bins, 16 * bins, ("analysis", "bin_width")),
                Make($"{F(samples)} samples × {F(bins)} bins kept for the analysis", 8 * samples * bins * (SampleCopies + (frameFields > 0 ? 1 : 0)), 0, samplesKey ?? none),
                Make($"neighbor lists of {F(s.NeighborsPerAtom)} per atom within r_c + skin = {F(listCutoff)}", longRows ? atoms * row * CheckpointCopies : 0, longRows ? atoms * row : 0, neighborKey ?? none),
            ],
        };
        static Part Make(string what, double host, double device, (string Table, string Key) key) => new(what, host, device, key.Table, key.Key);
    }

    /// <summary>
    /// The estimate for <paramref name="replicas"/> copies of the system in one batch (nemd run
    /// --replicas): every part and count times the replicas, bins included (each replica has its own).
    /// </summary>
    public MemoryEstimate Times(int replicas) => this with
    {
        Atoms = Atoms * replicas,
        Cells = Cells * replicas,
        Bins = Bins * replicas,
        Parts = Parts.Select(p => p with { HostBytes = p.HostBytes * replicas, DeviceBytes = p.DeviceBytes * replicas }).ToArray(),
    };

    /// <summary>
    /// A count the code holds in an int (atoms, cells of the grid, profile bins) that does not fit,
    /// as the part naming its key and the problem; null when all fit. Checked before the memory.
    /// </summary>
    public (Part Part, string Problem)? CountProblem()
    {
        foreach (var (count, part, what) in new[] { (Atoms, Parts[0], "atoms"), (Cells, Parts[1], "cells in the cell grid"), (Bins, Parts[2], "profile bins") })
            if (!(count <= int.MaxValue))
                return (part, $"makes {F(count)} {what}; at most {int.MaxValue} are supported");
        return null;
    }

    /// <summary>Why the host cannot hold the run's host part, with the part that dominates it (whose key to name); null when it fits.</summary>
    public (Part Part, string Problem)? HostProblem() => Problem(HostBytes, HostAvailableBytes, "memory", p => p.HostBytes);

    /// <summary>
    /// Why <paramref name="backend"/> cannot hold the run, with the dominant part; null when it fits. On a
    /// host backend (cpu, ilgpu-cpu) the host and device parts share the machine's memory; on a GPU the
    /// device part must fit the device's memory.
    /// </summary>
    public (Part Part, string Problem)? DeviceProblem(IComputeBackend backend) => backend.Accelerator.AcceleratorType == ILGPU.Runtime.AcceleratorType.CPU
        ? Problem(HostBytes + DeviceBytes, HostAvailableBytes, "memory", p => p.Bytes)
        : Problem(DeviceBytes, backend.Accelerator.MemorySize, $"memory on {backend.Name}", p => p.DeviceBytes);

    private (Part, string)? Problem(double needed, double available, string what, Func<Part, double> bytes)
    {
        if (needed <= available) return null;
        var largest = Parts.MaxBy(bytes)!;
        return (largest, $"needs about {Bytes(needed)} of {what} (estimate, mostly {largest.What}), more than the {Bytes(available)} available");
    }

    /// <summary>A byte count in binary units (KiB ... EiB), in powers of ten beyond.</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.Length - 1) { v /= 1024; u++; }
        return v >= 1024 || !double.IsFinite(v)
            ? $"{bytes.ToString("G3", CultureInfo.InvariantCulture)} B"
            : $"{v.ToString(v < 10 ? "F1" : "F0", CultureInfo.InvariantCulture)} {units[u]}";
    }

    private static string F(double x) => x < 1e6 ? x.ToString("F0", CultureInfo.InvariantCulture) : x.ToString("G3", CultureInfo.InvariantCulture);
}
