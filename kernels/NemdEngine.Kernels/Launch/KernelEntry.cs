using ILGPU;

namespace NemdEngine.Kernels.Launch;

/// <summary>The single ILGPU entry point: every kernel struct is launched through it, one item per thread.</summary>
public static class KernelEntry
{
    public static void Run<TKernel>(Index1D index, TKernel kernel) where TKernel : struct, IAtomKernel
        => kernel.Execute<DeviceAccess>(index);
}
