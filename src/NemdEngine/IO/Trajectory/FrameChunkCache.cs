using System.Runtime.InteropServices;
using PureHDF.VOL.Native;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// A PureHDF writing chunk cache for a [frames, atoms, 3] dataset of 4-byte elements (float32
/// positions, int32 images) chunked as [1, atomsPerChunk, 3], holding the chunks of one frame only.
/// <para>Why: PureHDF's default cache keeps every chunk of a dataset until the file is closed, so
/// memory would grow with the file; and its selection walker copies a [1, N, 3] slab three floats
/// at a time (one seek and write per atom, ~3 MB/s measured). Here a frame is copied into its
/// chunk buffers in one pass (<see cref="Stage"/>); PureHDF is then asked to write one atom per
/// chunk, which makes it fetch each chunk from this cache and later write it whole (through its
/// filters, and its chunk index). When a chunk of a later frame is asked for, the previous frame's
/// chunks are complete: they are written and their buffers reused.</para>
/// </summary>
internal sealed class FrameChunkCache(int atoms, int atomsPerChunk) : IWritingChunkCache
{
    private readonly Dictionary<ulong, (Memory<byte> Chunk, Action<ulong, Memory<byte>>? Writer)> chunks = [];
    private readonly Stack<byte[]> spare = new();
    private long frame = -1;

    public int ChunksPerFrame { get; } = (atoms + atomsPerChunk - 1) / atomsPerChunk;
    public int AtomsPerChunk => atomsPerChunk;

    /// <summary>Bytes held now (chunk buffers, in use or spare).</summary>
    public long HeldBytes => chunks.Values.Sum(c => (long)c.Chunk.Length) + spare.Sum(b => (long)b.Length);

    /// <summary>Bytes per atom: three 4-byte elements.</summary>
    public const int AtomBytes = 12;

    /// <summary>Copies frame <paramref name="frameIndex"/> (12·atoms bytes) into its chunk buffers.</summary>
    public void Stage(long frameIndex, ReadOnlySpan<byte> values)
    {
        WriteHeld();
        frame = frameIndex;
        int chunkBytes = AtomBytes * atomsPerChunk;
        for (int c = 0; c < ChunksPerFrame; c++)
        {
            var buffer = spare.Count > 0 ? spare.Pop() : new byte[chunkBytes];
            var target = buffer.AsSpan();
            int start = c * chunkBytes, count = Math.Min(chunkBytes, values.Length - start);
            values.Slice(start, count).CopyTo(target);
            target[count..].Clear();
            chunks[(ulong)(frameIndex * ChunksPerFrame + c)] = (buffer, null);
        }
    }

    public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkAllocator, Action<ulong, Memory<byte>> chunkWriter)
    {
        if (chunks.TryGetValue(chunkIndex, out var held))
        {
            // PureHDF's writer here captures this chunk's index (it ignores its index argument): keep it.
            if (held.Writer is null) chunks[chunkIndex] = (held.Chunk, chunkWriter);
            return held.Chunk;
        }
        if ((long)(chunkIndex / (ulong)ChunksPerFrame) != frame)
        {
            WriteHeld();
            frame = (long)(chunkIndex / (ulong)ChunksPerFrame);
        }
        var chunk = chunkAllocator();
        chunks[chunkIndex] = (chunk, chunkWriter);
        return chunk;
    }

    /// <param name="chunkWriter">PureHDF's writer by index (used when the file is closed).</param>
    public void Flush(Action<ulong, Memory<byte>> chunkWriter)
    {
        foreach (var (index, c) in chunks.OrderBy(c => c.Key)) chunkWriter(index, c.Chunk);
        chunks.Clear();
    }

    private void WriteHeld()
    {
        foreach (var (index, c) in chunks.OrderBy(c => c.Key))
        {
            if (c.Writer is null) throw new InvalidOperationException($"chunk {index} was staged but never written");
            c.Writer(index, c.Chunk);
            if (MemoryMarshal.TryGetArray<byte>(c.Chunk, out var segment) && segment.Array is { } array && segment.Offset == 0 && array.Length == c.Chunk.Length)
                spare.Push(array);
        }
        chunks.Clear();
    }
}
