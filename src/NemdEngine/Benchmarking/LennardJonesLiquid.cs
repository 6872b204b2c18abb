using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials;

namespace NemdEngine.Benchmarking;

/// <summary>
/// The standard LJ benchmark of LAMMPS (bench/in.lj): an fcc lattice at ρ* = 0.8442 in a box
/// periodic in x, y and z, one species of mass 1, lj/cut with r_c = 2.5 (unshifted), skin 0.3,
/// velocities drawn at T* = 3.0 so that the lattice melts into a liquid near T* = 1.44, plain NVE.
/// </summary>
public static class LennardJonesLiquid
{
    public const double Density = 0.8442, InitialTemperature = 3.0, Cutoff = 2.5, Skin = 0.3, Timestep = 0.005;

    /// <summary>The fcc lattice constant that gives ρ* = 0.8442 (4 atoms per cubic cell), in σ.</summary>
    public static double LatticeConstant => Math.Cbrt(4 / Density);

    /// <summary>n, the fcc cells per side of the cube <see cref="Build"/> makes for <paramref name="atoms"/> atoms.</summary>
    public static int CellsPerSide(int atoms) => Math.Max(6, (int)Math.Ceiling(Math.Cbrt(atoms / 4.0) - 1e-9));

    /// <summary>A cube of n fcc cells per side with 4 n³ ≥ atoms (n ≥ 6, so the box holds 3 (r_c + skin)).</summary>
    public static (ParticleSystem System, LennardJonesTable Pairs) Build(int atoms, ulong seed = 87287)
    {
        var system = PeriodicCrystal.Build(CrystalLattice.Fcc, LatticeConstant, CellsPerSide(atoms), mass: 1f, "lj", InitialTemperature, seed);
        var pairs = LennardJonesTable.FromPairs([new PairSpec("lj", "lj", 1, 1, Cutoff, Shift: false)], system.SpeciesNames);
        return (system, pairs);
    }
}
