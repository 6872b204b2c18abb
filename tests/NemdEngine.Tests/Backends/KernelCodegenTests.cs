using System.Reflection;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using NemdEngine.Backends;
using NemdEngine.Conformance;
using NemdEngine.Kernels.Launch;
using NemdEngine.Input;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Sampling;
using NemdEngine.Simulation;
using NemdEngine.Simulation.Minimization;
using NemdEngine.Simulation.Forces;

namespace NemdEngine.Tests.Backends;

/// <summary>
/// Without a GPU, CI still proves that every kernel a NEMD run launches compiles to PTX (for the
/// H100's sm_90) and to OpenCL C 2.0: ILGPU's code generators run on any machine. A construct a
/// GPU backend cannot express fails here, not on a user's GPU.
/// </summary>
public class KernelCodegenTests
{
    private static IReadOnlyCollection<Type> KernelsOfARun()
    {
        using var backend = (IlgpuBackend)BackendFactory.Create(DeviceCatalog.IlgpuCpu);
        var deck = ConformanceSystems.Deck(cellsA: 3, cellsB: 3, pairs: ConformanceSystems.TwoSpeciesPairs);
        var setup = NemdEngine.Setup.SimulationSetup.FromDeck(deck);
        using var sim = setup.CreateEngine(backend);
        using var sampler = setup.CreateSampler(backend, sim);
        // A run minimizes the built structure first (build → minimize → assign velocities → equilibrate).
        using (var fire = new FireMinimizer(sim, setup.System.MobileIndices(), new FireOptions { ForceTolerance = 1e-9, MaxSteps = 3 })) // a tolerance never met: all three steps run
            fire.Minimize();
        sim.WriteVelocities(setup.System.Velocities);
        sampler.BeginProduction();
        sim.Run(2);
        sampler.Sample(0.01);
        // The spectral heat current's interfacial forces ([spectral]).
        using (var spectral = new NemdEngine.Sampling.Spectral.SpectralSampler(backend, sim, setup.System, setup.Layout, new NemdEngine.Sampling.Spectral.SpectralPlan(2.5, 1, 8, 0.005)))
            spectral.Measure();
        sim.ComputeEnergy();
        // The many-body terms: both passes, the reverse index, energies and the pairwise forces.
        foreach (var (manyBodyDeck, table) in new (Deck, IPotentialTable)[] { ManyBodySystems.SiGeStillingerWeber(), ManyBodySystems.SiGeTersoff() })
        {
            using var manyBody = ManyBodySystems.Create(backend, manyBodyDeck, table, out var manyBodySystem);
            manyBody.Run(2);
            using (var spectral = new NemdEngine.Sampling.Spectral.SpectralSampler(backend, manyBody, manyBodySystem, NemdEngine.Lattice.BilayerBuilder.Layout(manyBodyDeck),
                new NemdEngine.Sampling.Spectral.SpectralPlan(table.MaxCutoff, 1, 8, 0.001)))
                spectral.Measure();
            manyBody.ComputeEnergy();
            ((ManyBodyForceTerm)manyBody.ForceTerms[0]).ComputePairwiseForces();
        }
        return backend.LaunchedKernelTypes;
    }

    private static EntryPointDescription EntryOf(Type kernel) =>
        EntryPointDescription.FromImplicitlyGroupedKernel(typeof(KernelEntry).GetMethod(nameof(KernelEntry.Run))!.MakeGenericMethod(kernel));

    [Fact]
    public void EveryKernelOfARunCompilesToPtxForTheH100()
    {
        var kernels = KernelsOfARun();
        foreach (string name in new[] { "StillingerWeberKernel`1", "TersoffKernel`1", "ManyBodyForceKernel", "ReverseSlotKernel", "ManyBodyPairwiseKernel",
            "InterfaceGatherKernel", "InterfacePairForceKernel`2", "InterfaceManyBodyKernel" })
            Assert.Contains(kernels, k => k.Name == name);
        Assert.True(kernels.Count >= 9, $"expected the full set of step kernels, saw {kernels.Count}: {string.Join(", ", kernels.Select(k => k.Name))}");
        using var context = Context.Create(builder => builder.CPU().EnableAlgorithms()); // no device probing: the code generators need none
        var isa = PTXCodeGenerator.SupportedInstructionSets.First();
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, isa, null);
        foreach (var kernel in kernels)
        {
            var compiled = (PTXCompiledKernel)backend.Compile(EntryOf(kernel), default);
            Assert.Contains(".entry", compiled.PTXAssembly, StringComparison.Ordinal);
            // ILGPU targets the lowest architecture the code needs (sm_80 or so), which an sm_90 device runs.
            Assert.True(compiled.PTXAssembly.Contains(".target sm_", StringComparison.Ordinal),
                $"{kernel.Name}: {compiled.PTXAssembly[..Math.Min(400, compiled.PTXAssembly.Length)]}");
        }
    }

    [Fact]
    public void EveryKernelOfARunCompilesToOpenClC20()
    {
        var kernels = KernelsOfARun();
        using var context = Context.Create(builder => builder.CPU().EnableAlgorithms()); // no device probing: the code generators need none
        // Every capability on (generic address space, 64-bit atomics, ...): what ILGPU requires of a usable device.
        var ctor = typeof(CLCapabilityContext).GetConstructors(BindingFlags.Public | BindingFlags.Instance).Single();
        var capabilities = (CLCapabilityContext)ctor.Invoke(ctor.GetParameters().Select(_ => (object)true).ToArray());
        using var backend = new CLBackend(context, capabilities, CLDeviceVendor.Nvidia, CLCVersion.CL20);
        foreach (var kernel in kernels)
        {
            var compiled = (CLCompiledKernel)backend.Compile(EntryOf(kernel), default);
            Assert.Contains("kernel", compiled.Source, StringComparison.Ordinal);
        }
    }
}
