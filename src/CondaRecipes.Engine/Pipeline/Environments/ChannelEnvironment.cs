using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Pipeline.Install;
using CondaRecipes.Channels;
using CondaRecipes.Channels.Reading;
using CondaRecipes.Channels.Solving;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Pipeline.Environments;

/// <summary>
/// Satisfies requirements from conda channels (the local output channel first): resolves them together
/// with the host externals — which stand for what the host already provides — and installs the chosen
/// channel packages into a prefix from the package cache.
/// </summary>
public sealed class ChannelEnvironment
{
    private readonly IReadOnlyList<string> _channels;
    private readonly string _subdir;
    private readonly string _cacheDir;
    private readonly IBuildLog _log;

    public ChannelEnvironment(IReadOnlyList<string> channels, string subdir, string cacheDir, IBuildLog log)
    {
        _channels = channels;
        _subdir = subdir;
        _cacheDir = cacheDir;
        _log = log;
    }

    /// <summary>
    /// Resolves <paramref name="specs"/> against the channels plus <paramref name="externals"/>, and installs
    /// the channel packages of the solution into <paramref name="prefix"/>. Returns the whole solution: the
    /// channel packages installed, with the run_exports read from their extracted archives, and the host
    /// externals it chose.
    /// </summary>
    public async Task<IReadOnlyList<ResolvedPackage>> InstallAsync(IReadOnlyList<string> specs, IReadOnlyList<HostExternal> externals,
        string prefix, string recipeFile, CancellationToken ct)
    {
        if (specs.Count == 0)
            return [];
        var pool = LoadPool(externals);
        Solution solution;
        try
        {
            solution = Resolver.Solve(specs, pool);
        }
        catch (CondaRecipesException e) when (e.Code == ChannelErrorCodes.Unsatisfiable)
        {
            throw new CondaRecipesException(BuildErrorCodes.RequirementNotSatisfied,
                $"Nothing on this host and no channel package satisfies {string.Join(", ", specs.Select(s => $"'{s}'"))}.\n{e.Message}",
                recipeFile, hint: "Build the missing package into the local channel first (a ProjectReference orders it), add a channel (CondaChannel), or declare the host software (CondaExternal).");
        }

        var fetcher = new PackageFetcher(Path.Combine(_cacheDir, "downloads"));
        var cache = new PackageCache(Path.Combine(_cacheDir, "pkgs"));
        var resolved = new List<ResolvedPackage>();
        foreach (var record in solution.Records)
        {
            if (record.Channel == PackagePool.HostChannel)
            {
                var external = externals.FirstOrDefault(e => e.Name == record.Name);
                resolved.Add(new ResolvedPackage(record.Name, record.Version, record.Build, external?.Origin ?? "host", new Packaging.RunExports(), OnHost: true));
                continue;
            }
            var archive = await fetcher.FetchAsync(record, ct);
            using var lease = cache.Use(archive);
            var extracted = lease.Directory;
            PrefixLinker.Link(extracted, prefix);
            resolved.Add(new ResolvedPackage(record.Name, record.Version, record.Build, record.Channel ?? "",
                RunExportsFile.Read(extracted, record.Name), OnHost: false)
            {
                // The repodata's sha256 (verified by the fetcher), else the archive's own.
                Archive = new InstalledArchive(record.Subdir ?? _subdir, record.FileName ?? Path.GetFileName(archive),
                    record.Sha256 ?? Files.FileHasher.Sha256(archive)),
            });
            _log.Info($"installed {record.Name} {record.Version} {record.Build} from {record.Channel}");
        }
        return resolved;
    }

    private PackagePool LoadPool(IReadOnlyList<HostExternal> externals)
    {
        var pool = new PackagePool();
        foreach (var e in externals)
            if (e.Version is not null && Channels.Specs.VersionOrder.TryParse(e.Version, out _))
                pool.AddExternal(e.Name, e.Version, e.Build);
        var diagnostics = new List<Diagnostic>();
        foreach (var channel in _channels)
        {
            var source = ChannelSource.Create(channel, new HttpChannelOptions { CacheDirectory = Path.Combine(_cacheDir, "repodata") });
            try
            {
                pool.AddChannel(source.Url, source.Load(_subdir, diagnostics));
            }
            catch (CondaRecipesException e) when (e.Code is ChannelErrorCodes.ChannelUnreachable
                                                  || e.Code == ChannelErrorCodes.UnavailableInvalidChannel && source.HoldsNothing)
            {
                // A channel that holds nothing yet (the local output before its first package) or is not reachable
                // (no network on a compute node) only narrows the search; a failed solve names the channels.
                // A channel with packages but no noarch/repodata.json is an error (CR5100): skipping it would
                // hide its packages and make the solve's failure point at the wrong cause.
                _log.Detail($"channel {channel} skipped: {e.Message}");
            }
        }
        foreach (var d in diagnostics) _log.Warn(d);
        return pool;
    }
}
