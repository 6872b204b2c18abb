using PureHDF.VOL.Native;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// A writing chunk cache for PureHDF that holds the chunks of one frame only. PureHDF's default
/// cache keeps every chunk of a dataset (uncompressed) until the file is closed, so a compressed
/// trajectory would need memory proportional to the file. Frames are written in order and a
/// chunk never spans two frames (chunk shape [1, atoms, 3]), so when a chunk of a later frame is
/// asked for, every cached chunk is complete: it is compressed, written and dropped.
/// </summary>
internal sealed class FrameChunkCache(ulong chunksPerFrame) : IWritingChunkCache
{
    // The writer PureHDF hands to GetChunk writes the chunk it was created for (it captures that
    // chunk's index and ignores its index argument), so each chunk keeps its own.
    private readonly Dictionary<ulong, (Memory<byte> Chunk, Action<ulong, Memory<byte>> Writer)> chunks = [];
    private ulong frame;

    /// <summary>Bytes held now (uncompressed chunk buffers).</summary>
    public long HeldBytes => chunks.Values.Sum(c => (long)c.Chunk.Length);

    public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkAllocator, Action<ulong, Memory<byte>> chunkWriter)
    {
        if (chunks.TryGetValue(chunkIndex, out var held)) return held.Chunk;
        ulong chunkFrame = chunkIndex / chunksPerFrame;
        if (chunkFrame != frame)
        {
            foreach (var (index, c) in chunks.OrderBy(c => c.Key)) c.Writer(index, c.Chunk);
            chunks.Clear();
            frame = chunkFrame;
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
}
