using ILGPU.Runtime;

namespace NemdEngine.Backends;

/// <summary>
/// Remembers the buffers a backend handed out so the benchmark can report device memory per
/// atom (buffers that were disposed, e.g. a neighbor list replaced after an overflow, no longer count).
/// </summary>
internal sealed class AllocationLedger
{
    private readonly List<WeakReference<MemoryBuffer>> buffers = [];
    private readonly Lock gate = new();

    public T Track<T>(T buffer) where T : MemoryBuffer
    {
        lock (gate) buffers.Add(new WeakReference<MemoryBuffer>(buffer));
        return buffer;
    }

    public long LiveBytes
    {
        get
        {
            lock (gate)
            {
                buffers.RemoveAll(w => !w.TryGetTarget(out var b) || b.IsDisposed);
                return buffers.Sum(w => w.TryGetTarget(out var b) ? b.LengthInBytes : 0);
            }
        }
    }
}
