namespace NemdEngine.Model;

/// <summary>Where the regions of a built bilayer lie along z (length unit), and its cross-section.</summary>
public sealed record BilayerLayout
{
    /// <summary>Periodic box lengths in x and y.</summary>
    public required double LengthX { get; init; }
    public required double LengthY { get; init; }
    /// <summary>Cross-section A = Lx Ly (length²).</summary>
    public double Area => LengthX * LengthY;
    /// <summary>z range the atoms occupy, frozen layers included (bins start at ZStart).</summary>
    public required double ZStart { get; init; }
    public required double ZEnd { get; init; }
    /// <summary>Top of the lower frozen layer and bottom of the upper one.</summary>
    public required double FrozenLowTop { get; init; }
    public required double FrozenHighBottom { get; init; }
    /// <summary>Top of the hot reservoir (A side) and bottom of the cold reservoir (B side).</summary>
    public required double HotReservoirTop { get; init; }
    public required double ColdReservoirBottom { get; init; }
    /// <summary>z_i: midway between the last atomic plane of A and the first of B.</summary>
    public required double InterfaceZ { get; init; }
    /// <summary>Spacing of side A's atomic planes along z (a/2 for fcc [001], a/4 for diamond): its default bin width.</summary>
    public required double PlaneSpacing { get; init; }
    /// <summary>Spacing of side B's atomic planes along z; the same as A's unless the sides' lattices differ.</summary>
    public double PlaneSpacingB { get; init; }
    /// <summary>z where A's last unit cell ends and B's first begins (each side's planes are centred in slabs of its spacing from here).</summary>
    public double SideBoundary { get; init; }

    /// <summary>The region a position z belongs to.</summary>
    public Region RegionOf(double z) =>
        z < FrozenLowTop ? Region.Frozen
        : z < HotReservoirTop ? Region.HotReservoir
        : z < InterfaceZ ? Region.MaterialA
        : z < ColdReservoirBottom ? Region.MaterialB
        : z < FrozenHighBottom ? Region.ColdReservoir
        : Region.Frozen;
}

/// <summary>Regions along z of the NEMD bilayer.</summary>
public enum Region
{
    Frozen,
    HotReservoir,
    MaterialA,
    MaterialB,
    ColdReservoir,
}
