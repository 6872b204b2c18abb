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
    /// <summary>
    /// Copies the lists of one replica (the whole system when there is one) to the host, in (atom,
    /// slot) order independent of the memory layout, with the replica's own atom numbering: the
    /// snapshot of a run of that replica alone.
    /// </summary>
    public NeighborSnapshot Export(int replica = 0)
    {
        var (counts, raw, layout) = ReadLists();
        int first = replica * state.AtomsPerReplica, n = state.AtomsPerReplica;
        var own = counts.AsSpan(first, n).ToArray();
        long total = 0;
        foreach (int c in own) total += c;
        var entries = new int[total];
        long k = 0;
        for (int i = first; i < first + n; i++)
            for (int s = 0; s < counts[i]; s++)
                entries[k++] = raw[layout.Index(i, s)] - first;
        return new NeighborSnapshot(grid.Capacity, Layout.Capacity, replicaBuilds[replica], own, entries);
    }

    /// <summary>
    /// Replaces the lists of one replica (the whole system when there is one) by
    /// <paramref name="snapshot"/> exactly (no rebuild). One replica takes the snapshot's
    /// capacities; a batch grows to them if need be, keeping the other replicas' lists.
    /// </summary>
    public void Import(NeighborSnapshot snapshot, int replica = 0)
    {
        int n = state.AtomsPerReplica, first = replica * n;
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

        bool alone = state.Replicas == 1;
        int cellCapacity = alone ? snapshot.CellCapacity : Math.Max(grid.Capacity, snapshot.CellCapacity);
        if (grid.Capacity != cellCapacity)
        {
            grid.Capacity = cellCapacity;
            DisposeCells();
            AllocateCells();
        }
        var (counts, raw, oldLayout) = ReadLists();
        int capacity = alone ? snapshot.NeighborCapacity : Math.Max(Layout.Capacity, snapshot.NeighborCapacity);
        Relayout(capacity, counts, raw, oldLayout, i => i < first || i >= first + n, all =>
        {
            long k = 0;
            for (int i = 0; i < n; i++)
                for (int s = 0; s < snapshot.Counts[i]; s++)
                    all[Layout.Index(first + i, s)] = snapshot.Entries[k++] + first;
        });
        snapshot.Counts.CopyTo(counts, first);
        Counts.CopyFromCPU(counts);
        replicaBuilds[replica] = snapshot.Builds;
        Version++;
    }
}
