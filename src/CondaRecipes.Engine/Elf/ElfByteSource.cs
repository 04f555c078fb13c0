using Microsoft.Win32.SafeHandles;

namespace CondaRecipes.Elf;

/// <summary>
/// Random access to an ELF image, either an open file (reading only the ranges the parser asks for, so a
/// 100 MB library costs a few kilobytes) or a buffer in memory (the image a rewrite is about to save).
/// A rewrite writes its few changed bytes through <see cref="Write"/>, so a file is never read whole.
/// </summary>
internal abstract class ElfByteSource
{
    public abstract long Length { get; }

    /// <summary>Opens <paramref name="path"/> (read-only, or for writing its bytes in place) for the
    /// duration of <paramref name="use"/>; I/O failures to open it throw.</summary>
    public static T UseFile<T>(string path, FileAccess access, Func<ElfByteSource, T> use)
    {
        using var handle = System.IO.File.OpenHandle(path, FileMode.Open, access,
            access == FileAccess.Read ? FileShare.Read : FileShare.None);
        return use(new File(handle));
    }

    /// <summary>Exactly <paramref name="count"/> bytes at <paramref name="offset"/>, or null when that range
    /// is not entirely inside the image.</summary>
    public abstract byte[]? TryRead(long offset, int count);

    /// <summary>Overwrites <paramref name="bytes"/> at <paramref name="offset"/>, a range inside the image
    /// (the caller has read it before); a file must have been opened for writing.</summary>
    public abstract void Write(long offset, ReadOnlySpan<byte> bytes);

    public sealed class File(SafeFileHandle handle) : ElfByteSource
    {
        public override long Length { get; } = RandomAccess.GetLength(handle);

        public override byte[]? TryRead(long offset, int count)
        {
            if (offset < 0 || count < 0 || offset > Length - count) return null;
            var buffer = new byte[count];
            var done = 0;
            while (done < count)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(done), offset + done);
                if (n == 0) return null;
                done += n;
            }
            return buffer;
        }

        public override void Write(long offset, ReadOnlySpan<byte> bytes)
        {
            if (offset < 0 || offset > Length - bytes.Length)
                throw new ArgumentOutOfRangeException(nameof(offset), $"{bytes.Length} bytes at {offset} are outside the {Length}-byte file");
            RandomAccess.Write(handle, bytes, offset);
        }
    }

    public sealed class Memory(byte[] image) : ElfByteSource
    {
        public override long Length => image.Length;

        public override byte[]? TryRead(long offset, int count) =>
            offset < 0 || count < 0 || offset > image.Length - count ? null : image.AsSpan((int)offset, count).ToArray();

        public override void Write(long offset, ReadOnlySpan<byte> bytes) => bytes.CopyTo(image.AsSpan(checked((int)offset)));
    }
}
