using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Potentials;
using NemdEngine.Simulation.Forces;

namespace NemdEngine.Conformance;

/// <summary>
/// How a backend's many-body term agrees with the double-precision reference on a perturbed
/// system: force errors relative to the RMS reference force, relative energy error, the largest
/// site-energy error relative to the mean |U_i|, pairwise-force errors relative to the RMS reference f_ij, and the number of
/// interacting pairs the kernel missed or invented.
/// </summary>
public sealed record ManyBodyKernelAgreement(int Atoms, double RmsForceError, double MaxForceError, double EnergyError, double MaxSiteEnergyError,
    int Pairs, double RmsPairError, double MaxPairError, int MissingPairs, int ExtraPairs)
{
    /// <summary>Float32 bounds: RMS force error ≤ 1e-5 and largest ≤ 1e-4 of the RMS force, energy 1e-5 relative,
    /// site energies 1e-5 of the mean |U_i| (float r_ij carry ~1e-7 Å, which Tersoff's e^(−λ1 r) turns into ~1e-6 eV), f_ij as the forces, no pair missing or extra.</summary>
    public bool Passed => RmsForceError <= 1e-5 && MaxForceError <= 1e-4 && EnergyError <= 1e-5 && MaxSiteEnergyError <= 1e-5
        && RmsPairError <= 1e-5 && MaxPairError <= 1e-4 && MissingPairs == 0 && ExtraPairs == 0;

    public string Summary =>
        $"{Atoms} atoms: RMS force error {RmsForceError:E2} (bound 1e-5), largest {MaxForceError:E2} (bound 1e-4) of the RMS force; " +
        $"energy error {EnergyError:E2} (bound 1e-5); site energies {MaxSiteEnergyError:E2} of the mean |U_i| (bound 1e-5); " +
        $"f_ij of {Pairs} pairs: RMS error {RmsPairError:E2}, largest {MaxPairError:E2} of the RMS f_ij; {MissingPairs} missing, {ExtraPairs} extra";

    /// <summary>The reference for a many-body table.</summary>
    public static IManyBodyPotential ReferenceOf(IPotentialTable table) => table switch
    {
        StillingerWeberTable sw => new ReferenceStillingerWeber(sw),
        TersoffTable tersoff => new ReferenceTersoff(tersoff),
        _ => throw new ArgumentException($"no many-body reference for style '{table.Style}'"),
    };

    /// <param name="jitter">Uniform displacement of each coordinate, ± this (Å).</param>
    public static ManyBodyKernelAgreement Measure(IComputeBackend backend, Deck deck, IPotentialTable table, double jitter = 0.1, int seed = 11)
    {
        using var sim = ManyBodySystems.Create(backend, deck, table, out var system);
        var positions = ConformanceSystems.Perturbed(system.Positions, jitter, seed);
        sim.WritePositions(positions);
        var forces = (Vec3[])sim.ReadForces().Clone();
        var term = (ManyBodyForceTerm)sim.ForceTerms[0];
        var pairs = term.ReadPairwiseForces();
        var (_, energy) = sim.ComputeEnergy();
        var sites = new float[system.Count];
        sim.State.Energies.CopyToCPU(sites);
        var reference = ManyBodyReference.Compute(ReferenceOf(table), ManyBodySystems.ToDouble(positions), system.Types, ManyBodySystems.BoxOf(system), pairwise: true);
        return Compare(forces, energy, sites, pairs, reference);
    }

    /// <summary>The comparison itself (public so that a test can feed it a deliberately wrong answer).</summary>
    public static ManyBodyKernelAgreement Compare(Vec3[] forces, double energy, float[] sites, IReadOnlyList<PairForce> pairs, ManyBodyResult reference)
    {
        int n = forces.Length;
        double rms = Math.Sqrt(reference.Forces.Sum(f => f.LengthSquared) / n);
        double sumSquares = 0, worst = 0, worstSite = 0;
        for (int i = 0; i < n; i++)
        {
            double e = (Double3.From(forces[i]) - reference.Forces[i]).Length;
            sumSquares += e * e;
            worst = Math.Max(worst, e / rms);
            worstSite = Math.Max(worstSite, Math.Abs(sites[i] - reference.SiteEnergies[i]));
        }
        var expected = reference.Pairwise!;
        double pairRms = Math.Sqrt(expected.Values.Sum(f => f.LengthSquared) / Math.Max(1, expected.Count));
        double pairSquares = 0, pairWorst = 0;
        int extra = 0;
        var seen = new HashSet<(int, int)>();
        foreach (var p in pairs)
        {
            if (!expected.TryGetValue((p.I, p.J), out var f) || !seen.Add((p.I, p.J)))
            {
                extra++;
                continue;
            }
            double e = (Double3.From(p.Force) - f).Length;
            pairSquares += e * e;
            pairWorst = Math.Max(pairWorst, e / pairRms);
        }
        // A reference pair the kernel did not report: its whole f_ij is the error (a zero f_ij is not reported).
        int missing = 0;
        foreach (var (key, f) in expected)
        {
            if (seen.Contains(key)) continue;
            if (f.Length > 1e-5 * pairRms) missing++;
            pairSquares += f.LengthSquared;
            pairWorst = Math.Max(pairWorst, f.Length / pairRms);
        }
        double meanSite = reference.SiteEnergies.Average(Math.Abs);
        return new ManyBodyKernelAgreement(n, Math.Sqrt(sumSquares / n) / rms, worst, Math.Abs(energy - reference.Energy) / Math.Abs(reference.Energy), worstSite / meanSite,
            expected.Count, Math.Sqrt(pairSquares / Math.Max(1, expected.Count)) / pairRms, pairWorst, missing, extra);
    }
}
