using System.Formats.Tar;

namespace CondaRecipes.Packaging;

/// <summary>
/// Writes package entries as a tar stream that depends only on the tree: entries in the given (sorted)
/// order, one fixed mtime, uid/gid 0, empty user and group names (as conda-package-handling anonymises
/// them). GNU format: it carries long names without PAX headers, whose names .NET derives from the process
/// id and so would differ between runs.
/// </summary>
internal static class DeterministicTar
{
    private const UnixFileMode SymlinkMode = (UnixFileMode)0b111_111_111;

    /// <summary>
    /// The end-of-archive marker (two zero blocks) alone: the whole of an empty tar. .NET's TarWriter writes
    /// nothing at all when given no entry, and a zero-byte component (a metapackage's payload) is rejected by
    /// every tar reader conda uses, so an empty tree is written as this.
    /// </summary>
    private static readonly byte[] EmptyTar = new byte[2 * 512];

    /// <summary>Writes <paramref name="entries"/> to <paramref name="output"/>; <paramref name="onEntry"/> is told each path after it is written.</summary>
    internal static void Write(Stream output, IEnumerable<TreeEntry> entries, DateTimeOffset mtime, Action<string>? onEntry = null)
    {
        var list = entries as IReadOnlyCollection<TreeEntry> ?? entries.ToList();
        if (list.Count == 0)
        {
            output.Write(EmptyTar);
            return;
        }
        using var tar = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        foreach (var entry in list)
        {
            var tarEntry = Header(entry, mtime);
            if (entry.Kind == TreeEntryKind.File)
            {
                using var data = new FileStream(entry.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                tarEntry.DataStream = data;
                tar.WriteEntry(tarEntry);
            }
            else
            {
                tar.WriteEntry(tarEntry);
            }
            onEntry?.Invoke(entry.RelativePath);
        }
    }

    /// <summary>
    /// The exact byte length <see cref="Write"/> will produce, found by running the same writer over
    /// zero-filled data into a counting sink. zstd needs it up front to record the content size in the frame.
    /// </summary>
    internal static long Size(IEnumerable<TreeEntry> entries, DateTimeOffset mtime)
    {
        var list = entries as IReadOnlyCollection<TreeEntry> ?? entries.ToList();
        if (list.Count == 0)
            return EmptyTar.Length;
        var counter = new CountingSink();
        using (var tar = new TarWriter(counter, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach (var entry in list)
            {
                var tarEntry = Header(entry, mtime);
                if (entry.Kind == TreeEntryKind.File)
                    tarEntry.DataStream = new ZeroStream(new FileInfo(entry.FullPath).Length);
                tar.WriteEntry(tarEntry);
            }
        }
        return counter.Length;
    }

    private static GnuTarEntry Header(TreeEntry entry, DateTimeOffset mtime)
    {
        var (type, mode) = entry.Kind switch
        {
            TreeEntryKind.Symlink => (TarEntryType.SymbolicLink, SymlinkMode),
            TreeEntryKind.EmptyDirectory => (TarEntryType.Directory, ModeOf(entry.FullPath)),
            _ => (TarEntryType.RegularFile, ModeOf(entry.FullPath)),
        };
        var header = new GnuTarEntry(type, entry.RelativePath)
        {
            Mode = mode,
            ModificationTime = mtime,
            // atime/ctime stay unset: Python's tarfile reads bytes 345+ of every header as the POSIX name
            // prefix, so GNU atime/ctime values there would be prepended to each path on extraction.
            AccessTime = default,
            ChangeTime = default,
            Uid = 0,
            Gid = 0,
            UserName = "",
            GroupName = "",
        };
        if (entry.Kind == TreeEntryKind.Symlink)
            header.LinkName = new FileInfo(entry.FullPath).LinkTarget!;
        return header;
    }

    // Windows has no Unix modes; a package built there gets conventional ones.
    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? (UnixFileMode)0b110_100_100 : File.GetUnixFileMode(path);

    /// <summary>Discards what is written and counts it.</summary>
    private sealed class CountingSink : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }

    /// <summary>A seekable stream of <c>length</c> zero bytes, standing in for file data when only sizes matter.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => _position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            buffer[..n].Clear();
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
