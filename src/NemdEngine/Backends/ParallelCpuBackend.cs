using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Backends;

/// <summary>
/// The fast CPU path: buffers live in host memory (an ILGPU CPU accelerator owns them) and the
/// same kernel bodies are called from Parallel.For over contiguous chunks. ILGPU's own
/// CPUAccelerator emulates GPU thread groups with barriers and was measured about 15x slower
/// on the force loop (design.md), so it is kept only as the "ilgpu-cpu" debugging device.
/// </summary>
public sealed class ParallelCpuBackend : IComputeBackend
{
    // Below this many items a launch runs on the calling thread: thread hand-off costs more.
    private const int SerialThreshold = 1024;
    private const int MinItemsPerChunk = 256;

    private readonly Context context;
    private readonly AllocationLedger ledger = new();
    private readonly CPUAccelerator accelerator;
    private readonly int threads;
    private readonly ParallelOptions options;

    /// <param name="threads">Worker threads (default: one per logical core).</param>
    /// <param name="vectorKernels">Launch the AVX2 twins of the force and list-build kernels where the CPU
    /// has AVX2; false keeps the portable kernels (the reference tests and benchmarks compare against).</param>
    public ParallelCpuBackend(int? threads = null, bool vectorKernels = true)
    {
        RunsHostVectorKernels = vectorKernels && Kernels.Forces.VectorLennardJonesForceKernel<Kernels.Forces.WithoutEnergy>.IsSupported
            && Kernels.Neighbors.VectorBuildNeighborListKernel.IsSupported;
        this.threads = Math.Max(1, threads ?? Environment.ProcessorCount);
        options = new ParallelOptions { MaxDegreeOfParallelism = this.threads };
        context = Context.Create(builder => builder.CPU().EnableAlgorithms());
        accelerator = context.CreateCPUAccelerator(0);
    }

    public string Name => "cpu";
    public string Description =>
        $"CPU, Parallel.For on {threads} threads ({Environment.ProcessorCount} logical cores), {(RunsHostVectorKernels ? "AVX2" : "portable scalar")} kernels";
    public bool PrefersSlotMajorNeighbors => false;
    public bool RunsHostVectorKernels { get; }
    public Accelerator Accelerator => accelerator;

    public MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length) where T : unmanaged
        => ledger.Track(accelerator.Allocate1D<T>(Math.Max(1, length)));

    public long LiveBytes => ledger.LiveBytes;

    public void Launch<TKernel>(int count, TKernel kernel) where TKernel : struct, IAtomKernel
    {
        if (count <= 0) return;
        if (count < SerialThreshold || threads == 1)
        {
            for (int i = 0; i < count; i++) kernel.Execute<HostAccess>(i);
            return;
        }
        // A few chunks per thread balance load without per-item scheduling cost.
        int chunks = Math.Min(threads * 4, Math.Max(1, count / MinItemsPerChunk));
        Parallel.For(0, chunks, options, chunk =>
        {
            int start = (int)((long)count * chunk / chunks);
            int end = (int)((long)count * (chunk + 1) / chunks);
            TKernel local = kernel;
            for (int i = start; i < end; i++) local.Execute<HostAccess>(i);
        });
    }

    public void Synchronize() { }

    public void Dispose()
    {
        accelerator.Dispose();
        context.Dispose();
    }
}
