using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Kernels.Random;
using NemdEngine.Model;

namespace NemdEngine.Lattice;

/// <summary>
/// Builds the NEMD bilayer of a deck, periodic in x and y, [001] along z: material A (its own
/// lattice and constant along z) below the interface and B above, both with the common in-plane
/// constant; along z frozen | hot reservoir | A | B | cold reservoir | frozen, each end's frozen and
/// reservoir cells of that end's material. An optional intermixed layer swaps species across the
/// interface. Masses are in engine units (deck mass × MassScale); mobile atoms get Maxwell-Boltzmann
/// velocities at the initial temperature with zero total momentum.
/// </summary>
public static class BilayerBuilder
{
    /// <summary>Stream of the counter RNG used for initial velocities (Langevin uses 0 and 1).</summary>
    private const int VelocityStream = 7;
    /// <summary>Stream of the counter RNG that picks the intermixed sites.</summary>
    private const int IntermixStream = 11;

    public static (ParticleSystem System, BilayerLayout Layout) Build(Deck deck)
    {
        var (lattice, g) = Built(deck);
        var units = UnitSystem.FromName(deck.Units);
        var (sideA, sideB) = (lattice.SideA, lattice.SideB);
        var (latticeA, latticeB) = (Crystal(sideA.Type), Crystal(sideB.Type));
        double inPlane = lattice.InPlaneValue;
        string[] names = deck.Species.Select(s => s.Name).ToArray();
        int typeA = Array.IndexOf(names, g.SpeciesA), typeB = Array.IndexOf(names, g.SpeciesB);
        if (typeA < 0 || typeB < 0)
            throw new ArgumentException($"geometry species '{g.SpeciesA}'/'{g.SpeciesB}' not among the species");
        var layout = Layout(deck);

        var positions = new List<Vec3>();
        var types = new List<int>();
        // z outermost so atoms are ordered by plane: neighbors in space are near in memory.
        void Side(CrystalLattice lattice, double aZ, double z0, int cells, int type)
        {
            for (int cz = 0; cz < cells; cz++)
                for (int cy = 0; cy < g.CellsY; cy++)
                    for (int cx = 0; cx < g.CellsX; cx++)
                        foreach (Vec3 p in lattice.CellAtoms(cx, cy, cz, inPlane, aZ, z0))
                        {
                            positions.Add(p);
                            types.Add(type);
                        }
        }
        Side(latticeA, sideA.Constant, 0, g.CellsA, typeA);
        Side(latticeB, sideB.Constant, layout.SideBoundary, g.CellsB, typeB);
        var typeArray = types.ToArray();
        if (g.IntermixThickness > 0) Intermix(positions, typeArray, layout, g, typeA, typeB, deck.Seed);

        int n = positions.Count;
        var system = new ParticleSystem
        {
            Positions = positions.ToArray(),
            Velocities = new Vec3[n],
            Types = typeArray,
            Masses = typeArray.Select(t => (float)(deck.Species[t].Mass * units.MassScale)).ToArray(),
            SpeciesMasses = deck.Species.Select(s => s.Mass).ToArray(),
            Ids = Enumerable.Range(0, n).ToArray(),
            Regions = positions.Select(p => layout.RegionOf(p.Z)).ToArray(),
            SpeciesNames = names,
            BoxX = (float)layout.LengthX,
            BoxY = (float)layout.LengthY,
            // One lattice constant of slack beyond the outer frozen planes: a mobile atom can only
            // get there through a frozen wall, i.e. when the run has blown up.
            ZLow = (float)(layout.ZStart - sideA.Constant),
            ZHigh = (float)(layout.ZEnd + sideB.Constant),
        };
        AssignVelocities(system, deck);
        return (system, layout);
    }

    /// <summary>Maxwell-Boltzmann velocities at the deck's initial temperature (default: the mean of the reservoirs') on every mobile atom.</summary>
    public static void AssignVelocities(ParticleSystem system, Deck deck)
    {
        double t0 = deck.Run.InitialTemperature ?? 0.5 * (deck.Thermostat.THot + deck.Thermostat.TCold);
        AssignVelocities(system, system.MobileIndices(), UnitSystem.FromName(deck.Units).EnergyOf(t0), deck.Seed);
    }

    /// <summary>Where the regions of the deck's bilayer lie (no atoms are built): what the validator and the analysis of stored samples need.</summary>
    public static BilayerLayout Layout(Deck deck)
    {
        var (lattice, g) = Built(deck);
        var (sideA, sideB) = (lattice.SideA, lattice.SideB);
        double aA = sideA.Constant, aB = sideB.Constant, inPlane = lattice.InPlaneValue;
        double pA = Crystal(sideA.Type).PlaneSpacing(aA), pB = Crystal(sideB.Type).PlaneSpacing(aB);
        long wall = (long)g.FrozenCells + g.ReservoirCells;
        // long: a deck being validated may hold cell counts whose sum overflows an int.
        double boundary = (long)g.CellsA * aA, end = boundary + (long)g.CellsB * aB;
        return new BilayerLayout
        {
            LengthX = g.CellsX * inPlane,
            LengthY = g.CellsY * inPlane,
            ZStart = 0,
            ZEnd = end,
            FrozenLowTop = g.FrozenCells * aA,
            HotReservoirTop = wall * aA,
            // Midway between A's last plane (half a spacing below the boundary) and B's first (half above).
            InterfaceZ = boundary + 0.25 * (pB - pA),
            ColdReservoirBottom = end - wall * aB,
            FrozenHighBottom = end - g.FrozenCells * aB,
            PlaneSpacing = pA,
            PlaneSpacingB = pB,
            SideBoundary = boundary,
        };
    }

    /// <summary>The in-plane strain of each side, (a_in-plane − a_side) / a_side (positive: stretched).</summary>
    public static (double A, double B) InPlaneStrain(Deck deck)
    {
        var (lattice, _) = Built(deck);
        return (lattice.InPlaneValue / lattice.SideA.Constant - 1, lattice.InPlaneValue / lattice.SideB.Constant - 1);
    }

    /// <summary>The deck's [lattice] and [geometry]; a deck that reads its atoms from [structure] has none.</summary>
    public static (LatticeSpec Lattice, GeometrySpec Geometry) Built(Deck deck) =>
        (deck.Lattice ?? throw new ArgumentException("the deck reads its atoms from [structure]: it has no [lattice] to build"),
         deck.Geometry ?? throw new ArgumentException("the deck reads its atoms from [structure]: it has no [geometry] to build"));

    private static CrystalLattice Crystal(string style) => CrystalLattice.Find(style) ?? throw new ArgumentException($"unknown lattice \"{style}\"");

    /// <summary>
    /// A rough interface: within the layer |z − z_i| &lt; thickness/2, the fraction f of A's sites and
    /// as many of B's (the smaller count decides) exchange species, chosen by the counter RNG from the
    /// seed, so the composition of the whole system is unchanged.
    /// </summary>
    private static void Intermix(List<Vec3> positions, int[] types, BilayerLayout layout, GeometrySpec g, int typeA, int typeB, ulong seed)
    {
        double half = 0.5 * g.IntermixThickness;
        double Key(int i) => CounterRng.Uniform(CounterRng.Hash(seed, -2, i, IntermixStream));
        int[] Sites(int type, bool below) => Enumerable.Range(0, positions.Count)
            .Where(i => types[i] == type && Math.Abs(positions[i].Z - layout.InterfaceZ) < half && (positions[i].Z < layout.InterfaceZ) == below)
            .OrderBy(Key).ToArray();
        var a = Sites(typeA, below: true);
        var b = Sites(typeB, below: false);
        int swaps = (int)Math.Round(g.IntermixFraction * Math.Min(a.Length, b.Length));
        for (int k = 0; k < swaps; k++)
            (types[a[k]], types[b[k]]) = (typeB, typeA);
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
