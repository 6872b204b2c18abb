using System.Text.Json;
using NemdEngine.Conformance;
using NemdEngine.Potentials;
using NemdEngine.Tests.CrossCheck;
using Xunit.Abstractions;

namespace NemdEngine.Tests.Potentials;

/// <summary>
/// A many-body cross-check case: the LAMMPS pair style, the shipped potential file, the element of each
/// type, and how the system is built (LAMMPS force-styles yaml idea: the case and its answer stored
/// together, so a regression is caught without the peer).
/// </summary>
public sealed record ManyBodyCase(string Name, string Style, string PotentialFile, string[] Elements, bool Random, bool Stored)
{
    public static readonly ManyBodyCase[] All =
    [
        new("sw-sige-slab", "sw", "SiGe.sw", ["Si", "Ge"], Random: false, Stored: true),
        new("tersoff-sige-slab", "tersoff", "SiGe.tersoff", ["Si", "Ge"], Random: false, Stored: true),
        // Random Si/Ge mixtures: the crystal's distances leave the cutoff regions (Tersoff's R ± D above
        // all) empty, so which entry's cutoff applies to which distance is checked here.
        new("sw-sige-random", "sw", "SiGe.sw", ["Si", "Ge"], Random: true, Stored: true),
        new("tersoff-sige-random", "tersoff", "SiGe.tersoff", ["Si", "Ge"], Random: true, Stored: true),
        // "Heavy Si": two species mapped to one element (the mass-only interface).
        new("sw-heavy-si-slab", "sw", "Si.sw", ["Si", "Si"], Random: false, Stored: false),
    ];

    public static ManyBodyCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>
    /// The lattice: 288 atoms, 3 × 3 diamond cells in x, y, 2 + 2 along z at a = 5.54 Å (between Si
    /// and Ge), ±0.1 Å jitter. The random case: 160 atoms about Si's density, at least 2.1 Å apart.
    /// </summary>
    public SlabSystem BuildSystem() => Random
        ? SlabSystem.Random(160, lx: 13.0, height: 18.0, minDistance: 2.1, seed: 20261130)
        : SlabSystem.Bilayer(5.54, cells: 3, cellsPerSide: 2, jitter: 0.1, seed: 20261129);

    public IManyBodyPotential Reference() => Style switch
    {
        "sw" => new ReferenceStillingerWeber(StillingerWeberTable.Build(
            NemdEngine.Potentials.Files.StillingerWeberFile.Read(ShippedPotentials.PathOf(PotentialFile)), Elements)),
        "tersoff" => new ReferenceTersoff(TersoffTable.Build(
            NemdEngine.Potentials.Files.TersoffFile.Read(ShippedPotentials.PathOf(PotentialFile)), Elements)),
        _ => throw new ArgumentException($"unknown style {Style}"),
    };
}

/// <summary>The stored LAMMPS answer for a <see cref="ManyBodyCase"/> (Potentials/Reference/NAME.json).</summary>
public sealed record LammpsReferenceData(
    string Case, string Source, string Style, string PotentialFile, string[] Elements,
    double Lx, double Ly, double ZLow, double ZHigh, int[] Types, double[][] Positions,
    double Energy, double[][] Forces, double[] Virial)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string PathOf(string name) => Input.DeckReaderTests.RepoFile($"tests/NemdEngine.Tests/Potentials/Reference/{name}.json");

    public static LammpsReferenceData Load(string name) =>
        JsonSerializer.Deserialize<LammpsReferenceData>(File.ReadAllText(PathOf(name)), Options)
        ?? throw new InvalidDataException($"{PathOf(name)} is empty");

    public static LammpsReferenceData From(ManyBodyCase c, SlabSystem s, LammpsResult r, string source) => new(
        c.Name, source, c.Style, c.PotentialFile, c.Elements, s.Lx, s.Ly, s.ZLow, s.ZHigh, s.Types,
        s.Positions.Select(p => new[] { p.X, p.Y, p.Z }).ToArray(), r.Energy,
        r.Forces.Select(f => new[] { f.X, f.Y, f.Z }).ToArray(), r.Virial);

    /// <summary>One json line per array element would be long; rows of three stay readable in a diff.</summary>
    public void Save()
    {
        string json = JsonSerializer.Serialize(this, Options);
        json = json.Replace("],[", "],\n[", StringComparison.Ordinal);
        File.WriteAllText(PathOf(Case), json + "\n");
    }

    public SlabSystem ToSystem() => new(Positions.Select(p => new Double3(p[0], p[1], p[2])).ToArray(), Types, Lx, Ly, ZLow, ZHigh);
    public LammpsResult ToResult() => new(Energy, Forces.Select(f => new Double3(f[0], f[1], f[2])).ToArray(), Virial);
}

/// <summary>How far the reference is from LAMMPS, and the assertions every cross-check makes.</summary>
public static class ManyBodyAgreement
{
    /// <summary>
    /// Both sides are double precision with the same formulas, so only summation order differs:
    /// measured 1e-14 to 4e-14 (SW, Tersoff, 288 atoms). The bounds leave room for that and nothing else (a wrong
    /// parameter, cutoff or image is orders of magnitude more).
    /// </summary>
    public const double ForceBound = 1e-11, EnergyBound = 1e-12, VirialBound = 1e-11;

    public static void Check(ManyBodyResult ours, LammpsResult lammps, ITestOutputHelper output, string what)
    {
        int n = lammps.Forces.Length;
        Assert.Equal(n, ours.Forces.Length);
        double rms = Math.Sqrt(lammps.Forces.Sum(f => f.LengthSquared) / n);
        double worst = Enumerable.Range(0, n).Max(i => (ours.Forces[i] - lammps.Forces[i]).Length) / rms;
        double energy = Math.Abs(ours.Energy - lammps.Energy) / Math.Abs(lammps.Energy);
        double virialScale = lammps.Virial.Max(Math.Abs);
        double virial = Enumerable.Range(0, 6).Max(c => Math.Abs(ours.Virial[c] - lammps.Virial[c])) / virialScale;
        output.WriteLine($"{what}: {n} atoms, E = {lammps.Energy:R} eV, RMS force {rms:G4} eV/Å; " +
                         $"largest force error {worst:E2} of the RMS force, energy {energy:E2} relative, virial {virial:E2} of its largest component");
        Assert.True(rms > 0.5, $"RMS force {rms:G4} eV/Å: the perturbation did not load the system");
        Assert.True(worst < ForceBound, $"{what}: largest force error {worst:E2} of the RMS force {rms:G4} eV/Å (bound {ForceBound:E0})");
        Assert.True(energy < EnergyBound, $"{what}: E = {ours.Energy:R} eV, LAMMPS {lammps.Energy:R} eV, relative error {energy:E2} (bound {EnergyBound:E0})");
        Assert.True(virial < VirialBound, $"{what}: virial [{string.Join(", ", ours.Virial.Select(v => v.ToString("G8")))}] eV, LAMMPS [{string.Join(", ", lammps.Virial.Select(v => v.ToString("G8")))}] (bound {VirialBound:E0})");

        // The pairwise forces add up to LAMMPS's per-atom forces: f_ij decomposes the real force.
        if (ours.Pairwise is { } pairs)
        {
            var sums = new Double3[n];
            foreach (var ((i, _), f) in pairs) sums[i] += f;
            double pairWorst = Enumerable.Range(0, n).Max(i => (sums[i] - lammps.Forces[i]).Length) / rms;
            output.WriteLine($"{what}: Σ_j f_ij against LAMMPS F_i: largest error {pairWorst:E2} of the RMS force");
            Assert.True(pairWorst < ForceBound, $"{what}: Σ_j f_ij differs from LAMMPS F_i by {pairWorst:E2} of the RMS force");
        }
    }
}
