using System.Security.Cryptography;

namespace CondaRecipes.Files;

/// <summary>Which digests of a file to compute.</summary>
[Flags]
public enum FileDigest { Sha256 = 1, Md5 = 2, Sha1 = 4 }

/// <summary>The digests of one file as lower-case hex; those not asked for are null.</summary>
public sealed record FileDigests(string? Sha256, string? Md5, string? Sha1);

/// <summary>
/// The engine's one way to hash a file's bytes: streamed (packages and source archives can be large), all
/// asked-for digests in one read, lower-case hex as conda writes them in repodata and paths.json.
/// </summary>
public static class FileHasher
{
    private const int BufferSize = 1 << 16;

    /// <summary>The sha256 of the file's bytes.</summary>
    public static string Sha256(string path)
    {
        using var stream = Open(path, useAsync: false);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static FileDigests Compute(string path, FileDigest which)
    {
        var hashes = Create(which);
        try
        {
            using var stream = Open(path, useAsync: false);
            var buffer = new byte[BufferSize];
            int read;
            while ((read = stream.Read(buffer)) > 0)
                foreach (var hash in hashes.Values) hash.AppendData(buffer, 0, read);
            return Finish(hashes);
        }
        finally { foreach (var hash in hashes.Values) hash.Dispose(); }
    }

    public static async Task<FileDigests> ComputeAsync(string path, FileDigest which, CancellationToken ct)
    {
        var hashes = Create(which);
        try
        {
            await using var stream = Open(path, useAsync: true);
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
                foreach (var hash in hashes.Values) hash.AppendData(buffer, 0, read);
            return Finish(hashes);
        }
        finally { foreach (var hash in hashes.Values) hash.Dispose(); }
    }

    private static FileStream Open(string path, bool useAsync) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
            FileOptions.SequentialScan | (useAsync ? FileOptions.Asynchronous : FileOptions.None));

    private static Dictionary<FileDigest, IncrementalHash> Create(FileDigest which)
    {
        var hashes = new Dictionary<FileDigest, IncrementalHash>();
        if (which.HasFlag(FileDigest.Sha256)) hashes[FileDigest.Sha256] = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (which.HasFlag(FileDigest.Md5)) hashes[FileDigest.Md5] = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        if (which.HasFlag(FileDigest.Sha1)) hashes[FileDigest.Sha1] = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        return hashes;
    }

    private static FileDigests Finish(Dictionary<FileDigest, IncrementalHash> hashes)
    {
        string? Hex(FileDigest d) => hashes.TryGetValue(d, out var h) ? Convert.ToHexStringLower(h.GetHashAndReset()) : null;
        return new FileDigests(Hex(FileDigest.Sha256), Hex(FileDigest.Md5), Hex(FileDigest.Sha1));
    }
}
