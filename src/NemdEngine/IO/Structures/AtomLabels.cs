using NemdEngine.IO.H5md;
using NemdEngine.Model;

namespace NemdEngine.IO.Structures;

/// <summary>
/// What integrates an atom. The values are the H5MD region codes and the names written to files are
/// <see cref="RegionLabels.RegionNames"/>: frozen, hot, mobile, cold.
/// </summary>
public enum AtomRegion
{
    Frozen = 0,
    Hot = 1,
    Mobile = 2,
    Cold = 3,
}

/// <summary>
/// Which side of the interface an atom belongs to (which material). The values are the H5MD side
/// codes and the names written are <see cref="RegionLabels.SideNames"/>: A (hot side), B (cold side).
/// </summary>
public enum InterfaceSide
{
    A = 0,
    B = 1,
}

/// <summary>Names of the region and side labels in structure files, and their link to the engine's <see cref="Region"/>.</summary>
public static class AtomLabels
{
    public static string Name(AtomRegion region) => RegionLabels.RegionNames[(int)region];

    public static string Name(InterfaceSide side) => RegionLabels.SideNames[(int)side];

    /// <summary>A region name (frozen, hot, mobile, cold; any case).</summary>
    public static bool TryParseRegion(string text, out AtomRegion region)
    {
        for (int k = 0; k < RegionLabels.RegionNames.Count; k++)
            if (string.Equals(text, RegionLabels.RegionNames[k], StringComparison.OrdinalIgnoreCase)) { region = (AtomRegion)k; return true; }
        region = default;
        return false;
    }

    /// <summary>A side name (A, B; any case).</summary>
    public static bool TryParseSide(string text, out InterfaceSide side)
    {
        for (int k = 0; k < RegionLabels.SideNames.Count; k++)
            if (string.Equals(text, RegionLabels.SideNames[k], StringComparison.OrdinalIgnoreCase)) { side = (InterfaceSide)k; return true; }
        side = default;
        return false;
    }

    /// <summary>The label of an engine region (MaterialA and MaterialB are both mobile).</summary>
    public static AtomRegion FromModel(Region region) => (AtomRegion)RegionLabels.RegionCode(region);

    /// <summary>The engine region of a labelled atom: mobile atoms are MaterialA or MaterialB by their side.</summary>
    public static Region ToModel(AtomRegion region, InterfaceSide side) => region switch
    {
        AtomRegion.Frozen => Region.Frozen,
        AtomRegion.Hot => Region.HotReservoir,
        AtomRegion.Mobile => side == InterfaceSide.A ? Region.MaterialA : Region.MaterialB,
        AtomRegion.Cold => Region.ColdReservoir,
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "unknown region"),
    };
}
