using NemdEngine.Kernels;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// One trajectory frame: the step, its time (time unit), the box edges (length; z is the extent
/// of the non-periodic direction) and the time-dependent per-atom arrays. An array may be null
/// when its field is not written; the writer copies what it needs before returning.
/// </summary>
public readonly record struct TrajectoryFrame(
    long Step,
    double Time,
    Vec3 BoxEdges,
    Vec3[]? Positions = null,
    Vec3[]? Velocities = null,
    Vec3[]? Forces = null);
