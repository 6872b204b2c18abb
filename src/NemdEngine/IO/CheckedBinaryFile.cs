using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace NemdEngine.IO;

/// <summary>A checkpoint or samples file that is truncated, corrupt, of another kind or of an unknown version.</summary>
public sealed class CorruptFileException(string message) : IOException(message);

/// <summary>
/// A binary container for checkpoints and stored samples:
/// <c>"NEMD" kind[4] version:u32 payloadLength:i64 sha256(payload)[32] payload</c>, little-endian.
/// Writes stream the payload to a temporary sibling through an incremental SHA-256, then fill in
/// the length and hash, flush to disk and rename over the target: the previous file stays whole
/// until the new one is in place, and a failed write (disk full) deletes the temporary. Reads
/// stream too: a first pass checks the hash, a second reads the payload. Neither holds the file
/// in one array, so payloads above 2 GiB (10 million atoms) work. Errors name the file.
/// </summary>
public static class CheckedBinaryFile
{
    private static readonly byte[] Magic = "NEMD"u8.ToArray();
    private const int HeaderLength = 4 + 4 + 4 + 8 + 32;
    private const int LengthOffset = 12, HashOffset = 20;

    /// <summary>Bytes moved per read or write call for bulk arrays and the hash pass (tests lower it).</summary>
    internal const int DefaultChunkBytes = 1 << 20;

    /// <summary>Writes a file through <c>path.tmp</c> and a rename; on failure the temporary is deleted and the target is unchanged.</summary>
    /// <exception cref="IOException">The write failed; the message names <paramref name="path"/> and says why (e.g. no space left on device).</exception>
    public static void Write(string path, string kind, uint version, Action<BinaryWriter> writePayload)
    {
        byte[] header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        KindBytes(kind).CopyTo(header, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), version);

        string temporary = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                file.Write(header); // length and hash are filled in below
                using (var hashing = new HashingWriteStream(file))
                {
                    using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
                        writePayload(writer);
                    BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(LengthOffset), hashing.Length);
                    hashing.GetHash(header.AsSpan(HashOffset, 32));
                }
                file.Position = LengthOffset;
                file.Write(header.AsSpan(LengthOffset));
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e)
        {
            AtomicFile.TryDelete(temporary);
            if (e is IOException or UnauthorizedAccessException) throw AtomicFile.WriteFailed(path, e);
            throw;
        }
    }

    /// <summary>Reads and verifies a file; returns its version and a reader over the payload (dispose it).</summary>
    public static (uint Version, PayloadReader Reader) Read(string path, string kind, uint maxVersion) => Read(path, kind, maxVersion, DefaultChunkBytes);

    internal static (uint Version, PayloadReader Reader) Read(string path, string kind, uint maxVersion, int chunkBytes)
    {
        FileStream file;
        try { file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16); }
        catch (FileNotFoundException) { throw new CorruptFileException($"{path}: no such file"); }
        catch (DirectoryNotFoundException) { throw new CorruptFileException($"{path}: no such file"); }
        try
        {
            long fileLength = file.Length;
            Span<byte> header = stackalloc byte[HeaderLength];
            int got = file.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
            if (got < HeaderLength || !header[..4].SequenceEqual(Magic))
                throw new CorruptFileException($"{path}: not a NemdEngine {kind} file (header missing or truncated, {fileLength} bytes)");
            string actualKind = Encoding.ASCII.GetString(header.Slice(4, 4));
            if (actualKind != kind)
                throw new CorruptFileException($"{path}: a NemdEngine '{actualKind}' file, expected '{kind}'");
            uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            if (version == 0 || version > maxVersion)
                throw new CorruptFileException($"{path}: format version {version} is not supported (this build reads up to {maxVersion})");
            long length = BinaryPrimitives.ReadInt64LittleEndian(header[LengthOffset..]);
            if (length != fileLength - HeaderLength)
                throw new CorruptFileException($"{path}: truncated or corrupt: header announces {length} bytes of data, the file holds {fileLength - HeaderLength}");

            // First pass: the checksum, streamed. Second pass: the payload from the same open file.
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                byte[] buffer = new byte[Math.Max(1, chunkBytes)];
                long left = length;
                while (left > 0)
                {
                    int n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    if (n == 0) throw new CorruptFileException($"{path}: truncated while reading: {left} bytes missing");
                    hash.AppendData(buffer, 0, n);
                    left -= n;
                }
                Span<byte> actual = stackalloc byte[32];
                hash.GetHashAndReset(actual);
                if (!actual.SequenceEqual(header.Slice(HashOffset, 32)))
                    throw new CorruptFileException($"{path}: corrupt: checksum mismatch");
            }
            file.Position = HeaderLength;
            return (version, new PayloadReader(path, file, HeaderLength, fileLength, chunkBytes));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static byte[] KindBytes(string kind)
    {
        byte[] k = Encoding.ASCII.GetBytes(kind);
        if (k.Length != 4) throw new ArgumentException("kind must be 4 ASCII characters", nameof(kind));
        return k;
    }

    // Bulk arrays are written as raw little-endian bytes (exact bits), prefixed by their length.
    public static void WriteArray<T>(this BinaryWriter w, ReadOnlySpan<T> values) where T : unmanaged => WriteArray(w, values, DefaultChunkBytes);

    /// <summary>Writes in pieces of at most <paramref name="chunkBytes"/> (whole elements): one span of more than 2 GiB cannot be viewed as bytes.</summary>
    internal static void WriteArray<T>(BinaryWriter w, ReadOnlySpan<T> values, int chunkBytes) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("checkpoints need a little-endian machine");
        w.Write((long)values.Length);
        int perChunk = Math.Max(1, chunkBytes / Unsafe.SizeOf<T>());
        for (int start = 0; start < values.Length; start += perChunk)
            w.Write(MemoryMarshal.AsBytes(values.Slice(start, Math.Min(perChunk, values.Length - start))));
    }

    public static void WriteNullable(this BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    /// <summary>Write-only pass-through that hashes and counts what it forwards (the payload after the header).</summary>
    private sealed class HashingWriteStream(Stream inner) : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override long Length => Written;
        private long Written { get; set; }
        public void GetHash(Span<byte> destination) => hash.GetHashAndReset(destination);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            hash.AppendData(buffer);
            Written += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void WriteByte(byte value) => Write([value]);
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) hash.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// Reads a verified payload from its open file; a length that does not fit gives a
/// <see cref="CorruptFileException"/> naming the file. Dispose it to close the file.
/// </summary>
public sealed class PayloadReader : IDisposable
{
    private readonly Stream stream;
    private readonly BinaryReader reader;
    private readonly long end;
    private readonly int chunkBytes;

    internal PayloadReader(string path, Stream stream, long start, long end, int chunkBytes)
    {
        Path = path;
        this.stream = stream;
        this.end = end;
        this.chunkBytes = Math.Max(1, chunkBytes);
        stream.Position = start;
        reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: false);
    }

    public string Path { get; }

    public CorruptFileException Corrupt(string what) => new($"{Path}: corrupt: {what}");

    private T Guard<T>(string what, Func<T> read)
    {
        try { return read(); }
        catch (EndOfStreamException) { throw Corrupt($"{what}: data ends early"); }
        catch (FormatException) { throw Corrupt($"{what}: malformed"); }
    }

    public bool ReadBoolean(string what) => Guard(what, reader.ReadBoolean);
    public int ReadInt32(string what) => Guard(what, reader.ReadInt32);
    public long ReadInt64(string what) => Guard(what, reader.ReadInt64);
    public ulong ReadUInt64(string what) => Guard(what, reader.ReadUInt64);
    public double ReadDouble(string what) => Guard(what, reader.ReadDouble);
    public string ReadString(string what) => Guard(what, reader.ReadString);
    public string? ReadNullableString(string what) => ReadBoolean(what) ? ReadString(what) : null;

    /// <summary>Reads a length-prefixed array, in pieces: its size in bytes may exceed 2 GiB.</summary>
    /// <param name="expected">Required length, or -1 for any.</param>
    public T[] ReadArray<T>(string what, long expected = -1) where T : unmanaged
    {
        long n = ReadInt64(what + " length");
        if (expected >= 0 && n != expected) throw Corrupt($"{what} has {n} entries, expected {expected}");
        long bytesLeft = end - stream.Position;
        int size = Unsafe.SizeOf<T>();
        if (n < 0 || n > bytesLeft / size) throw Corrupt($"{what}: {n} entries do not fit in the {bytesLeft} bytes left");
        if (n > Array.MaxLength) throw Corrupt($"{what}: {n} entries exceed the largest array this runtime allows ({Array.MaxLength})");
        var values = new T[n];
        int perChunk = Math.Max(1, chunkBytes / size);
        for (int start = 0; start < values.Length; start += perChunk)
        {
            var piece = MemoryMarshal.AsBytes(values.AsSpan(start, Math.Min(perChunk, values.Length - start)));
            try { stream.ReadExactly(piece); }
            catch (EndOfStreamException) { throw Corrupt($"{what}: data ends early"); }
        }
        return values;
    }

    /// <summary>Fails unless every byte of the payload was read.</summary>
    public void End()
    {
        if (stream.Position != end)
            throw Corrupt($"{end - stream.Position} unexpected bytes after the data");
    }

    public void Dispose() => reader.Dispose();
}
