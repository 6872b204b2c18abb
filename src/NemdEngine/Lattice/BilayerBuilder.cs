using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Kernels.Random;
using NemdEngine.Model;

namespace NemdEngine.Lattice;

/// <summary>
/// Builds the NEMD bilayer of a deck: fcc [100] along z, material A below the interface and B
/// above, periodic in x and y; along z frozen | hot reservoir | A | B | cold reservoir | frozen.
/// Mobile atoms get Maxwell-Boltzmann velocities at the initial temperature with zero total momentum.
/// </summary>
public static class BilayerBuilder
{
    /// <summary>Stream of the counter RNG used for initial velocities (Langevin uses 0 and 1).</summary>
    private const int VelocityStream = 7;

    public static (ParticleSystem System, BilayerLayout Layout) Build(Deck deck)
    {
        var g = deck.Geometry;
        double a = deck.Lattice.Constant;
        int cellsZ = g.CellsA + g.CellsB;
        string[] names = deck.Species.Select(s => s.Name).ToArray();
        var lattice = CrystalLattice.Find(deck.Lattice.Type) ?? throw new ArgumentException($"unknown lattice \"{deck.Lattice.Type}\"");
        int typeA = Array.IndexOf(names, g.SpeciesA), typeB = Array.IndexOf(names, g.SpeciesB);
        if (typeA < 0 || typeB < 0)
            throw new ArgumentException($"geometry species '{g.SpeciesA}'/'{g.SpeciesB}' not among the species");
        var layout = Layout(deck);

        var positions = new List<Vec3>();
        var types = new List<int>();
        var regions = new List<Region>();
        // z outermost so atoms are ordered by plane: neighbors in space are near in memory.
        for (int cz = 0; cz < cellsZ; cz++)
            for (int cy = 0; cy < g.CellsY; cy++)
                for (int cx = 0; cx < g.CellsX; cx++)
                    foreach (Vec3 p in lattice.CellAtoms(cx, cy, cz, a))
                    {
                        positions.Add(p);
                        types.Add(cz < g.CellsA ? typeA : typeB);
                        regions.Add(layout.RegionOf(p.Z));
                    }

        int n = positions.Count;
        var masses = types.Select(t => (float)deck.Species[t].Mass).ToArray();
        var system = new ParticleSystem
        {
            Positions = positions.ToArray(),
            Velocities = new Vec3[n],
            Types = types.ToArray(),
            Masses = masses,
            Ids = Enumerable.Range(0, n).ToArray(),
            Regions = regions.ToArray(),
            SpeciesNames = names,
            BoxX = (float)layout.LengthX,
            BoxY = (float)layout.LengthY,
            // One lattice constant of slack beyond the outer frozen planes: a mobile atom can only
            // get there through a frozen wall, i.e. when the run has blown up.
            ZLow = (float)(layout.ZStart - a),
            ZHigh = (float)(layout.ZEnd + a),
        };
        double t0 = deck.Run.InitialTemperature ?? 0.5 * (deck.Thermostat.THot + deck.Thermostat.TCold);
        AssignVelocities(system, system.MobileIndices(), t0, deck.Seed);
        return (system, layout);
    }

    /// <summary>Where the regions of the deck's bilayer lie (no atoms are built): what the validator and the analysis of stored samples need.</summary>
    public static BilayerLayout Layout(Deck deck)
    {
        var g = deck.Geometry;
        double a = deck.Lattice.Constant;
        // long: a deck being validated may hold cell counts whose sum overflows an int.
        long cellsZ = (long)g.CellsA + g.CellsB, wall = (long)g.FrozenCells + g.ReservoirCells;
        return new BilayerLayout
        {
            LengthX = g.CellsX * a,
            LengthY = g.CellsY * a,
            ZStart = 0,
            ZEnd = cellsZ * a,
            FrozenLowTop = g.FrozenCells * a,
            HotReservoirTop = wall * a,
            InterfaceZ = g.CellsA * a,
            ColdReservoirBottom = (cellsZ - wall) * a,
            FrozenHighBottom = (cellsZ - g.FrozenCells) * a,
            PlaneSpacing = (CrystalLattice.Find(deck.Lattice.Type) ?? CrystalLattice.Fcc).PlaneSpacing(a),
        };
    }

    /// <summary>
    /// Gaussian velocities from the counter RNG, then the centre-of-mass velocity removed and the
    /// kinetic temperature Σ m v² / (3 N k_B) scaled to exactly kT (energy).
    /// </summary>
    public static void AssignVelocities(ParticleSystem system, int[] atoms, double kT, ulong seed)
    {
        if (atoms.Length == 0) return;
        var v = new double[atoms.Length, 3];
        double[] momentum = new double[3];
        double totalMass = 0;
        for (int k = 0; k < atoms.Length; k++)
        {
            int i = atoms[k];
            double m = system.Masses[i];
            CounterRng.Gaussian2(seed, -1, system.Ids[i], VelocityStream, out float g0, out float g1);
            CounterRng.Gaussian2(seed, -1, system.Ids[i], VelocityStream + 1, out float g2, out _);
            double s = Math.Sqrt(kT / m);
            v[k, 0] = s * g0; v[k, 1] = s * g1; v[k, 2] = s * g2;
            for (int d = 0; d < 3; d++) momentum[d] += m * v[k, d];
            totalMass += m;
        }
        double twiceKinetic = 0;
        for (int k = 0; k < atoms.Length; k++)
        {
            double m = system.Masses[atoms[k]];
            for (int d = 0; d < 3; d++)
            {
                v[k, d] -= momentum[d] / totalMass;
                twiceKinetic += m * v[k, d] * v[k, d];
            }
        }
        double scale = twiceKinetic > 0 ? Math.Sqrt(3 * atoms.Length * kT / twiceKinetic) : 0;
        for (int k = 0; k < atoms.Length; k++)
            system.Velocities[atoms[k]] = new Vec3((float)(scale * v[k, 0]), (float)(scale * v[k, 1]), (float)(scale * v[k, 2]));
    }
}
