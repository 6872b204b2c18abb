using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Benchmarking;
using NemdEngine.Conformance;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Potentials.Files;
using NemdEngine.Simulation;
using NemdEngine.Simulation.Forces;
using NemdEngine.Tests.Potentials;
using Xunit.Abstractions;

namespace NemdEngine.Tests.Simulation;

/// <summary>
/// The Stillinger-Weber and Tersoff force terms (two passes over per-slot partials ∂U_i/∂r_ij) against
/// the double-precision references and against LAMMPS's stored answers, on every backend (CUDA and
/// OpenCL skip with the reason where there is none); pairwise forces f_ij; energy conservation; and
/// mutations the checks must catch. The Si | Ge bilayers of both styles run in the conformance suite
/// (BackendConformance sw-forces, tersoff-forces, sw-nve-trajectory) on every backend too.
/// </summary>
public class ManyBodyForceTests(ITestOutputHelper output)
{
    public static readonly string[] Devices = [DeviceCatalog.Cpu, DeviceCatalog.IlgpuCpu, DeviceCatalog.Cuda, DeviceCatalog.OpenCl];

    private static IComputeBackend CreateOrSkip(string device)
    {
        try
        {
            return BackendFactory.Create(device);
        }
        catch (ArgumentException e) when (device is DeviceCatalog.Cuda or DeviceCatalog.OpenCl)
        {
            Skip.If(true, $"no usable {device} device here: {e.Message}");
            throw;
        }
    }

    private static (NemdEngine.Input.Deck Deck, IPotentialTable Table) System(string name) => name switch
    {
        "sw-si-ge" => ManyBodySystems.SiGeStillingerWeber(),
        "sw-si-heavysi" => ManyBodySystems.SiHeavySiStillingerWeber(),
        "tersoff-si-ge" => ManyBodySystems.SiGeTersoff(),
        "tersoff-si-heavysi" => ManyBodySystems.SiHeavySiTersoff(),
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string, string> HeavySiCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string device in Devices)
            foreach (string name in new[] { "sw-si-heavysi", "tersoff-si-heavysi" })
                data.Add(device, name);
        return data;
    }

    /// <summary>Si | heavy Si (two types, one parameter set; the Si | Ge cases are conformance checks): forces, energy, U_i and f_ij.</summary>
    [SkippableTheory]
    [MemberData(nameof(HeavySiCases))]
    public void ForcesEnergyAndPairwiseForcesMatchTheReference(string device, string name)
    {
        using var backend = CreateOrSkip(device);
        var (deck, table) = System(name);
        var agreement = ManyBodyKernelAgreement.Measure(backend, deck, table);
        output.WriteLine($"{device} {name}: {agreement.Summary}");
        Assert.True(agreement.Passed, agreement.Summary);
    }

    public static TheoryData<string, string> StoredCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string device in new[] { DeviceCatalog.Cpu, DeviceCatalog.IlgpuCpu })
            foreach (var c in ManyBodyCase.All.Where(c => c.Stored))
                data.Add(device, c.Name);
        return data;
    }

    /// <summary>
    /// The kernels against LAMMPS itself: its forces and energy stored for a Si | Ge bilayer at a = 5.54 Å
    /// and for a random Si/Ge slab whose distances fill every cutoff region (Potentials/Reference/*.json).
    /// The float positions differ from LAMMPS's by their rounding (≤ 1e-6 Å).
    /// </summary>
    [Theory]
    [MemberData(nameof(StoredCases))]
    public void KernelsMatchTheStoredLammpsAnswer(string device, string name)
    {
        using var backend = BackendFactory.Create(device);
        var (forces, energy, lammps) = RunStoredCase(backend, name, table => table);
        var error = ForceErrors(forces, lammps.ToResult().Forces);
        double energyError = Math.Abs(energy - lammps.Energy) / Math.Abs(lammps.Energy);
        output.WriteLine($"{device} {name}: {forces.Length} atoms, RMS force error {error.Rms:E2}, largest {error.Max:E2} of the RMS force; energy error {energyError:E2}");
        Assert.True(error.Rms <= 1e-5 && error.Max <= 1e-4 && energyError <= 1e-5,
            $"{name} on {device}: RMS force error {error.Rms:E2} (1e-5), largest {error.Max:E2} (1e-4), energy {energyError:E2} (1e-5)");
    }

    /// <summary>f_ji = −f_ij exactly, Σ_j f_ij = F_i to float rounding, and every f_ij of the reference is reported.</summary>
    [Fact]
    public void PairwiseForcesAreAntisymmetricAndAddUpToTheForces()
    {
        using var backend = new ParallelCpuBackend();
        var (deck, table) = ManyBodySystems.SiGeTersoff();
        using var sim = ManyBodySystems.Create(backend, deck, table, out var system);
        sim.WritePositions(ConformanceSystems.Perturbed(system.Positions, 0.1, 3));
        var forces = sim.ReadForces();
        var pairs = ((ManyBodyForceTerm)sim.ForceTerms[0]).ReadPairwiseForces();
        var byPair = pairs.ToDictionary(p => (p.I, p.J), p => p.Force);
        var sums = new Double3[system.Count];
        foreach (var p in pairs)
        {
            Assert.True(byPair.TryGetValue((p.J, p.I), out var back), $"f_{p.J},{p.I} is missing while f_{p.I},{p.J} = {p.Force}");
            Assert.Equal((-p.Force.X, -p.Force.Y, -p.Force.Z), (back.X, back.Y, back.Z));
            sums[p.I] += Double3.From(p.Force);
        }
        var error = ForceErrors(sums.Select(s => s.ToVec3()).ToArray(), forces.Select(Double3.From).ToArray());
        output.WriteLine($"{pairs.Count} ordered pairs for {system.Count} atoms; Σ_j f_ij against F_i: largest difference {error.Max:E2} of the RMS force");
        Assert.Equal(4 * system.Count, pairs.Count, tolerance: system.Count);
        Assert.True(error.Max < 1e-6, $"Σ_j f_ij differs from F_i by {error.Max:E2} of the RMS force");
    }

    /// <summary>
    /// The site partials ∂U_i/∂r_ij per slot (<see cref="ManyBodyForceTerm.ComputeSitePartials"/>) against the
    /// reference's virial W_ab = −Σ_i Σ_j r_ij,a ∂U_i/∂r_ij,b (itself matched to LAMMPS's), for both styles;
    /// and f_ij, computed into a caller's buffer, is their difference from the two ends.
    /// </summary>
    [Theory]
    [InlineData("sw-si-ge")]
    [InlineData("tersoff-si-ge")]
    public void SitePartialsGiveTheReferenceVirial(string name)
    {
        using var backend = new ParallelCpuBackend();
        var (deck, table) = System(name);
        using var sim = ManyBodySystems.Create(backend, deck, table, out var system);
        var positions = ConformanceSystems.Perturbed(system.Positions, 0.1, 7);
        sim.WritePositions(positions);
        var term = (ManyBodyForceTerm)sim.ForceTerms[0];
        using var partialBuffer = backend.Allocate<Vec3>(term.SlotCount);
        using var pairBuffer = backend.Allocate<Vec3>(term.SlotCount);
        term.ComputeSitePartials(partialBuffer.View);
        term.ComputePairwiseForces(pairBuffer.View);
        var partials = new Vec3[partialBuffer.Length];
        var pairs = new Vec3[pairBuffer.Length];
        partialBuffer.CopyToCPU(partials);
        pairBuffer.CopyToCPU(pairs);
        var list = sim.Neighbors.Export();
        var layout = sim.Neighbors.Layout;
        var current = sim.ReadPositions();
        var slotOf = new Dictionary<(int, int), int>();
        long k = 0;
        for (int i = 0; i < system.Count; i++)
            for (int s = 0; s < list.Counts[i]; s++) slotOf[(i, list.Entries[k++])] = layout.Index(i, s);
        var virial = new double[6];
        double worstPair = 0, pairScale = pairs.Max(f => Math.Sqrt(f.LengthSquared));
        foreach (var ((i, j), slot) in slotOf)
        {
            var g = Double3.From(partials[slot]);
            var d = Double3.From(Kernels.Neighbors.MinimumImage.Delta(current[j], current[i], system.BoxX, system.BoxY, system.BoxZ));
            virial[0] -= d.X * g.X; virial[1] -= d.Y * g.Y; virial[2] -= d.Z * g.Z;
            virial[3] -= d.X * g.Y; virial[4] -= d.X * g.Z; virial[5] -= d.Y * g.Z;
            var expected = partials[slot] - partials[slotOf[(j, i)]];
            worstPair = Math.Max(worstPair, Math.Sqrt((pairs[slot] - expected).LengthSquared) / pairScale);
        }
        var reference = ManyBodyReference.Compute(ManyBodyKernelAgreement.ReferenceOf(table), ManyBodySystems.ToDouble(positions), system.Types, ManyBodySystems.BoxOf(system));
        double scale = reference.Virial.Max(Math.Abs);
        double worst = Enumerable.Range(0, 6).Max(c => Math.Abs(virial[c] - reference.Virial[c])) / scale;
        output.WriteLine($"{name}: virial from the site partials within {worst:E2} of its largest component ({scale:G4} eV); f_ij = difference of partials within {worstPair:E2}");
        Assert.True(worst < 1e-5, $"virial from ∂U_i/∂r_ij: [{string.Join(", ", virial.Select(v => v.ToString("G7")))}], reference [{string.Join(", ", reference.Virial.Select(v => v.ToString("G7")))}]");
        Assert.True(worstPair < 1e-6, $"f_ij differs from ∂U_i/∂r_ij − ∂U_j/∂r_ji by {worstPair:E2} of the largest f_ij");
    }

    /// <summary>
    /// A near neighbor pair is looked up from both ends through the reverse slot index, and the scratch
    /// has the list's capacity: both must follow the list when it regrows (a build that overflows its
    /// capacity) and when a checkpoint's list is imported. The forces stay those of the reference.
    /// </summary>
    [Fact]
    public void ForcesFollowTheNeighborListWhenItGrowsAndWhenItIsImported()
    {
        using var backend = new ParallelCpuBackend();
        var (deck, table) = ManyBodySystems.SiGeStillingerWeber();
        using var sim = ManyBodySystems.Create(backend, deck, table, out var system);
        var snapshot = sim.Capture();
        // A list of capacity 9 (Si has 28 neighbors within r_c + skin): the next build overflows and grows it.
        sim.Neighbors.Import(new NeighborSnapshot(CellCapacity: 1, NeighborCapacity: 9, Builds: 0, new int[system.Count], []));
        var perturbed = ConformanceSystems.Perturbed(system.Positions, 0.1, 5);
        sim.WritePositions(perturbed);
        Assert.True(sim.Neighbors.Layout.Capacity > 9, "the list did not grow");
        AssertForcesMatch(sim, system, perturbed, table, "after the list grew from 9 slots");

        sim.Restore(snapshot);  // the original list and capacity, imported without a rebuild
        sim.Run(1);
        var positions = (Vec3[])sim.ReadPositions().Clone();
        AssertForcesMatch(sim, system, positions, table, "after a checkpoint's list was imported and a step taken");
    }

    private void AssertForcesMatch(SimulationEngine sim, ParticleSystem system, Vec3[] positions, IPotentialTable table, string when)
    {
        var reference = ManyBodyReference.Compute(ManyBodyKernelAgreement.ReferenceOf(table), ManyBodySystems.ToDouble(positions), system.Types, ManyBodySystems.BoxOf(system));
        var error = ForceErrors(sim.ReadForces(), reference.Forces);
        output.WriteLine($"{when}: capacity {sim.Neighbors.Layout.Capacity}, RMS force error {error.Rms:E2}, largest {error.Max:E2}");
        Assert.True(error.Rms <= 1e-5 && error.Max <= 1e-4, $"{when}: RMS force error {error.Rms:E2}, largest {error.Max:E2} of the RMS force");
    }

    /// <summary>
    /// NVE of SW Si near 1000 K: a periodic 512-atom crystal started at 2000 K on its lattice (it
    /// equilibrates near 1000 K within ~50 fs), 400 steps of 1 fs, E sampled every 10 steps. Velocity
    /// Verlet's E(t) fluctuates at O(dt²) around a conserved shadow energy. LAMMPS (pair_style sw, the
    /// same crystal, velocity create 2000 K, dt = 1 fs) measured max |E(t) − E(0)| = 2.7e-4 eV/atom (the
    /// lattice start sits below the later mean) and a spread of 1.5e-4 eV/atom after 20 fs. Bounds: max
    /// |E(t) − E(0)| below 4e-4 eV/atom and, fitted from 50 fs on, a drift below 1e-4 eV/atom per ps
    /// (float32 forces must not drift; a wrong force term drifts by orders more).
    /// </summary>
    [Fact]
    public void StillingerWeberSiliconConservesEnergyNear1000K()
    {
        const int steps = 400, every = 10, settled = 50;
        using var backend = new ParallelCpuBackend();
        var system = SiliconCrystal.Build(512);
        using var sim = new SimulationEngine(backend, system, [SiliconCrystal.Potential(SiliconCrystal.StillingerWeber)],
            [new NveSpec("all", system.MobileIndices())], new SimulationOptions(ManyBodySystems.Timestep, ManyBodySystems.Skin, 1));
        var times = new List<double>();
        var energies = new List<double>();
        double temperature = 0;
        for (int s = 0; s <= steps; s += every)
        {
            if (s > 0) sim.Run(every);
            var (k, u) = sim.ComputeEnergy();
            times.Add(s * ManyBodySystems.Timestep);
            energies.Add((k + u) / system.Count);
            temperature = 2 * k / (3 * system.Count * ManyBodySystems.Boltzmann);
        }
        double deviation = energies.Max(e => Math.Abs(e - energies[0]));
        var late = times.Zip(energies).Where(p => p.First >= settled * ManyBodySystems.Timestep).ToArray();
        double meanT = late.Average(p => p.First), meanE = late.Average(p => p.Second);
        double slope = late.Sum(p => (p.First - meanT) * (p.Second - meanE)) / late.Sum(p => (p.First - meanT) * (p.First - meanT));
        double spread = late.Max(p => p.Second) - late.Min(p => p.Second);
        output.WriteLine($"{system.Count} atoms, {steps} steps of 1 fs, T(end) = {temperature:F0} K, {sim.Neighbors.Builds} list builds: " +
            $"max |E(t) - E(0)| = {deviation:E2} eV/atom, spread after {settled} fs {spread:E2} eV/atom, drift {slope:E2} eV/atom/ps");
        output.WriteLine("E(t) (eV/atom): " + string.Join(" ", energies.Select(e => e.ToString("F5"))));
        Assert.InRange(temperature, 700, 1300);
        Assert.True(deviation < 4e-4, $"max |E(t) - E(0)| = {deviation:E2} eV/atom (bound 4e-4)");
        Assert.True(Math.Abs(slope) < 1e-4, $"energy drift {slope:E2} eV/atom/ps (bound 1e-4)");
    }

    /// <summary>
    /// The cpu backend's AVX2 pass 1 of SW (<see cref="NemdEngine.Kernels.Forces.ManyBody.VectorStillingerWeberKernel{TEnergy}"/>)
    /// against the portable kernel on the same positions: one species (parameters broadcast), two species
    /// (gathered per lane), and the random Si/Ge slab (every distance up to the cutoff). Same near lists,
    /// so the same pairs; forces and f_ij to float rounding.
    /// </summary>
    [SkippableTheory]
    [InlineData("si-crystal")]
    [InlineData("si-ge-bilayer")]
    [InlineData("si-ge-random")]
    public void VectorPassOneOfStillingerWeberMatchesThePortableKernel(string name)
    {
        Skip.IfNot(global::System.Runtime.Intrinsics.X86.Avx2.IsSupported, "no AVX2 on this CPU");
        using var vectorBackend = new ParallelCpuBackend(vectorKernels: true);
        using var scalarBackend = new ParallelCpuBackend(vectorKernels: false);
        SimulationEngine Create(IComputeBackend backend, out Vec3[] positions)
        {
            switch (name)
            {
                case "si-crystal":
                {
                    var crystal = SiliconCrystal.Build(512);
                    positions = ConformanceSystems.Perturbed(crystal.Positions, 0.15, 2);
                    return new SimulationEngine(backend, crystal, [SiliconCrystal.Potential(SiliconCrystal.StillingerWeber)],
                        [new NveSpec("all", crystal.MobileIndices())], new SimulationOptions(ManyBodySystems.Timestep, ManyBodySystems.Skin, 1));
                }
                case "si-ge-bilayer":
                {
                    var (deck, table) = ManyBodySystems.SiGeStillingerWeber();
                    var sim = ManyBodySystems.Create(backend, deck, table, out var bilayer);
                    positions = ConformanceSystems.Perturbed(bilayer.Positions, 0.15, 2);
                    return sim;
                }
                default:
                {
                    var (sim, system) = StoredCaseEngine(backend, "sw-sige-random", t => t);
                    positions = system.Positions;
                    return sim;
                }
            }
        }
        using var vector = Create(vectorBackend, out var start);
        using var scalar = Create(scalarBackend, out _);
        Assert.True(vector.VectorizedForces);
        Assert.False(scalar.VectorizedForces);
        vector.WritePositions(start);
        scalar.WritePositions(start);
        var error = ForceErrors(vector.ReadForces(), scalar.ReadForces().Select(Double3.From).ToArray());
        var pv = ((ManyBodyForceTerm)vector.ForceTerms[0]).ReadPairwiseForces();
        var ps = ((ManyBodyForceTerm)scalar.ForceTerms[0]).ReadPairwiseForces().ToDictionary(p => (p.I, p.J), p => p.Force);
        double pairRms = Math.Sqrt(ps.Values.Average(f => (double)f.LengthSquared));
        double pairWorst = pv.Max(p => Math.Sqrt((p.Force - ps[(p.I, p.J)]).LengthSquared)) / pairRms;
        double uv = vector.ComputeEnergy().Potential, us = scalar.ComputeEnergy().Potential;
        output.WriteLine($"{name}: forces RMS {error.Rms:E2}, largest {error.Max:E2} of the RMS force; f_ij largest {pairWorst:E2}; energy {Math.Abs(uv - us) / Math.Abs(us):E2}");
        Assert.Equal(ps.Count, pv.Count);
        Assert.True(error.Rms < 1e-6 && error.Max < 1e-5 && pairWorst < 1e-5, $"vector vs portable: forces RMS {error.Rms:E2}, largest {error.Max:E2}; f_ij {pairWorst:E2}");
        Assert.True(Math.Abs(uv - us) < 1e-6 * Math.Abs(us), $"potential energy {uv} (vector) vs {us} (portable)");
    }

    /// <summary>
    /// Mutations the checks above must catch, made on the kernels' inputs (the same effect as the bug in
    /// the kernel): Tersoff's triplet table read as i-k-j instead of i-j-k (the random slab's distances
    /// reach the cutoff regions, where the i-j-k and i-k-j entries of SiGe.tersoff differ), and the
    /// three-body term of SW with the wrong sign. The SW table is symmetric in j and k by construction
    /// (StillingerWeberTable refuses a file where λε or cos θ0 of i-j-k and i-k-j differ), so an SW j/k
    /// swap cannot change any result: that is asserted instead.
    /// </summary>
    [Fact]
    public void ASwappedTripletIndexOrAWrongSignIsCaught()
    {
        using var backend = new ParallelCpuBackend();
        var (forces, energy, lammps) = RunStoredCase(backend, "tersoff-sige-random", table =>
        {
            var t = (TersoffTable)table;
            return new TersoffTable
            {
                FileName = t.FileName, Species = t.Species, TypeCount = t.TypeCount, Pairs = t.Pairs, PairEntries = t.PairEntries,
                TripletEntries = t.TripletEntries, MaxCutoff = t.MaxCutoff, Triplets = SwapJK(t.Triplets, t.TypeCount),
            };
        });
        var swapped = ForceErrors(forces, lammps.ToResult().Forces);
        output.WriteLine($"Tersoff with i-k-j triplets: RMS force error {swapped.Rms:E2}, largest {swapped.Max:E2}, energy {Math.Abs(energy - lammps.Energy):E2} eV");
        Assert.True(swapped.Rms > 1e-3, $"a j/k swap in Tersoff's triplet index went unnoticed (RMS force error {swapped.Rms:E2})");

        var (deck, sw) = ManyBodySystems.SiGeStillingerWeber();
        Assert.Equal(sw.Triplets, SwapJK(sw.Triplets, sw.TypeCount));
        var wrongSign = new StillingerWeberTable
        {
            FileName = sw.FileName, Species = sw.Species, TypeCount = sw.TypeCount, Pairs = sw.Pairs, PairEntries = sw.PairEntries,
            TripletEntries = sw.TripletEntries, MaxCutoff = sw.MaxCutoff,
            Triplets = sw.Triplets.Select(t => t with { LambdaEpsilon = -t.LambdaEpsilon }).ToArray(),
        };
        // The kernel runs the mutated float table; the reference reads the double entries, which are right.
        var agreement = ManyBodyKernelAgreement.Measure(backend, deck, wrongSign);
        output.WriteLine($"SW with −λε: {agreement.Summary}");
        Assert.False(agreement.Passed, "a wrong sign of SW's three-body term went unnoticed");
        Assert.True(agreement.RmsForceError > 1e-2 && agreement.RmsPairError > 1e-2, agreement.Summary);
    }

    private static T[] SwapJK<T>(T[] triplets, int n)
    {
        var swapped = new T[triplets.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    swapped[(i * n + j) * n + k] = triplets[(i * n + k) * n + j];
        return swapped;
    }

    /// <summary>A stored LAMMPS case as a ParticleSystem on <paramref name="backend"/>; its forces and energy with the (possibly altered) table.</summary>
    private static (Vec3[] Forces, double Energy, LammpsReferenceData Lammps) RunStoredCase(IComputeBackend backend, string name, Func<IPotentialTable, IPotentialTable> alter)
    {
        var (sim, _) = StoredCaseEngine(backend, name, alter);
        using (sim)
        {
            var forces = (Vec3[])sim.ReadForces().Clone();
            var (_, energy) = sim.ComputeEnergy();
            return (forces, energy, LammpsReferenceData.Load(name));
        }
    }

    /// <summary>The simulation of a stored LAMMPS case (positions rounded to float) with the shipped file's table, altered by <paramref name="alter"/>.</summary>
    private static (SimulationEngine Engine, ParticleSystem System) StoredCaseEngine(IComputeBackend backend, string name, Func<IPotentialTable, IPotentialTable> alter)
    {
        var lammps = LammpsReferenceData.Load(name);
        var c = ManyBodyCase.Named(name);
        IPotentialTable table = c.Style == "sw"
            ? StillingerWeberTable.Build(StillingerWeberFile.Read(ShippedPotentials.PathOf(c.PotentialFile)), c.Elements)
            : TersoffTable.Build(TersoffFile.Read(ShippedPotentials.PathOf(c.PotentialFile)), c.Elements);
        int n = lammps.Types.Length;
        var system = new ParticleSystem
        {
            Positions = lammps.Positions.Select(p => new Vec3((float)p[0], (float)p[1], (float)p[2])).ToArray(),
            Velocities = new Vec3[n],
            Types = lammps.Types,
            Masses = Enumerable.Repeat((float)(ManyBodySystems.SiliconMass * ManyBodySystems.MassUnit), n).ToArray(),
            Ids = Enumerable.Range(0, n).ToArray(),
            Regions = Enumerable.Repeat(Region.MaterialA, n).ToArray(),
            SpeciesNames = c.Elements.Select((e, t) => $"{e}{t}").ToArray(),
            BoxX = (float)lammps.Lx,
            BoxY = (float)lammps.Ly,
            ZLow = (float)lammps.ZLow,
            ZHigh = (float)lammps.ZHigh,
        };
        // The random slab is 13 Å wide: a 0.3 Å skin keeps 3 (r_c + skin) within it.
        var sim = new SimulationEngine(backend, system, [alter(table)], [new NveSpec("all", system.MobileIndices())],
            new SimulationOptions(ManyBodySystems.Timestep, 0.3, 1));
        return (sim, system);
    }

    /// <summary>RMS and largest |F − F_ref| over the RMS reference force.</summary>
    private static (double Rms, double Max) ForceErrors(Vec3[] forces, IReadOnlyList<Double3> reference)
    {
        double rms = Math.Sqrt(reference.Sum(f => f.LengthSquared) / reference.Count);
        double squares = 0, worst = 0;
        for (int i = 0; i < forces.Length; i++)
        {
            double e = (Double3.From(forces[i]) - reference[i]).Length;
            squares += e * e;
            worst = Math.Max(worst, e);
        }
        return (Math.Sqrt(squares / forces.Length) / rms, worst / rms);
    }
}
