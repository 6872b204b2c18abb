using ILGPU;
using ILGPU.Runtime;

namespace NemdEngine.Simulation;

/// <summary>
/// The exact content of a neighbor list: capacities, build count, and each atom's neighbors in
/// list order (the order fixes the float summation order of the forces).
/// </summary>
public sealed record NeighborSnapshot(int CellCapacity, int NeighborCapacity, long Builds, int[] Counts, int[] Entries);

public sealed partial class NeighborList
{
    /// <summary>Copies the current list to the host, in (atom, slot) order independent of the memory layout.</summary>
    public NeighborSnapshot Export()
    {
        var counts = new int[state.Count];
        Counts.CopyToCPU(counts);
        var all = new int[neighbors.Length];
        neighbors.CopyToCPU(all);
        long total = 0;
        foreach (int c in counts) total += c;
        var entries = new int[total];
        long k = 0;
        for (int i = 0; i < counts.Length; i++)
            for (int s = 0; s < counts[i]; s++)
                entries[k++] = all[Layout.Index(i, s)];
        return new NeighborSnapshot(grid.Capacity, Layout.Capacity, Builds, counts, entries);
    }

    /// <summary>Replaces the list by <paramref name="snapshot"/> exactly (no rebuild), reallocating to its capacities.</summary>
    public void Import(NeighborSnapshot snapshot)
    {
        int n = state.Count;
        if (snapshot.Counts.Length != n) throw new ArgumentException($"neighbor counts for {snapshot.Counts.Length} atoms, the system has {n}");
        if (snapshot.CellCapacity < 1 || snapshot.NeighborCapacity < 1) throw new ArgumentException("neighbor list capacities must be positive");
        long total = 0;
        foreach (int c in snapshot.Counts)
        {
            if (c < 0 || c > snapshot.NeighborCapacity) throw new ArgumentException($"a neighbor count {c} is outside [0, {snapshot.NeighborCapacity}]");
            total += c;
        }
        if (total != snapshot.Entries.Length) throw new ArgumentException($"{snapshot.Entries.Length} neighbor entries, the counts add up to {total}");
        foreach (int j in snapshot.Entries)
            if ((uint)j >= (uint)n) throw new ArgumentException($"neighbor index {j} is outside [0, {n})");

        if (grid.Capacity != snapshot.CellCapacity)
        {
            grid.Capacity = snapshot.CellCapacity;
            DisposeCells();
            AllocateCells();
        }
        if (Layout.Capacity != snapshot.NeighborCapacity)
        {
            Layout = MakeLayout(snapshot.NeighborCapacity);
            neighbors.Dispose();
            neighbors = backend.Allocate<int>((long)n * Layout.Capacity);
        }
        var all = new int[neighbors.Length];
        long k = 0;
        for (int i = 0; i < n; i++)
            for (int s = 0; s < snapshot.Counts[i]; s++)
                all[Layout.Index(i, s)] = snapshot.Entries[k++];
        neighbors.CopyFromCPU(all);
        Counts.CopyFromCPU(snapshot.Counts);
        Builds = snapshot.Builds;
        Version++;
    }
}
