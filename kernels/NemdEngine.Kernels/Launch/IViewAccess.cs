using System.Runtime.CompilerServices;
using ILGPU;

namespace NemdEngine.Kernels.Launch;

/// <summary>
/// How a kernel body reaches an element of an ArrayView, chosen by the launcher at compile time.
/// On ILGPU backends it is the view's own indexer. On the fast CPU path the indexer's host-side
/// checks (a bounds assert and an "is this CPU memory" assert, four dependent loads per access)
/// cost more than the LJ arithmetic, so that path reads the pinned host memory directly.
/// </summary>
public interface IViewAccess
{
    ref T At<T>(ArrayView<T> view, int index) where T : unmanaged;
}

/// <summary>The view's indexer: what ILGPU compiles for every accelerator.</summary>
public readonly struct DeviceAccess : IViewAccess
{
    public ref T At<T>(ArrayView<T> view, int index) where T : unmanaged => ref view[index];
}

/// <summary>
/// Direct access to host memory, for buffers of ILGPU's CPU accelerator only; never compiled by
/// ILGPU. No bounds check: kernels index within sizes the host allocated (covered by the
/// conformance tests, which run every kernel through <see cref="DeviceAccess"/> as well).
/// </summary>
public readonly struct HostAccess : IViewAccess
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe ref T At<T>(ArrayView<T> view, int index) where T : unmanaged
        => ref Unsafe.Add(ref Unsafe.AsRef<T>((void*)BufferOf(ref view).NativePtr), (nint)IndexOf(ref view) + index);

    // Buffer and Index are explicit interface members; constrained generic calls reach them without boxing.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ILGPU.Runtime.MemoryBuffer BufferOf<TView>(ref TView view) where TView : struct, IArrayView => view.Buffer;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long IndexOf<TView>(ref TView view) where TView : struct, IContiguousArrayView => view.Index;
}
