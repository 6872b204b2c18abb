using NemdEngine.Kernels;

namespace NemdEngine.Lattice;

/// <summary>Face-centred cubic lattice with [100] along z: 4 atoms per cubic cell, planes a/2 apart.</summary>
public static class FccLattice
{
    /// <summary>Basis in units of the lattice constant, shifted by a/4 in z so every atomic plane
    /// sits in the middle of its a/2-thick slab (bins of one plane then start at z = 0).</summary>
    private static readonly (double X, double Y, double Z)[] Basis =
    [
        (0.0, 0.0, 0.25), (0.5, 0.5, 0.25), (0.5, 0.0, 0.75), (0.0, 0.5, 0.75),
    ];

    public const int AtomsPerCell = 4;

    /// <summary>Plane spacing along [100] for lattice constant a (length).</summary>
    public static double PlaneSpacing(double a) => a / 2;

    /// <summary>The atoms of unit cell (cx, cy, cz) for lattice constant a (length).</summary>
    public static IEnumerable<Vec3> CellAtoms(int cx, int cy, int cz, double a)
    {
        foreach (var (x, y, z) in Basis)
            yield return new Vec3((float)((cx + x) * a), (float)((cy + y) * a), (float)((cz + z) * a));
    }
}
