using NemdEngine.Model;

namespace NemdEngine.Sampling;

/// <summary>
/// The z bins of the temperature profile: from <see cref="ZStart"/>, <see cref="BinsA"/> bins of
/// <see cref="WidthA"/> up to <see cref="ZSplit"/>, then <see cref="BinsB"/> of <see cref="WidthB"/>.
/// By default one atomic plane per bin on each side (the sides' plane spacings differ when their
/// lattices do, so one width cannot keep a plane in every bin); a bin width given in the deck tiles
/// the whole range with one width (BinsB = 0).
/// </summary>
public sealed record ProfileBinning(double ZStart, double WidthA, long BinsA, double ZSplit, double WidthB, long BinsB)
{
    /// <summary>All bins (a long: the validator asks before any int is safe).</summary>
    public long Count => BinsA + BinsB;

    /// <param name="binWidth">analysis.bin_width (length), or null for one plane per bin.</param>
    public static ProfileBinning For(BilayerLayout layout, double? binWidth)
    {
        if (binWidth is double w)
            return new ProfileBinning(layout.ZStart, w, Tiles(layout.ZEnd - layout.ZStart, w), layout.ZEnd, w, 0);
        double spacingB = layout.PlaneSpacingB > 0 ? layout.PlaneSpacingB : layout.PlaneSpacing;
        double split = layout.SideBoundary > 0 ? layout.SideBoundary : layout.ZEnd;
        return new ProfileBinning(layout.ZStart, layout.PlaneSpacing, Tiles(split - layout.ZStart, layout.PlaneSpacing),
            split, spacingB, Tiles(layout.ZEnd - split, spacingB));
    }

    /// <summary>z of the centre of bin <paramref name="bin"/> (length).</summary>
    public double Center(long bin) => bin < BinsA ? ZStart + (bin + 0.5) * WidthA : ZSplit + (bin - BinsA + 0.5) * WidthB;

    /// <summary>Every bin's centre.</summary>
    public double[] Centers() => Enumerable.Range(0, checked((int)Count)).Select(b => Center(b)).ToArray();

    private static long Tiles(double length, double width) => (long)Math.Ceiling(length / width - 1e-9);
}
