using System.Runtime.InteropServices;
using NemdEngine.IO.H5md;
using NemdEngine.Kernels;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// A frame as its datasets hold it: positions wrapped into the box with their image flags, values
/// in the file's units (<see cref="H5mdUnits"/>), each array 3 · N flat. Also what is read back from
/// a file to copy it, so a copy never wraps or converts twice.
/// </summary>
internal sealed record FileFrame(long Step, double Time, Vec3 Box, float[]? Position, int[]? Image, float[]? Velocity, float[]? Force)
{
    /// <summary>The file form of <paramref name="frame"/>: only the fields of <paramref name="fields"/>, every array checked to hold <paramref name="atoms"/> atoms.</summary>
    public static FileFrame Encode(in TrajectoryFrame frame, TrajectoryFields fields, TrajectoryOptions options, H5mdUnits units, int atoms)
    {
        float[]? position = null;
        int[]? image = null;
        if (fields.HasFlag(TrajectoryFields.Position))
        {
            var p = Check(frame.Positions, TrajectoryFields.Position, atoms);
            position = new float[3 * atoms];
            image = new int[3 * atoms];
            bool[] periodic = [.. options.BoxBoundary.Select(b => b == "periodic")];
            PeriodicImages.WrapAll(p, options.BoxOrigin, frame.BoxEdges, periodic, position, image);
            Scale(position, units.Length.Scale);
        }
        float[]? velocity = fields.HasFlag(TrajectoryFields.Velocity) ? Flat(Check(frame.Velocities, TrajectoryFields.Velocity, atoms), units.Velocity.Scale) : null;
        float[]? force = fields.HasFlag(TrajectoryFields.Force) ? Flat(Check(frame.Forces, TrajectoryFields.Force, atoms), units.Force.Scale) : null;
        var box = units.Length.Scale == 1 ? frame.BoxEdges
            : new Vec3((float)(frame.BoxEdges.X * units.Length.Scale), (float)(frame.BoxEdges.Y * units.Length.Scale), (float)(frame.BoxEdges.Z * units.Length.Scale));
        return new FileFrame(frame.Step, frame.Time * units.Time.Scale, box, position, image, velocity, force);
    }

    private static Vec3[] Check(Vec3[]? data, TrajectoryFields field, int atoms)
    {
        if (data is null) throw new ArgumentException($"the frame has no {field} array, which this trajectory writes");
        if (data.Length != atoms) throw new ArgumentException($"{field}: {data.Length} atoms, expected {atoms}");
        return data;
    }

    private static float[] Flat(Vec3[] data, double scale)
    {
        var flat = MemoryMarshal.Cast<Vec3, float>(data.AsSpan()).ToArray();
        Scale(flat, scale);
        return flat;
    }

    private static void Scale(float[] values, double scale)
    {
        if (scale == 1) return;
        for (int k = 0; k < values.Length; k++) values[k] = (float)(values[k] * scale);
    }
}
