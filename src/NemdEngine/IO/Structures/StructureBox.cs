using System.Globalization;

namespace NemdEngine.IO.Structures;

/// <summary>
/// The orthorhombic box of a structure (length unit): periodic in x over [0, LengthX) and in y over
/// [0, LengthY); along z bounded by the walls [ZLow, ZHigh] (an NEMD bilayer) or periodic with
/// length ZHigh − ZLow (a bulk system).
/// </summary>
public sealed record StructureBox
{
    /// <param name="lengthX">Periodic length along x (length), positive and finite.</param>
    /// <param name="lengthY">Periodic length along y (length), positive and finite.</param>
    /// <param name="zLow">Lower z bound (length).</param>
    /// <param name="zHigh">Upper z bound (length), above <paramref name="zLow"/>.</param>
    /// <param name="periodicZ">True when z is periodic too (length zHigh − zLow).</param>
    public StructureBox(double lengthX, double lengthY, double zLow, double zHigh, bool periodicZ = false)
    {
        if (!(lengthX > 0 && double.IsFinite(lengthX))) throw new ArgumentOutOfRangeException(nameof(lengthX), lengthX, "the box length along x must be positive and finite");
        if (!(lengthY > 0 && double.IsFinite(lengthY))) throw new ArgumentOutOfRangeException(nameof(lengthY), lengthY, "the box length along y must be positive and finite");
        if (!double.IsFinite(zLow) || !double.IsFinite(zHigh) || !(zHigh > zLow))
            throw new ArgumentException($"the z bounds must be finite with zlo < zhi, got [{zLow.ToString(CultureInfo.InvariantCulture)}, {zHigh.ToString(CultureInfo.InvariantCulture)}]");
        (LengthX, LengthY, ZLow, ZHigh, PeriodicZ) = (lengthX, lengthY, zLow, zHigh, periodicZ);
    }

    public double LengthX { get; }
    public double LengthY { get; }
    public double ZLow { get; }
    public double ZHigh { get; }
    public bool PeriodicZ { get; }
    /// <summary>ZHigh − ZLow (length).</summary>
    public double LengthZ => ZHigh - ZLow;
}
