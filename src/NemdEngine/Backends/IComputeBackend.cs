using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Backends;

/// <summary>
/// The one backend abstraction: owns device memory and launches kernel structs over a range of
/// items. Host code (Simulation) decides launch order; a backend decides only how to launch.
/// </summary>
public interface IComputeBackend : IDisposable
{
    /// <summary>Name as given to --device: cpu, ilgpu-cpu, cuda or opencl.</summary>
    string Name { get; }
    /// <summary>Human-readable device description for logs and results.json.</summary>
    string Description { get; }
    /// <summary>True when neighbor lists should be slot-major (coalesced GPU loads).</summary>
    bool PrefersSlotMajorNeighbors { get; }
    /// <summary>
    /// True when Launch calls kernel bodies on host memory and host-only SIMD kernels (AVX2) may
    /// replace their portable twins; false on every ILGPU accelerator.
    /// </summary>
    bool RunsHostVectorKernels { get; }
    /// <summary>The ILGPU accelerator that owns this backend's memory.</summary>
    Accelerator Accelerator { get; }

    MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length) where T : unmanaged;

    /// <summary>Bytes held by buffers this backend allocated that are not yet disposed.</summary>
    long LiveBytes { get; }

    /// <summary>Runs <c>kernel.Execute(i)</c> for i in [0, count).</summary>
    void Launch<TKernel>(int count, TKernel kernel) where TKernel : struct, IAtomKernel;

    /// <summary>Waits for every launched kernel.</summary>
    void Synchronize();
}
