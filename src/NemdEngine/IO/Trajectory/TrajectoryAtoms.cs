using NemdEngine.IO.H5md;
using NemdEngine.Model;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// What does not change during a run and is written once per file: species index, mass (mass
/// unit), id, region and side code (<see cref="RegionLabels"/>) of every atom, and the species
/// names the indices refer to.
/// </summary>
/// <param name="Masses">Per atom, in the deck's mass unit.</param>
public sealed record TrajectoryAtoms(int[] Species, float[] Masses, int[] Ids, IReadOnlyList<string> SpeciesNames, int[] Regions, int[] Sides)
{
    public int Count => Species.Length;

    /// <summary>The atoms of a built bilayer: region from the build, side from the region (walls: from z).</summary>
    public static TrajectoryAtoms Of(ParticleSystem system, BilayerLayout layout) => new(
        system.Types, Enumerable.Range(0, system.Count).Select(i => (float)system.DeckMass(i)).ToArray(), system.Ids, system.SpeciesNames,
        system.Regions.Select(RegionLabels.RegionCode).ToArray(),
        system.Regions.Select((r, i) => RegionLabels.SideCode(r, system.Positions[i].Z, layout.InterfaceZ)).ToArray());
}
