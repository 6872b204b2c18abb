using NemdEngine.Conformance;
using NemdEngine.Tests.Potentials;
using Xunit.Abstractions;

namespace NemdEngine.Tests.CrossCheck;

/// <summary>
/// The double-precision Stillinger-Weber and Tersoff references against LAMMPS (pair_style sw, tersoff)
/// with the shipped potential files, on a perturbed Si/Ge diamond bilayer periodic in x and y, bounded
/// in z (boundary p p f): energy, every force, the virial, and the pairwise forces' sums. The stored
/// cases are compared with their json too, so the stored answer stays LAMMPS's; NEMD_WRITE_REFERENCE=1
/// rewrites the json from this run instead.
/// </summary>
public class LammpsManyBodyTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new(ManyBodyCase.All.Select(c => c.Name));

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void ReferenceMatchesLammps(string name)
    {
        string lmp = Peers.RequireExecutable("lmp", "apt-get install lammps");
        var c = ManyBodyCase.Named(name);
        var system = c.BuildSystem();
        var lammps = LammpsManyBody.Run(lmp, c.Style, ShippedPotentials.PathOf(c.PotentialFile), c.Elements, system);
        var ours = ManyBodyReference.Compute(c.Reference(), system.Positions, system.Types, system.Box, pairwise: true);
        ManyBodyAgreement.Check(ours, lammps, output, $"{name} vs LAMMPS");
        if (!c.Stored) return;

        if (Environment.GetEnvironmentVariable("NEMD_WRITE_REFERENCE") == "1")
        {
            LammpsReferenceData.From(c, system, lammps, $"LAMMPS ({LammpsVersion(lmp)}) pair_style {c.Style}, inputs/potentials/{c.PotentialFile}, run 0, boundary p p f").Save();
            output.WriteLine($"wrote {LammpsReferenceData.PathOf(name)}");
            return;
        }
        var stored = LammpsReferenceData.Load(name);
        // The stored case is this system exactly, and its answer is what LAMMPS says today.
        Assert.Equal(system.Positions, stored.ToSystem().Positions);
        Assert.Equal(system.Types, stored.Types);
        double rms = Math.Sqrt(lammps.Forces.Sum(f => f.LengthSquared) / lammps.Forces.Length);
        double drift = Enumerable.Range(0, lammps.Forces.Length).Max(i => (stored.ToResult().Forces[i] - lammps.Forces[i]).Length) / rms;
        Assert.True(drift < 1e-12 && Math.Abs(stored.Energy - lammps.Energy) < 1e-12 * Math.Abs(lammps.Energy),
            $"{LammpsReferenceData.PathOf(name)} no longer matches LAMMPS (forces {drift:E2} of the RMS force, energy {stored.Energy:R} vs {lammps.Energy:R}): regenerate it with NEMD_WRITE_REFERENCE=1 if the potential file changed on purpose");
    }

    private static string LammpsVersion(string lmp)
    {
        var (_, stdout, _) = Peers.Run(lmp, ["-h"], TimeSpan.FromMinutes(1));
        return stdout.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Large-scale", StringComparison.Ordinal))
            ?.Replace("Large-scale Atomic/Molecular Massively Parallel Simulator - ", "", StringComparison.Ordinal) ?? "unknown version";
    }
}
