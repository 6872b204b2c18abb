using NemdEngine.Kernels;
using NemdEngine.Lattice;
using NemdEngine.Model;

namespace NemdEngine.Benchmarking;

/// <summary>
/// The benchmark systems' common shape: a cube of n × n × n cells of one lattice and one species,
/// periodic in x, y and z, with velocities drawn at a temperature. Not a NEMD bilayer: every atom is
/// mobile (<see cref="Region.MaterialA"/>) and nothing is frozen, so a benchmark measures the force
/// and list kernels on a plain bulk.
/// </summary>
public static class PeriodicCrystal
{
    /// <param name="mass">Engine units (the deck's mass times the unit system's mass scale).</param>
    /// <param name="kT">k_B T of the initial velocities, in engine energy units.</param>
    public static ParticleSystem Build(CrystalLattice lattice, double constant, int cellsPerSide, float mass, string species, double kT, ulong seed)
    {
        var positions = new List<Vec3>();
        for (int cz = 0; cz < cellsPerSide; cz++)
            for (int cy = 0; cy < cellsPerSide; cy++)
                for (int cx = 0; cx < cellsPerSide; cx++)
                    positions.AddRange(lattice.CellAtoms(cx, cy, cz, constant));
        int count = positions.Count;
        float length = (float)(cellsPerSide * constant);
        var system = new ParticleSystem
        {
            Positions = positions.ToArray(),
            Velocities = new Vec3[count],
            Types = new int[count],
            Masses = Enumerable.Repeat(mass, count).ToArray(),
            Ids = Enumerable.Range(0, count).ToArray(),
            Regions = Enumerable.Repeat(Region.MaterialA, count).ToArray(),
            SpeciesNames = [species],
            BoxX = length,
            BoxY = length,
            ZLow = 0,
            ZHigh = length,
            PeriodicZ = true,
        };
        BilayerBuilder.AssignVelocities(system, Enumerable.Range(0, count).ToArray(), kT, seed);
        return system;
    }
}
