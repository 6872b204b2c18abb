using NemdEngine.Model;

namespace NemdEngine.IO.H5md;

/// <summary>
/// The codes written for where an atom or a bin sits, so a reader can select by them: a region
/// (what integrates it) and a side of the interface (which material). Code k means name[k] of
/// /parameters region_names and side_names.
/// </summary>
public static class RegionLabels
{
    /// <summary>frozen: walls that never move; hot, cold: the Langevin reservoirs; mobile: integrated
    /// NVE between the reservoirs (where the profile is fitted).</summary>
    public static readonly IReadOnlyList<string> RegionNames = ["frozen", "hot", "mobile", "cold"];

    /// <summary>A: below the interface (hot side); B: above it (cold side).</summary>
    public static readonly IReadOnlyList<string> SideNames = ["A", "B"];

    public static int RegionCode(Region region) => region switch
    {
        Region.Frozen => 0,
        Region.HotReservoir => 1,
        Region.MaterialA or Region.MaterialB => 2,
        Region.ColdReservoir => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "unknown region"),
    };

    /// <param name="z">Position along z (length), used only for frozen walls, which lie on both sides.</param>
    /// <param name="interfaceZ">z of the interface (length).</param>
    public static int SideCode(Region region, double z, double interfaceZ) => region switch
    {
        Region.HotReservoir or Region.MaterialA => 0,
        Region.MaterialB or Region.ColdReservoir => 1,
        _ => z < interfaceZ ? 0 : 1,
    };
}
