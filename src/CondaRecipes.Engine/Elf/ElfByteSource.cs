using Microsoft.Win32.SafeHandles;

namespace CondaRecipes.Elf;

/// <summary>
/// Random access to an ELF image, either an open file (reading only the ranges the parser asks for, so a
/// 100 MB library costs a few kilobytes) or a buffer in memory (the image a rewrite is about to save).
/// </summary>
internal abstract class ElfByteSource
{
    public abstract long Length { get; }

    /// <summary>Exactly <paramref name="count"/> bytes at <paramref name="offset"/>, or null when that range
    /// is not entirely inside the image.</summary>
    public abstract byte[]? TryRead(long offset, int count);

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
    }

    public sealed class Memory(byte[] image) : ElfByteSource
    {
        public override long Length => image.Length;

        public override byte[]? TryRead(long offset, int count) =>
            offset < 0 || count < 0 || offset > image.Length - count ? null : image.AsSpan((int)offset, count).ToArray();
    }
}
