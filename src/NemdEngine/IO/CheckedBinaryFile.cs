using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace NemdEngine.IO;

/// <summary>A checkpoint or samples file that is truncated, corrupt, of another kind or of an unknown version.</summary>
public sealed class CorruptFileException(string message) : IOException(message);

/// <summary>
/// A small binary container for checkpoints and stored samples:
/// <c>"NEMD" kind[4] version:u32 payloadLength:i64 sha256(payload)[32] payload</c>, little-endian.
/// Writes go to a temporary sibling, are flushed to disk, then renamed over the target, so the
/// previous file stays whole until the new one is in place. Reads check magic, kind, version,
/// length and checksum and name the file in every error.
/// </summary>
public static class CheckedBinaryFile
{
    private static readonly byte[] Magic = "NEMD"u8.ToArray();
    private const int HeaderLength = 4 + 4 + 4 + 8 + 32;

    public static void Write(string path, string kind, uint version, Action<BinaryWriter> writePayload)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
            writePayload(writer);
        byte[] body = payload.GetBuffer();
        int length = (int)payload.Length;
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        KindBytes(kind).CopyTo(header, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), length);
        SHA256.HashData(body.AsSpan(0, length), header.AsSpan(20));

        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(header);
            file.Write(body, 0, length);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads and verifies a file; returns its version and a reader over the payload.</summary>
    public static (uint Version, PayloadReader Reader) Read(string path, string kind, uint maxVersion)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw new CorruptFileException($"{path}: no such file"); }
        catch (DirectoryNotFoundException) { throw new CorruptFileException($"{path}: no such file"); }
        if (bytes.Length < HeaderLength || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
            throw new CorruptFileException($"{path}: not a NemdEngine {kind} file (header missing or truncated, {bytes.Length} bytes)");
        string actualKind = Encoding.ASCII.GetString(bytes, 4, 4);
        if (actualKind != kind)
            throw new CorruptFileException($"{path}: a NemdEngine '{actualKind}' file, expected '{kind}'");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (version == 0 || version > maxVersion)
            throw new CorruptFileException($"{path}: format version {version} is not supported (this build reads up to {maxVersion})");
        long length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        if (length != bytes.Length - HeaderLength)
            throw new CorruptFileException($"{path}: truncated or corrupt: header announces {length} bytes of data, the file holds {bytes.Length - HeaderLength}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes.AsSpan(HeaderLength), hash);
        if (!hash.SequenceEqual(bytes.AsSpan(20, 32)))
            throw new CorruptFileException($"{path}: corrupt: checksum mismatch");
        return (version, new PayloadReader(path, bytes, HeaderLength));
    }

    private static byte[] KindBytes(string kind)
    {
        byte[] k = Encoding.ASCII.GetBytes(kind);
        if (k.Length != 4) throw new ArgumentException("kind must be 4 ASCII characters", nameof(kind));
        return k;
    }

    // Bulk arrays are written as raw little-endian bytes (exact bits), prefixed by their length.
    public static void WriteArray<T>(this BinaryWriter w, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("checkpoints need a little-endian machine");
        w.Write((long)values.Length);
        w.Write(MemoryMarshal.AsBytes(values));
    }

    public static void WriteNullable(this BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }
}

/// <summary>Reads a verified payload; a length that does not fit gives a <see cref="CorruptFileException"/> naming the file.</summary>
// Owns only a reader over an in-memory array: nothing to dispose.
#pragma warning disable CA1001
public sealed class PayloadReader(string path, byte[] bytes, int start)
{
    private readonly BinaryReader reader = new(new MemoryStream(bytes, start, bytes.Length - start, writable: false), Encoding.UTF8);

    public string Path { get; } = path;

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

    /// <param name="expected">Required length, or -1 for any.</param>
    public T[] ReadArray<T>(string what, long expected = -1) where T : unmanaged
    {
        long n = ReadInt64(what + " length");
        if (expected >= 0 && n != expected) throw Corrupt($"{what} has {n} entries, expected {expected}");
        long bytesLeft = reader.BaseStream.Length - reader.BaseStream.Position;
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (n < 0 || n * size > bytesLeft) throw Corrupt($"{what}: {n} entries do not fit in the {bytesLeft} bytes left");
        var values = new T[n];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Fails unless every byte of the payload was read.</summary>
    public void End()
    {
        if (reader.BaseStream.Position != reader.BaseStream.Length)
            throw Corrupt($"{reader.BaseStream.Length - reader.BaseStream.Position} unexpected bytes after the data");
    }
}
#pragma warning restore CA1001
