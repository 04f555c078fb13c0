using CondaRecipes.Channels;
using CondaRecipes.Channels.Reading;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Pipeline.Dependencies;

/// <summary>
/// Whether the channel packages a variant was built against are still those in their channels: each archive
/// the stamp records is looked up by file name in its channel's current repodata and its sha256 compared.
/// Only local channels (folders, <c>file://</c>: the local output channel among them) are read: a package
/// rebuilt there keeps its file name, while a remote channel never replaces a published file, so checking it
/// would cost a download for nothing.
/// </summary>
public static class InstalledPackageCheck
{
    /// <summary>Why the variant must be rebuilt against its dependencies (which package changed), or null.</summary>
    public static string? ChangedReason(IReadOnlyList<InstalledPackage>? installed)
    {
        if (installed is null || installed.Count == 0) return null;
        var repodata = new Dictionary<(string, string), Dictionary<string, PackageRecord>?>();
        foreach (var p in installed)
        {
            if (LocalFolder(p.Channel) is not { } folder) continue;
            if (!repodata.TryGetValue((folder, p.Subdir), out var records))
                repodata[(folder, p.Subdir)] = records = Read(folder, p.Subdir);
            if (records is null || !records.TryGetValue(p.FileName, out var current))
                return $"{p.Environment} package {p.DistName} is no longer in {folder}";
            var sha = current.Sha256 ?? Sha256OrNull(Path.Combine(folder, p.Subdir, p.FileName));
            if (!string.Equals(sha, p.Sha256, StringComparison.OrdinalIgnoreCase))
                return $"{p.Environment} package {p.DistName} changed (sha256 {Short(p.Sha256)} -> {Short(sha)})";
        }
        return null;
    }

    // Installed packages record their channel as its URL: file:// for a local channel, http(s):// otherwise.
    private static string? LocalFolder(string channel) =>
        channel.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && ChannelSource.Create(channel) is LocalChannelSource local
            ? Path.TrimEndingDirectorySeparator(local.Directory) : null;

    /// <summary>The subdir's records by file name, or null when it has no readable repodata (then nothing of it is there).</summary>
    private static Dictionary<string, PackageRecord>? Read(string folder, string subdir)
    {
        var file = Path.Combine(folder, subdir, "repodata.json");
        if (!File.Exists(file)) return null;
        try
        {
            using var stream = File.OpenRead(file);
            return RepodataReader.Read(stream, folder, subdir, file)
                .Where(r => r.FileName is not null).ToDictionary(r => r.FileName!, StringComparer.Ordinal);
        }
        catch (CondaRecipesException e) when (e.Code == ChannelErrorCodes.InvalidRepodata)
        {
            return null; // being rewritten or damaged: the build re-resolves and reports it
        }
    }

    private static string? Sha256OrNull(string path) => File.Exists(path) ? Files.FileHasher.Sha256(path) : null;

    private static string Short(string? sha) => sha is null ? "none" : sha.Length > 12 ? sha[..12] : sha;
}
