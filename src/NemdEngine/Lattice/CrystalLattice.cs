using NemdEngine.Kernels;

namespace NemdEngine.Lattice;

/// <summary>
/// A cubic crystal as data (LAMMPS lattice.cpp: a basis per style), [001] along z: the basis of
/// the conventional cell in units of the lattice constant. Every style's basis is shifted in z so
/// that its atomic planes sit in the middle of equal slabs of thickness <see cref="PlaneSpacing"/>
/// (a bin of one plane then starts at z = 0 of a cell).
/// </summary>
public sealed record CrystalLattice(string Style, (double X, double Y, double Z)[] Basis, int PlanesPerCell)
{
    /// <summary>Face-centred cubic: 4 atoms per cell, planes a/2 apart.</summary>
    public static readonly CrystalLattice Fcc = new("fcc",
    [
        (0.0, 0.0, 0.25), (0.5, 0.5, 0.25), (0.5, 0.0, 0.75), (0.0, 0.5, 0.75),
    ], 2);

    /// <summary>Diamond (two fcc sublattices a(1/4, 1/4, 1/4) apart): 8 atoms per cell, planes a/4 apart.</summary>
    public static readonly CrystalLattice Diamond = new("diamond",
    [
        (0.0, 0.0, 0.125), (0.5, 0.5, 0.125), (0.25, 0.25, 0.375), (0.75, 0.75, 0.375),
        (0.5, 0.0, 0.625), (0.0, 0.5, 0.625), (0.75, 0.25, 0.875), (0.25, 0.75, 0.875),
    ], 4);

    /// <summary>Every style a deck may name.</summary>
    public static readonly IReadOnlyList<CrystalLattice> All = [Fcc, Diamond];

    /// <summary>The lattice named <paramref name="style"/>, or null.</summary>
    public static CrystalLattice? Find(string style) => All.FirstOrDefault(l => l.Style == style);

    public int AtomsPerCell => Basis.Length;

    /// <summary>Spacing of atomic planes along [001] for lattice constant <paramref name="a"/> (length).</summary>
    public double PlaneSpacing(double a) => a / PlanesPerCell;

    /// <summary>Number density (atoms per length³) for lattice constant a.</summary>
    public double Density(double a) => AtomsPerCell / (a * a * a);

    /// <summary>Nearest-neighbour distance in units of the lattice constant (√2/2 for fcc, √3/4 for diamond).</summary>
    public double NearestNeighbour => Style == "diamond" ? Math.Sqrt(3) / 4 : Math.Sqrt(2) / 2;

    /// <summary>
    /// The atoms of unit cell (cx, cy, cz): in-plane constant <paramref name="aInPlane"/> for x and y,
    /// <paramref name="aZ"/> along z, the cell's bottom at <paramref name="z0"/> (lengths).
    /// </summary>
    public IEnumerable<Vec3> CellAtoms(int cx, int cy, int cz, double aInPlane, double aZ, double z0 = 0)
    {
        foreach (var (x, y, z) in Basis)
            yield return new Vec3((float)((cx + x) * aInPlane), (float)((cy + y) * aInPlane), (float)(z0 + (cz + z) * aZ));
    }

    /// <summary>The atoms of unit cell (cx, cy, cz) of the cubic lattice with constant a.</summary>
    public IEnumerable<Vec3> CellAtoms(int cx, int cy, int cz, double a) => CellAtoms(cx, cy, cz, a, a);
}
