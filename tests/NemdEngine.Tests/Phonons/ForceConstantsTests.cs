using NemdEngine.Conformance;
using NemdEngine.Lattice;
using NemdEngine.Phonons;
using Xunit.Abstractions;

namespace NemdEngine.Tests.Phonons;

/// <summary>
/// Force constants by finite displacement of one atom of the infinite crystal: the acoustic sum rule,
/// the symmetry Φ_st(Δ) = Φ_ts(−Δ)ᵀ, and agreement with the plain supercell method (every image moves
/// with the atom) on a supercell larger than twice the interaction range.
/// </summary>
public class ForceConstantsTests(ITestOutputHelper output)
{
    [Fact]
    public void AcousticSumRuleAndZeroFrequenciesAtGamma()
    {
        foreach (var (name, crystal) in new[] { ("LJ fcc", PhononSystems.LennardJonesFcc.Value), ("SW Si", PhononSystems.Silicon.Value) })
        {
            double worst = 0, scale = 0;
            foreach (var list in crystal.Couplings)
                for (int e = 0; e < 9; e++)
                {
                    worst = Math.Max(worst, Math.Abs(list.Sum(c => c.Block[e])));
                    scale = Math.Max(scale, list.Max(c => Math.Abs(c.Block[e])));
                }
            var gamma = crystal.ModesAt(Double3.Zero, velocities: false);
            double top = gamma[^1].Frequency, acoustic = gamma.Take(3).Max(m => Math.Abs(m.Frequency));
            output.WriteLine($"{name}: |Σ Φ| / max|Φ| = {worst / scale:E2}; acoustic ω(Γ) ≤ {acoustic:E2}, highest ω(Γ) = {top:G5}");
            Assert.True(worst < 1e-10 * scale, $"{name}: the acoustic sum rule is broken by {worst / scale:E2}");
            Assert.True(acoustic < 1e-4 * Math.Max(top, PhononSpectrum.HighestFrequency(crystal, 2)));
        }
    }

    [Fact]
    public void BlocksAreSymmetricUnderExchangeOfTheTwoAtoms()
    {
        var si = PhononSystems.Silicon.Value;
        // Φ_κα,κ'β(Δ) = Φ_κ'β,κα(−Δ): sublattice 0 → 1 against 1 → 0.
        double worst = 0, scale = 0;
        foreach (var (target, offset, block) in si.Couplings[0])
        {
            var back = si.Couplings[target].Single(c => c.Target == 0 && (c.Offset + offset).Length < 1e-6);
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                {
                    worst = Math.Max(worst, Math.Abs(block[a * 3 + b] - back.Block[b * 3 + a]));
                    scale = Math.Max(scale, Math.Abs(block[a * 3 + b]));
                }
        }
        output.WriteLine($"SW Si: max |Φ_st(Δ) − Φ_ts(−Δ)ᵀ| / max|Φ| = {worst / scale:E2} over {si.Couplings[0].Count} blocks");
        Assert.True(worst < 1e-7 * scale);
        // First and second neighbours only (the three-body term couples the two ends of a bond angle).
        Assert.Equal(1 + 4 + 12, si.Couplings[0].Count);
    }

    [Fact]
    public void OneAtomOfTheInfiniteCrystalAgreesWithTheSupercellMethod()
    {
        // SW Si: constants reach second neighbours (3.84 Å); a 3 × 3 × 3 supercell (16.3 Å) holds each once.
        double a = PhononSystems.SiliconA0.Value;
        var cell = CrystalLattice.Diamond;
        var positions = new List<Double3>();
        for (int x = 0; x < 3; x++) for (int y = 0; y < 3; y++) for (int z = 0; z < 3; z++)
            foreach (var p in cell.Basis) positions.Add(new Double3((x + p.X) * a, (y + p.Y) * a, (z + p.Z) * a));
        var types = new int[positions.Count];
        var box = ReferenceBox.Periodic(3 * a, 3 * a, 3 * a);
        var potential = PhononSystems.SiliconSw;
        double h = 1e-4;
        var couplings = new ForceConstantCalculator(potential, positions, types, box, h).Couplings(0);
        double worst = 0, scale = 0;
        for (int alpha = 0; alpha < 3; alpha++)
        {
            var plus = positions.ToArray(); var minus = positions.ToArray();
            var d = new Double3(alpha == 0 ? h : 0, alpha == 1 ? h : 0, alpha == 2 ? h : 0);
            plus[0] += d; minus[0] -= d;
            var fp = ManyBodyReference.Compute(potential, plus, types, box).Forces;
            var fm = ManyBodyReference.Compute(potential, minus, types, box).Forces;
            foreach (var c in couplings)
                for (int beta = 0; beta < 3; beta++)
                {
                    double supercell = -(fp[c.Target][beta] - fm[c.Target][beta]) / (2 * h);
                    worst = Math.Max(worst, Math.Abs(supercell - c[alpha, beta]));
                    scale = Math.Max(scale, Math.Abs(supercell));
                }
        }
        output.WriteLine($"SW Si: infinite-crystal vs supercell constants differ by {worst / scale:E2} of the largest");
        Assert.True(worst < 1e-8 * scale);
    }
}
