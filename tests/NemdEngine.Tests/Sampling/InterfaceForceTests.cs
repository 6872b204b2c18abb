using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Conformance;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Sampling.Spectral;
using NemdEngine.Simulation;
using Xunit.Abstractions;

namespace NemdEngine.Tests.Sampling;

/// <summary>
/// The interfacial forces X_k the spectral heat current is built from: the kernels against a host
/// double-precision sum over pairs (through the site gradients ∂U_i/∂r_ij of the references, which
/// covers Lennard-Jones and Stillinger-Weber with one formula), on the cpu device and ILGPU's CPU
/// accelerator (Tersoff too); and the physics they encode: in NVE, Q = Σ_k X_k · v_k is the rate at which side B's
/// energy (kinetic plus its site energies) changes, checked against a central difference of E_B.
/// </summary>
public class InterfaceForceTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string device in new[] { DeviceCatalog.Cpu, DeviceCatalog.IlgpuCpu })
            foreach (string system in new[] { "lj", "sw", "tersoff" })
                data.Add(device, system);
        return data;
    }

    /// <summary>A bilayer system, every mobile atom NVE, its layout and the double reference of its potential.</summary>
    private static (SimulationEngine Engine, ParticleSystem System, BilayerLayout Layout, IManyBodyPotential Reference, double Timestep) Build(IComputeBackend backend, string name, double timestepScale = 1)
    {
        if (name == "lj")
        {
            // Two species with different ε, σ and cutoffs across the interface: the pair table is exercised.
            var deck = TestSystems.Deck(cellsXY: 6, cellsA: 4, cellsB: 4, frozen: 0, reservoir: 1, massB: 3, pairs: TestSystems.TwoSpeciesPairs);
            deck = deck with { Run = deck.Run with { Timestep = deck.Run.Timestep * timestepScale } };
            var engine = ConformanceSystems.Create(backend, deck, ConformanceSystems.AllNve, out var system);
            return (engine, system, BilayerBuilder.Layout(deck), new ReferencePairPotential(ConformanceSystems.PairMatrix(deck, system)), deck.Run.Timestep);
        }
        var (mbDeck, table, mbReference) = name == "sw"
            ? (ManyBodySystems.SiHeavySiStillingerWeber().Deck, (IPotentialTable)ManyBodySystems.SiHeavySiStillingerWeber().Table, (IManyBodyPotential)new ReferenceStillingerWeber(ManyBodySystems.SiHeavySiStillingerWeber().Table))
            : (ManyBodySystems.SiHeavySiTersoff().Deck, ManyBodySystems.SiHeavySiTersoff().Table, new ReferenceTersoff(ManyBodySystems.SiHeavySiTersoff().Table));
        mbDeck = mbDeck with { Run = mbDeck.Run with { Timestep = mbDeck.Run.Timestep * timestepScale } };
        var manyBody = ManyBodySystems.Create(backend, mbDeck, table, out var mbSystem);
        return (manyBody, mbSystem, BilayerBuilder.Layout(mbDeck), mbReference, mbDeck.Run.Timestep);
    }

    private static SpectralSampler Sampler(IComputeBackend backend, SimulationEngine engine, ParticleSystem system, BilayerLayout layout, double cutoff, double dt) =>
        new(backend, engine, system, layout, new SpectralPlan(cutoff, 1, 8, dt));

    /// <summary>X_k in double: + Σ_{j∈B} ∂U_j/∂r_jk for k in A, − Σ_{i∈A} ∂U_i/∂r_ik for k in B (see InterfaceManyBodyKernel).</summary>
    internal static Double3[] Reference(IManyBodyPotential potential, ParticleSystem system, BilayerLayout layout, Vec3[] positions)
    {
        var types = system.Types;
        var box = new ReferenceBox(system.BoxX, system.BoxY, 0, true, true, false);
        var x = positions.Select(Double3.From).ToArray();
        var lists = ManyBodyReference.NeighborLists(x, types, box, potential.Cutoff);
        var side = system.Positions.Select(p => p.Z < layout.InterfaceZ ? 0 : 1).ToArray();
        var result = new Double3[system.Count];
        for (int i = 0; i < system.Count; i++)
        {
            var neighbors = lists[i].ToArray();
            var gradient = new Double3[neighbors.Length];
            potential.SiteEnergy(types[i], neighbors, gradient);
            for (int m = 0; m < neighbors.Length; m++)
            {
                int k = neighbors[m].Index;
                if (side[k] == side[i]) continue;
                result[k] += side[k] == 0 ? gradient[m] : -gradient[m];
            }
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KernelInterfacialForcesEqualAHostDoubleSumOverPairs(string device, string name)
    {
        using var backend = BackendFactory.Create(device);
        var (engine, system, layout, reference, dt) = Build(backend, name);
        using var _ = engine;
        engine.WritePositions(TestSystems.Perturbed(system.Positions, name == "lj" ? 0.05 : 0.08, 4));
        using var sampler = Sampler(backend, engine, system, layout, reference.Cutoff, dt);
        var measured = sampler.Measure().ToArray();
        var expected = Reference(reference, system, layout, engine.ReadPositions());

        int n = sampler.Selected.Length;
        Assert.True(sampler.AtomsA > 0 && sampler.AtomsB > 0);
        // Every atom with an interfacial force is selected (the slab covers the cutoff).
        var chosen = sampler.Selected.ToHashSet();
        Assert.All(Enumerable.Range(0, system.Count).Where(i => expected[i].Length > 0), i => Assert.Contains(i, chosen));
        double rms = Math.Sqrt(sampler.Selected.Average(i => expected[i].LengthSquared));
        double worst = 0;
        for (int m = 0; m < n; m++)
        {
            var v = measured[n + m];
            Assert.Equal(engine.ReadVelocities()[sampler.Selected[m]], v);
            worst = Math.Max(worst, (Double3.From(measured[m]) - expected[sampler.Selected[m]]).Length);
        }
        output.WriteLine($"{device} {name}: {n} atoms ({sampler.AtomsA} A, {sampler.AtomsB} B), RMS |X| {rms:G4}, largest error {worst:G3} ({worst / rms:G3} of the RMS), {sampler.CrossPairs() / 2} pairs across");
        Assert.True(rms > 0.1, $"RMS interfacial force {rms}: the test system has no interface forces to compare");
        Assert.True(worst < 2e-5 * rms, $"largest |X_kernel − X_reference| = {worst:G3}, {worst / rms:G3} of the RMS {rms:G3}");
    }

    /// <summary>
    /// The derivation of X_k (energy conservation across the interface, exact for site potentials) holds
    /// only if Q = Σ X·v is dE_B/dt: the change of side B's energy along a velocity-Verlet trajectory must
    /// equal the trapezoid integral of Q, up to O(dt²). The check: the difference (RMS over the 60 steps,
    /// relative to the integral's RMS) is below 0.5 % at a quarter of the deck's timestep and shrinks at least
    /// 8-fold from the full timestep (second order gives 16; measured 13-27, until the float site energies. noise is
    /// reached; a wrong sign or a missing term gives a difference that does not shrink).
    /// </summary>
    [Theory]
    [InlineData("lj")]
    [InlineData("sw")]
    [InlineData("tersoff")]
    public void InterfacialPowerIsTheRateOfChangeOfSideBsEnergyInNve(string name)
    {
        double full = RelativeRateError(name, 1), quarter = RelativeRateError(name, 0.25);
        output.WriteLine($"{name}: RMS of ΔE_B − ∫Q dt relative to the integral's RMS: {full:P2} at the timestep, {quarter:P2} at a quarter of it");
        Assert.True(quarter < 0.005, $"ΔE_B differs from ∫ Σ X·v dt by {quarter:P2} at a quarter of the timestep");
        Assert.True(quarter < full / 8, $"the difference does not shrink as dt²: {full:P2} at dt, {quarter:P2} at dt/4");
    }

    private static double RelativeRateError(string name, double timestepScale)
    {
        using var backend = BackendFactory.Create(DeviceCatalog.Cpu);
        var (engine, system, layout, reference, dt) = Build(backend, name, timestepScale);
        using var _ = engine;
        using var sampler = Sampler(backend, engine, system, layout, reference.Cutoff, dt);
        var onB = Enumerable.Range(0, system.Count).Where(i => system.Positions[i].Z >= layout.InterfaceZ).ToArray();
        var energies = new float[system.Count];
        double SideB()
        {
            engine.ComputeEnergy();
            engine.State.Energies.CopyToCPU(energies);
            var v = engine.ReadVelocities();
            return onB.Sum(i => energies[i] + 0.5 * system.Masses[i] * ((double)v[i].X * v[i].X + (double)v[i].Y * v[i].Y + (double)v[i].Z * v[i].Z));
        }
        double Power()
        {
            var s = sampler.Measure();
            int n = sampler.Selected.Length;
            double q = 0;
            for (int m = 0; m < n; m++) q += (double)s[m].X * s[n + m].X + (double)s[m].Y * s[n + m].Y + (double)s[m].Z * s[n + m].Z;
            return q;
        }
        engine.Run((int)(20 / timestepScale));
        const int steps = 60;
        var e = new double[steps + 1];
        var q = new double[steps + 1];
        for (int s = 0; s <= steps; s++)
        {
            if (s > 0) engine.Run(1);
            q[s] = Power();
            e[s] = SideB();
        }
        // E_B(n) − E_B(0) against the trapezoid integral of Q: the float site energies' noise is not divided by dt.
        double sumSquares = 0, errorSquares = 0, work = 0;
        for (int s = 1; s <= steps; s++)
        {
            work += 0.5 * (q[s - 1] + q[s]) * dt;
            double change = e[s] - e[0];
            sumSquares += work * work;
            errorSquares += (change - work) * (change - work);
        }
        Assert.True(sumSquares > 0, "no interfacial power");
        return Math.Sqrt(errorSquares / sumSquares);
    }
}
