namespace NemdEngine.Kernels.Launch;

/// <summary>
/// Slots of the small int buffer that kernels raise and the host reads back once per step.
/// Keeping them together means one device-to-host transfer per step.
/// </summary>
public static class StepFlags
{
    /// <summary>Set to 1 when an atom moved more than half the skin since the last neighbor build.</summary>
    public const int Rebuild = 0;
    /// <summary>1 + index of an atom with a non-finite position or outside the box along z (the highest such index, so the report is deterministic); 0 when none.</summary>
    public const int BadAtom = 1;
    /// <summary>Largest neighbor count seen when a list overflowed its capacity; 0 when none.</summary>
    public const int NeighborOverflow = 2;
    /// <summary>Largest cell occupancy seen when a cell overflowed its capacity; 0 when none.</summary>
    public const int CellOverflow = 3;
    public const int Count = 4;

    /// <summary>Set to 1 when an atom of replica r moved more than half the skin (after the shared slots, one per replica).</summary>
    public static int ReplicaRebuild(int replica) => Count + replica;

    /// <summary>Length of the flag buffer of a batch of <paramref name="replicas"/> replicas.</summary>
    public static int Length(int replicas) => Count + replicas;
}
