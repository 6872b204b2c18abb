using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Backends;

/// <summary>
/// Launches kernel structs through ILGPU on any accelerator (CUDA, OpenCL or ILGPU's CPU
/// emulator). Each kernel type is compiled once, on first launch, and cached.
/// </summary>
public sealed class IlgpuBackend : IComputeBackend
{
    private readonly Context context;
    private readonly AllocationLedger ledger = new();
    private readonly Accelerator accelerator;
    private readonly ConcurrentDictionary<Type, Delegate> kernels = new();

    public IlgpuBackend(string name, Context context, Accelerator accelerator)
    {
        Name = name;
        this.context = context;
        this.accelerator = accelerator;
    }

    public string Name { get; }
    public string Description => accelerator.AcceleratorType == AcceleratorType.CPU
        ? $"{accelerator.Name} via ILGPU (emulated GPU threads)"
        : $"{accelerator.AcceleratorType} {accelerator.Name} via ILGPU ({accelerator.MemorySize / (1024.0 * 1024 * 1024):F1} GiB)";
    public bool PrefersSlotMajorNeighbors => accelerator.AcceleratorType != AcceleratorType.CPU;
    public bool RunsHostVectorKernels => false;
    public Accelerator Accelerator => accelerator;

    public MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length) where T : unmanaged
        => ledger.Track(accelerator.Allocate1D<T>(Math.Max(1, length)));

    public long LiveBytes => ledger.LiveBytes;

    public void Launch<TKernel>(int count, TKernel kernel) where TKernel : struct, IAtomKernel
    {
        if (count <= 0) return;
        // TryGetValue first: GetOrAdd with a lambda capturing `this` would allocate a closure per launch.
        if (!kernels.TryGetValue(typeof(TKernel), out var cached))
            cached = kernels.GetOrAdd(typeof(TKernel), accelerator.LoadAutoGroupedStreamKernel<Index1D, TKernel>(KernelEntry.Run));
        var launcher = (Action<Index1D, TKernel>)cached;
        launcher(count, kernel);
    }

    public void Synchronize() => accelerator.Synchronize();

    /// <summary>Every kernel struct type launched so far (the code-generation tests compile each for CUDA and OpenCL).</summary>
    public IReadOnlyCollection<Type> LaunchedKernelTypes => kernels.Keys.ToArray();

    public void Dispose()
    {
        accelerator.Dispose();
        context.Dispose();
    }
}
