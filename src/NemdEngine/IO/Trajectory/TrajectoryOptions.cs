using NemdEngine.Kernels;
using NemdEngine.Model;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// How a run's trajectory is written.
/// </summary>
/// <param name="Fields">Which time-dependent per-atom quantities are written (species, mass, id,
/// region and side are always written).</param>
/// <param name="Compression">Deflate (level 1, with byte shuffle) on the per-frame arrays.</param>
/// <param name="Units">Unit system of every number the engine hands over.</param>
/// <param name="Boundary">H5MD box boundary per axis ("periodic" or "none").</param>
/// <param name="SegmentBytes">Upper bound on the per-atom frame data of one file (bytes); a run
/// longer than that is split into several files, each complete and readable on its own.</param>
/// <param name="BoxOrigin">Lower corner of the periodic box (length): positions are wrapped into
/// [origin, origin + edge) along periodic axes (the engine's box starts at x = y = 0).</param>
public sealed record TrajectoryOptions(
    TrajectoryFields Fields,
    bool Compression,
    UnitSystem Units,
    IReadOnlyList<string>? Boundary = null,
    long SegmentBytes = TrajectoryOptions.DefaultSegmentBytes,
    Vec3 BoxOrigin = default)
{
    public const long DefaultSegmentBytes = 1L << 30;

    public IReadOnlyList<string> BoxBoundary => Boundary ?? ["periodic", "periodic", "none"];
}
