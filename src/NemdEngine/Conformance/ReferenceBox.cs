namespace NemdEngine.Conformance;

/// <summary>
/// An orthorhombic box from the origin for the host references: edge lengths (Å) and which axes are
/// periodic. A bounded axis has no images (its length is not used by the references).
/// </summary>
public readonly record struct ReferenceBox(double Lx, double Ly, double Lz, bool PeriodicX, bool PeriodicY, bool PeriodicZ)
{
    /// <summary>Periodic in x and y, bounded in z: the NEMD bilayer (LAMMPS <c>boundary p p f</c>).</summary>
    public static ReferenceBox Slab(double lx, double ly, double lz = 0) => new(lx, ly, lz, true, true, false);

    /// <summary>Periodic along all three axes (a bulk crystal).</summary>
    public static ReferenceBox Periodic(double lx, double ly, double lz) => new(lx, ly, lz, true, true, true);

    /// <summary>No periodic axis (an isolated cluster).</summary>
    public static ReferenceBox Open => new(0, 0, 0, false, false, false);

    public double Length(int axis) => axis switch { 0 => Lx, 1 => Ly, 2 => Lz, _ => throw new ArgumentOutOfRangeException(nameof(axis)) };
    public bool Periodic(int axis) => axis switch { 0 => PeriodicX, 1 => PeriodicY, 2 => PeriodicZ, _ => throw new ArgumentOutOfRangeException(nameof(axis)) };
}
