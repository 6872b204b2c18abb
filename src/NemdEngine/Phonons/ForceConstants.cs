using NemdEngine.Conformance;

namespace NemdEngine.Phonons;

/// <summary>
/// One harmonic force-constant block between a displaced atom (the source) and a target atom of the
/// infinite crystal: Φ_αβ = ∂²U/∂r_source,α ∂r_target,β (energy/length²), row-major [α·3 + β].
/// </summary>
/// <param name="Target">The target's index in the structure the constants were computed from (any periodic image).</param>
/// <param name="Offset">r_target − r_source for this image (length).</param>
public sealed record Coupling(int Target, Double3 Offset, double[] Block)
{
    public double this[int alpha, int beta] => Block[alpha * 3 + beta];
}

/// <summary>
/// Harmonic force constants by finite displacement (central differences of the forces), from the same
/// double-precision site potentials the conformance checks and `nemd lattice` use
/// (<see cref="IManyBodyPotential"/>: LJ pair tables, Stillinger-Weber, Tersoff, or their sum).
/// <para>The structure is periodic (any box size, even smaller than the cutoff), but only the one copy
/// of the source atom is moved, not its periodic images: every site energy that sees that copy is
/// re-evaluated with its bond vectors to it changed, and the forces are keyed by (atom, image). So the
/// constants are those of the infinite crystal, not of a supercell, and no supercell convergence is
/// needed. Sites that do not see the moved atom contribute the same force at +h and −h and are skipped,
/// so a source costs (1 + its neighbors) site energies per displacement.</para>
/// </summary>
public sealed class ForceConstantCalculator
{
    /// <summary>Rounding of image offsets into keys (length): far below any interatomic distance, far above rounding error.</summary>
    private const double KeyResolution = 1e-7;

    private readonly IManyBodyPotential _potential;
    private readonly IReadOnlyList<Double3> _positions;
    private readonly IReadOnlyList<int> _types;
    private readonly List<Neighbor>[] _lists;
    private readonly double _step;

    /// <param name="potential">the potential, in the units of the positions (length, energy).</param>
    /// <param name="step">the displacement h (length); 1e-4 of a bond length is a good choice: the O(h²) error and rounding both stay near 1e-8 relative.</param>
    public ForceConstantCalculator(IManyBodyPotential potential, IReadOnlyList<Double3> positions, IReadOnlyList<int> types, ReferenceBox box, double step)
    {
        if (!(step > 0)) throw new ArgumentException("the displacement must be positive", nameof(step));
        _potential = potential;
        _positions = positions;
        _types = types;
        _step = step;
        // A margin of a few steps, so that no neighbor can cross into the cutoff between +h and −h unseen.
        _lists = ManyBodyReference.NeighborLists(positions, types, box, potential.Cutoff + 4 * step);
    }

    public int AtomCount => _positions.Count;

    /// <summary>Every nonzero block between <paramref name="source"/> and the atoms of the infinite crystal (itself included, at zero offset).</summary>
    public IReadOnlyList<Coupling> Couplings(int source)
    {
        var rs = _positions[source];
        // The site copies whose energy depends on the moving atom: its own, and each neighbor's copy.
        var sites = new List<(int Atom, Double3 Origin, bool[] Moves, bool IsSource)>
        {
            (source, rs, Enumerable.Repeat(true, _lists[source].Count).ToArray(), true),
        };
        foreach (var nb in _lists[source])
        {
            // The neighbor's copy at r_s + Δ sees the moving atom at −Δ from itself.
            var list = _lists[nb.Index];
            var moves = new bool[list.Count];
            for (int m = 0; m < list.Count; m++)
                moves[m] = list[m].Index == source && (list[m].Delta + nb.Delta).LengthSquared < KeyResolution * KeyResolution;
            sites.Add((nb.Index, rs + nb.Delta, moves, false));
        }

        var difference = new Dictionary<(int, long, long, long), (Double3 Offset, double[] Block)>();
        for (int alpha = 0; alpha < 3; alpha++)
            foreach (double sign in (ReadOnlySpan<double>)[1.0, -1.0])
            {
                var delta = Unit(alpha, sign * _step);
                foreach (var (atom, origin, moves, isSource) in sites)
                {
                    var list = _lists[atom];
                    var moved = new Neighbor[list.Count];
                    for (int m = 0; m < list.Count; m++)
                    {
                        var d = list[m].Delta;
                        if (isSource) d -= delta;          // the centre moves: every bond vector shrinks by δ
                        else if (moves[m]) d += delta;     // the neighbor that is the moving atom
                        moved[m] = list[m] with { Delta = d, Distance = d.Length };
                    }
                    var gradient = new Double3[list.Count];
                    _potential.SiteEnergy(_types[atom], moved, gradient);
                    // U_i depends on r_j − r_i: F_j −= ∂U_i/∂r_ij, F_i += Σ ∂U_i/∂r_ij (ManyBodyReference's convention).
                    var total = Double3.Zero;
                    for (int m = 0; m < list.Count; m++)
                    {
                        total += gradient[m];
                        Accumulate(difference, list[m].Index, origin + list[m].Delta - rs, alpha, -sign * gradient[m]);
                    }
                    Accumulate(difference, atom, origin - rs, alpha, sign * total);
                }
            }

        var couplings = new List<Coupling>();
        double scale = 0;
        foreach (var (_, block) in difference.Values)
            foreach (double v in block) scale = Math.Max(scale, Math.Abs(v));
        foreach (var ((target, _, _, _), (offset, block)) in difference)
        {
            // Φ_αβ = ∂²U/∂r_sα∂r_tβ = −∂F_tβ/∂r_sα = −(F_tβ(+h) − F_tβ(−h)) / 2h.
            if (block.Max(Math.Abs) <= 1e-13 * scale) continue;
            couplings.Add(new Coupling(target, offset, block.Select(v => -v / (2 * _step)).ToArray()));
        }
        return couplings;
    }

    private static void Accumulate(Dictionary<(int, long, long, long), (Double3, double[])> forces, int atom, Double3 offset, int alpha, Double3 force)
    {
        var key = (atom, (long)Math.Round(offset.X / KeyResolution), (long)Math.Round(offset.Y / KeyResolution), (long)Math.Round(offset.Z / KeyResolution));
        if (!forces.TryGetValue(key, out var entry)) forces[key] = entry = (offset, new double[9]);
        var block = entry.Item2;
        block[alpha * 3 + 0] += force.X;
        block[alpha * 3 + 1] += force.Y;
        block[alpha * 3 + 2] += force.Z;
    }

    private static Double3 Unit(int axis, double length) => axis switch
    {
        0 => new Double3(length, 0, 0),
        1 => new Double3(0, length, 0),
        _ => new Double3(0, 0, length),
    };
}
