using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Reading;

/// <summary>A channel directory on disk: <c>&lt;dir&gt;/&lt;subdir&gt;/repodata.json</c>.</summary>
public sealed class LocalChannelSource : ChannelSource
{
    public LocalChannelSource(string directory) : base(new Uri(Path.GetFullPath(directory)).AbsoluteUri)
    {
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The channel's directory.</summary>
    public string Directory { get; }

    protected override string NoarchLocation => Path.Combine(Directory, "noarch", "repodata.json");

    public override bool HoldsNothing =>
        !System.IO.Directory.Exists(Directory) ||
        !System.IO.Directory.EnumerateDirectories(Directory).Any(d =>
            File.Exists(Path.Combine(d, "repodata.json")) || HoldsArchives(Path.GetFileName(d)));

    protected override bool HoldsArchives(string subdir)
    {
        var folder = Path.Combine(Directory, subdir);
        return System.IO.Directory.Exists(folder) && System.IO.Directory.EnumerateFiles(folder)
            .Any(f => f.EndsWith(".conda", StringComparison.Ordinal) || f.EndsWith(".tar.bz2", StringComparison.Ordinal));
    }

    protected override Task<List<PackageRecord>?> ReadSubdirAsync(string subdir, ICollection<Diagnostic>? diagnostics,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, subdir, "repodata.json");
        if (!File.Exists(path)) return Task.FromResult<List<PackageRecord>?>(null);
        using var stream = File.OpenRead(path);
        return Task.FromResult<List<PackageRecord>?>(RepodataReader.Read(stream, Url, subdir, path));
    }
}
