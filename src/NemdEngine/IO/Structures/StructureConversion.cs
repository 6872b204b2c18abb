using NemdEngine.IO.H5md;
using NemdEngine.Model;

namespace NemdEngine.IO.Structures;

/// <summary>A built system as a structure, to write it for LAMMPS, ASE or OVITO.</summary>
public static class StructureConversion
{
    /// <summary>
    /// The structure of a built system: positions, species, masses and box as the engine holds them
    /// (float, widened exactly to double), ids = <see cref="ParticleSystem.Ids"/> + 1 (LAMMPS ids
    /// start at 1), region labels from <see cref="ParticleSystem.Regions"/>, and side labels as given or,
    /// by default, as the H5MD files have them (<see cref="RegionLabels.SideCode"/>: the reservoirs
    /// and materials by their side, walls by z &lt; <see cref="BilayerLayout.InterfaceZ"/>).
    /// </summary>
    /// <param name="units">The deck's unit system name ("lj" or "metal").</param>
    /// <param name="sides">Per atom, its side of the interface (an intermixed interface); null for the default.</param>
    public static AtomicStructure FromSystem(ParticleSystem system, BilayerLayout layout, string units, InterfaceSide[]? sides = null)
    {
        int n = system.Count;
        if (sides is not null && sides.Length != n) throw new ArgumentException($"{sides.Length} sides for {n} atoms", nameof(sides));
        var positions = new Point3[n];
        var ids = new int[n];
        var masses = new double[n];
        var regions = new AtomRegion[n];
        var sideLabels = sides ?? new InterfaceSide[n];
        for (int i = 0; i < n; i++)
        {
            var p = system.Positions[i];
            positions[i] = new Point3(p.X, p.Y, p.Z);
            ids[i] = checked(system.Ids[i] + 1);
            masses[i] = system.DeckMass(i);
            regions[i] = AtomLabels.FromModel(system.Regions[i]);
            if (sides is null) sideLabels[i] = (InterfaceSide)RegionLabels.SideCode(system.Regions[i], p.Z, layout.InterfaceZ);
        }
        var box = new StructureBox(system.BoxX, system.BoxY, system.ZLow, system.ZHigh, system.PeriodicZ);
        return new AtomicStructure(box, system.SpeciesNames, (int[])system.Types.Clone(), masses, positions, ids, regions, sideLabels, units);
    }
}
