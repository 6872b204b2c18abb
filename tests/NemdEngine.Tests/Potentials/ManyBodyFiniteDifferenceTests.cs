using NemdEngine.Conformance;
using Xunit.Abstractions;

namespace NemdEngine.Tests.Potentials;

/// <summary>
/// Analytic forces against central differences of the reference energy (h = 1e-5 Å), SW and Tersoff,
/// one and two elements, on a random cluster (no periodic axis) and on a small x/y-periodic slab where
/// an atom sees several images of the same neighbor. The pairwise forces f_ij must add up to the same
/// numerical forces, f_ji = −f_ij, and the total force vanishes (translation invariance).
/// </summary>
public class ManyBodyFiniteDifferenceTests(ITestOutputHelper output)
{
    private const double Step = 1e-5;          // Å
    // Central differences: truncation ~h² F‴/6 ≲ 1e-8 eV/Å and rounding ~1e-16 |E| / h ≲ 1e-9 eV/Å here;
    // a wrong derivative term is off by 1e-2 eV/Å or more.
    private const double Bound = 1e-6;         // eV/Å

    public static TheoryData<string, bool> Cases
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string potential in (string[])["sw-Si", "sw-SiGe", "tersoff-Si", "tersoff-SiGe"])
                foreach (bool periodic in (bool[])[false, true])
                    data.Add(potential, periodic);
            return data;
        }
    }

    private static IManyBodyPotential Potential(string name) => name switch
    {
        "sw-Si" => ShippedPotentials.StillingerWeber("Si"),
        "sw-SiGe" => ShippedPotentials.StillingerWeber("Si", "Ge"),
        "tersoff-Si" => ShippedPotentials.Tersoff("Si"),
        "tersoff-SiGe" => ShippedPotentials.Tersoff("Si", "Ge"),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Random atoms at least 2.1 Å apart in a box of edge <paramref name="edge"/> Å (x, y minimum image when periodic).</summary>
    internal static (Double3[] Positions, int[] Types) RandomAtoms(int count, double edge, bool periodic, int typeCount, int seed)
    {
        var random = new Random(seed);
        var positions = new List<Double3>();
        var types = new List<int>();
        while (positions.Count < count)
        {
            var p = new Double3(edge * random.NextDouble(), edge * random.NextDouble(), edge * random.NextDouble());
            if (positions.All(q =>
                {
                    var d = p - q;
                    double dx = periodic ? d.X - edge * Math.Round(d.X / edge) : d.X, dy = periodic ? d.Y - edge * Math.Round(d.Y / edge) : d.Y;
                    return dx * dx + dy * dy + d.Z * d.Z >= 2.1 * 2.1;
                }))
            {
                positions.Add(p);
                types.Add(random.Next(typeCount));
            }
        }
        return (positions.ToArray(), types.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForcesAreMinusTheEnergyGradient(string name, bool periodic)
    {
        var potential = Potential(name);
        // Cluster: 14 atoms in 6.5 Å. Periodic: 10 atoms in a 6 Å × 6 Å slab, shorter than twice every
        // cutoff, so some neighbors appear as two images.
        var (positions, types) = periodic
            ? RandomAtoms(10, 6.0, periodic: true, potential.TypeCount, seed: 7)
            : RandomAtoms(14, 6.5, periodic: false, potential.TypeCount, seed: 11);
        var box = periodic ? ReferenceBox.Slab(6.0, 6.0) : ReferenceBox.Open;
        var result = ManyBodyReference.Compute(potential, positions, types, box, pairwise: true);

        double worst = 0, largest = 0;
        var numeric = new Double3[positions.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            var f = new double[3];
            for (int axis = 0; axis < 3; axis++)
            {
                var shift = new Double3(axis == 0 ? Step : 0, axis == 1 ? Step : 0, axis == 2 ? Step : 0);
                var plus = (Double3[])positions.Clone();
                var minus = (Double3[])positions.Clone();
                plus[i] += shift;
                minus[i] -= shift;
                f[axis] = -(ManyBodyReference.Compute(potential, plus, types, box).Energy -
                            ManyBodyReference.Compute(potential, minus, types, box).Energy) / (2 * Step);
            }
            numeric[i] = new Double3(f[0], f[1], f[2]);
            worst = Math.Max(worst, (numeric[i] - result.Forces[i]).Length);
            largest = Math.Max(largest, numeric[i].Length);
        }
        output.WriteLine($"{name} {(periodic ? "periodic slab" : "cluster")}: {positions.Length} atoms, E = {result.Energy:F6} eV, " +
                         $"largest force {largest:F3} eV/Å, largest |F − F_fd| = {worst:E2} eV/Å");
        Assert.True(largest > 0.5, $"largest force {largest} eV/Å: the atoms barely interact");
        Assert.True(worst < Bound, $"{name}: analytic forces differ from central differences by {worst:E2} eV/Å (bound {Bound:E0})");

        // U = Σ_i U_i; Σ_j f_ij = F_i (against the numerical forces); f_ji = −f_ij; Σ_i F_i = 0.
        Assert.Equal(result.Energy, result.SiteEnergies.Sum(), 9);
        var pairs = result.Pairwise!;
        var sums = new Double3[positions.Length];
        foreach (var ((i, j), f) in pairs)
        {
            sums[i] += f;
            Assert.True(pairs.TryGetValue((j, i), out var back), $"f_{i}{j} has no f_{j}{i}");
            Assert.True((f + back).Length <= 1e-12 * (1 + f.Length), $"f_{i}{j} = {f}, f_{j}{i} = {back}");
        }
        double pairWorst = Enumerable.Range(0, positions.Length).Max(i => (sums[i] - numeric[i]).Length);
        Assert.True(pairWorst < Bound, $"{name}: Σ_j f_ij differs from the numerical force by {pairWorst:E2} eV/Å");
        var total = result.Forces.Aggregate(Double3.Zero, (a, b) => a + b);
        Assert.True(total.Length < 1e-11 * largest * positions.Length, $"{name}: Σ F = {total} eV/Å");
    }
}
