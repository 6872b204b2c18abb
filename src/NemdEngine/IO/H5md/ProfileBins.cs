using NemdEngine.Model;

namespace NemdEngine.IO.H5md;

/// <summary>
/// The z bins of the temperature profile: centre (length), and the region and side codes of each
/// (<see cref="RegionLabels"/>), written beside every temperature_profile observable.
/// </summary>
public sealed record ProfileBins(double[] Centers, int[] Regions, int[] Sides)
{
    public int Count => Centers.Length;

    /// <summary>The bins of a bilayer, each labelled by where its centre lies.</summary>
    public static ProfileBins Of(IReadOnlyList<double> centers, BilayerLayout layout)
    {
        var regions = centers.Select(z => layout.RegionOf(z)).ToArray();
        return new ProfileBins([.. centers], regions.Select(RegionLabels.RegionCode).ToArray(),
            centers.Select((z, k) => RegionLabels.SideCode(regions[k], z, layout.InterfaceZ)).ToArray());
    }
}
