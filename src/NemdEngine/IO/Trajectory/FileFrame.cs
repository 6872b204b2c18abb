using System.Runtime.InteropServices;
using NemdEngine.IO.H5md;
using NemdEngine.Kernels;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// A frame as its datasets hold it: positions wrapped into the box with their image flags, values
/// in the file's units (<see cref="H5mdUnits"/>), each array 3 · N flat. Also what is read back from
/// a file to copy it, so a copy never wraps or converts twice.
/// </summary>
internal sealed record FileFrame(long Step, double Time, Vec3 Box, float[]? Position, int[]? Image, float[]? Velocity, float[]? Force);

/// <summary>
/// Turns engine frames into <see cref="FileFrame"/>s in buffers it keeps: a frame's arrays are
/// valid until the next <see cref="Encode"/> (the segment writer copies them at once). Why keep
/// them: four fresh 3·N arrays per frame are large-object-heap garbage (48 MB per frame of 1M atoms).
/// </summary>
internal sealed class FrameEncoder(TrajectoryOptions options, H5mdUnits units, int atoms)
{
    private readonly bool[] periodic = [.. options.BoxBoundary.Select(b => b == "periodic")];
    private readonly float[]? position = options.Fields.HasFlag(TrajectoryFields.Position) ? new float[3 * atoms] : null;
    private readonly int[]? image = options.Fields.HasFlag(TrajectoryFields.Position) ? new int[3 * atoms] : null;
    private readonly float[]? velocity = options.Fields.HasFlag(TrajectoryFields.Velocity) ? new float[3 * atoms] : null;
    private readonly float[]? force = options.Fields.HasFlag(TrajectoryFields.Force) ? new float[3 * atoms] : null;

    public FileFrame Encode(in TrajectoryFrame frame)
    {
        if (position is not null)
        {
            PeriodicImages.WrapAll(Check(frame.Positions, TrajectoryFields.Position), options.BoxOrigin, frame.BoxEdges, periodic, position, image!);
            Scale(position, units.Length.Scale);
        }
        if (velocity is not null) Copy(Check(frame.Velocities, TrajectoryFields.Velocity), velocity, units.Velocity.Scale);
        if (force is not null) Copy(Check(frame.Forces, TrajectoryFields.Force), force, units.Force.Scale);
        double length = units.Length.Scale;
        var box = length == 1 ? frame.BoxEdges : new Vec3((float)(frame.BoxEdges.X * length), (float)(frame.BoxEdges.Y * length), (float)(frame.BoxEdges.Z * length));
        return new FileFrame(frame.Step, frame.Time * units.Time.Scale, box, position, image, velocity, force);
    }

    private Vec3[] Check(Vec3[]? data, TrajectoryFields field)
    {
        if (data is null) throw new ArgumentException($"the frame has no {field} array, which this trajectory writes");
        if (data.Length != atoms) throw new ArgumentException($"{field}: {data.Length} atoms, expected {atoms}");
        return data;
    }

    private static void Copy(Vec3[] data, float[] target, double scale)
    {
        MemoryMarshal.Cast<Vec3, float>(data.AsSpan()).CopyTo(target);
        Scale(target, scale);
    }

    private static void Scale(float[] values, double scale)
    {
        if (scale == 1) return;
        for (int k = 0; k < values.Length; k++) values[k] = (float)(values[k] * scale);
    }
}
