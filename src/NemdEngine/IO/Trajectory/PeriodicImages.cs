using NemdEngine.Kernels;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// Positions as H5MD stores them: wrapped into the box along each periodic axis, with image flags
/// such that position + image · edge gives back the position the engine held.
/// <para>Why here: the engine wraps x and y only at neighbor-list builds (BinAtomsKernel), so
/// between builds an atom can sit just outside [origin, origin + edge). The flags only undo this
/// wrap: they do not count box crossings since the start of the run.</para>
/// </summary>
public static class PeriodicImages
{
    /// <summary>
    /// Wraps one coordinate into [<paramref name="low"/>, <paramref name="low"/> + <paramref name="length"/>)
    /// (length unit); returns the wrapped value and the image k with x ≈ wrapped + k · length.
    /// </summary>
    public static (float Wrapped, int Image) Wrap(float x, float low, float length)
    {
        if (!float.IsFinite(x) || !(length > 0)) return (x, 0);
        double image = Math.Floor((x - (double)low) / length);
        double wrapped = x - image * length;
        // (x - low) / length can round up to the next integer: wrapped is then just below low.
        if (wrapped < low) { wrapped += length; image -= 1; }
        float f = (float)wrapped;
        // A value just below the top edge can round to it in float: it is the bottom edge of the next image.
        if (f >= low + (double)length) { f = low; image += 1; }
        return (f, (int)image);
    }

    /// <summary>
    /// Wraps every position along the axes flagged periodic; other axes are copied with image 0.
    /// </summary>
    /// <param name="origin">Lower corner of the box (length).</param>
    /// <param name="edges">Box edge lengths (length).</param>
    /// <param name="wrapped">3 · N floats: x, y, z of each atom.</param>
    /// <param name="images">3 · N image flags.</param>
    public static void WrapAll(ReadOnlySpan<Vec3> positions, Vec3 origin, Vec3 edges, ReadOnlySpan<bool> periodic, Span<float> wrapped, Span<int> images)
    {
        if (periodic.Length != 3) throw new ArgumentException("one periodic flag per axis", nameof(periodic));
        for (int i = 0; i < positions.Length; i++)
        {
            var p = positions[i];
            (wrapped[3 * i], images[3 * i]) = periodic[0] ? Wrap(p.X, origin.X, edges.X) : (p.X, 0);
            (wrapped[3 * i + 1], images[3 * i + 1]) = periodic[1] ? Wrap(p.Y, origin.Y, edges.Y) : (p.Y, 0);
            (wrapped[3 * i + 2], images[3 * i + 2]) = periodic[2] ? Wrap(p.Z, origin.Z, edges.Z) : (p.Z, 0);
        }
    }
}
