using NemdEngine.Kernels;

namespace NemdEngine.Model;

/// <summary>
/// The host-side description of a system before it goes to a backend: per-atom arrays (length,
/// velocity = length/time, mass units), species, the periodic x/y box and the z bounds outside
/// which an atom is declared lost.
/// </summary>
public sealed class ParticleSystem
{
    public required Vec3[] Positions { get; init; }
    public required Vec3[] Velocities { get; init; }
    /// <summary>Species index of each atom (into SpeciesNames).</summary>
    public required int[] Types { get; init; }
    /// <summary>Per atom, in engine units (the deck's mass × UnitSystem.MassScale): what the kernels divide by.</summary>
    public required float[] Masses { get; init; }
    /// <summary>Per species, the deck's mass (its mass unit), for output; null when the engine units are the deck's.</summary>
    public double[]? SpeciesMasses { get; init; }
    /// <summary>Stable atom identifiers (the counter of the random numbers).</summary>
    public required int[] Ids { get; init; }
    public required Region[] Regions { get; init; }
    public required string[] SpeciesNames { get; init; }
    public required float BoxX { get; init; }
    public required float BoxY { get; init; }
    /// <summary>An atom below ZLow or above ZHigh has left the box: the run stops.</summary>
    public required float ZLow { get; init; }
    public required float ZHigh { get; init; }
    /// <summary>
    /// True for a bulk system periodic along z too (length ZHigh − ZLow; the benchmark liquid). No
    /// atom is then lost along z. NEMD bilayers are bounded in z.
    /// </summary>
    public bool PeriodicZ { get; init; }
    /// <summary>Periodic length along z, or 0 when z is bounded (the kernels' convention).</summary>
    public float BoxZ => PeriodicZ ? ZHigh - ZLow : 0f;

    public int Count => Positions.Length;

    /// <summary>
    /// Independent copies of one system held together (nemd run --replicas): atoms come in
    /// <see cref="Replicas"/> consecutive blocks of <see cref="AtomsPerReplica"/>, each in the same
    /// box and coordinates, none interacting with another (<see cref="ReplicaBatch"/>).
    /// </summary>
    public int Replicas { get; init; } = 1;
    public int AtomsPerReplica => Count / Replicas;

    /// <summary>Atom i's mass in the deck's mass unit (what files and reports show).</summary>
    public double DeckMass(int i) => SpeciesMasses is { } m ? m[Types[i]] : Masses[i];

    /// <summary>Indices of the atoms of one region, in increasing order.</summary>
    public int[] IndicesOf(Region region) => Enumerable.Range(0, Count).Where(i => Regions[i] == region).ToArray();

    /// <summary>Indices of atoms that move (every region but Frozen).</summary>
    public int[] MobileIndices() => Enumerable.Range(0, Count).Where(i => Regions[i] != Region.Frozen).ToArray();
}
