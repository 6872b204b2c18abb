using ILGPU;
using NemdEngine.Kernels.Neighbors;

namespace NemdEngine.Kernels.Forces.ManyBody;

/// <summary>
/// One bond i → j of atom i's near list (the neighbors within the potential's cutoff, compacted
/// from the full Verlet list each step): r_ij = r_j − r_i (length), 1/r_ij, two potential-defined
/// numbers, j's type and j's slot in i's full list. 32 bytes.
/// </summary>
public struct ManyBodyBond
{
    /// <summary>r_ij = r_j − r_i (length, minimum image).</summary>
    public float X, Y, Z;
    /// <summary>1 / |r_ij| (1/length).</summary>
    public float InvR;
    /// <summary>Stillinger-Weber: the radial factor exp(γσ/(r − aσ)); Tersoff: r (length).</summary>
    public float A;
    /// <summary>Stillinger-Weber: d(radial factor)/dr / r (1/length²); Tersoff: r² (length²).</summary>
    public float B;
    /// <summary>Species of j.</summary>
    public int Type;
    /// <summary>j's slot in i's full neighbor list: Neighbors[Layout.Index(i, Slot)] = j.</summary>
    public int Slot;
}

/// <summary>
/// What every many-body kernel reads and writes. The scratch arrays (<see cref="Bonds"/>,
/// <see cref="Partials"/>, <see cref="Reverse"/>) have the neighbor list's layout and capacity, so
/// each atom owns its rows and no two threads write one element (no atomics).
/// </summary>
public struct ManyBodyArgs
{
    public ArrayView<Vec3> Positions;
    public ArrayView<int> Types;
    public ArrayView<int> NeighborCounts;
    public ArrayView<int> Neighbors;
    public NeighborLayout Layout;
    /// <summary>Per ordered species pair (row-major, symmetric): j is in i's near list when r_ij² is below it (length²).</summary>
    public ArrayView<float> NearCutoffSquared;
    /// <summary>The largest of <see cref="NearCutoffSquared"/> (length²): a test before j's type is loaded.</summary>
    public float MaxNearCutoffSquared;
    /// <summary>Number of near bonds of each atom (written by pass 1).</summary>
    public ArrayView<int> NearCounts;
    /// <summary>Atom i's near bonds at Layout.Index(i, m), m &lt; NearCounts[i] (written by pass 1).</summary>
    public ArrayView<ManyBodyBond> Bonds;
    /// <summary>∂U_i/∂r_ij (energy/length) at Layout.Index(i, s), s = j's slot in i's full list; valid for near bonds only.</summary>
    public ArrayView<Vec3> Partials;
    /// <summary>Reverse[Layout.Index(i, s)] = the slot of i in the list of j = Neighbors[Layout.Index(i, s)], or −1 (built once per list).</summary>
    public ArrayView<int> Reverse;
    public ArrayView<Vec3> Forces;
    /// <summary>Site energies U_i (energy), added to with WithEnergy.</summary>
    public ArrayView<float> Energies;
    public int TypeCount;
    public float BoxX, BoxY;
    /// <summary>Periodic length along z, 0 when z is bounded.</summary>
    public float BoxZ;
}
