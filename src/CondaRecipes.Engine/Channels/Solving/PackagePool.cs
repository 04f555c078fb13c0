using CondaRecipes.Channels.Reading;
using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Solving;

/// <summary>
/// Everything the resolver may choose from: host externals (virtual records for software the host
/// provides, e.g. <c>python 3.11.7 external_pyenv</c>, channel <see cref="HostChannel"/>) and the records
/// of each channel, in priority order. Externals rank above every channel; channels rank in the order they
/// were added (add the local <c>output/</c> channel first to prefer site builds).
/// </summary>
public sealed class PackagePool
{
    /// <summary>The channel name given to host externals.</summary>
    public const string HostChannel = "host";

    internal readonly record struct Entry(PackageRecord Record, int Rank);

    private readonly Dictionary<string, List<Entry>> _byName = new(StringComparer.Ordinal);
    private readonly List<string> _channels = [];
    private bool _hasExternals;

    /// <summary>Channels in priority order, <see cref="HostChannel"/> first when externals were added.</summary>
    public IReadOnlyList<string> Channels => _hasExternals ? [HostChannel, .. _channels] : _channels;

    /// <summary>Number of records (externals included).</summary>
    public int Count { get; private set; }

    /// <summary>Names of all packages in the pool.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>All records named <paramref name="name"/>, in the order added.</summary>
    public IReadOnlyList<PackageRecord> Named(string name) =>
        _byName.TryGetValue(name, out var list) ? list.Select(e => e.Record).ToList() : [];

    internal IReadOnlyList<Entry> EntriesNamed(string name) =>
        _byName.TryGetValue(name, out var list) ? list : [];

    /// <summary>
    /// Adds a channel's records with lower priority than every channel added before. A record without
    /// <see cref="PackageRecord.Channel"/> gets <paramref name="channel"/>.
    /// </summary>
    public void AddChannel(string channel, IEnumerable<PackageRecord> records)
    {
        var rank = _channels.IndexOf(channel);
        if (rank < 0) { _channels.Add(channel); rank = _channels.Count - 1; }
        foreach (var r in records) Add(r.Channel is null ? r with { Channel = channel } : r, rank + 1);
    }

    /// <summary>Reads each source's <paramref name="subdir"/> and <c>noarch</c> records, in the order given.</summary>
    public static PackagePool FromChannels(IEnumerable<ChannelSource> sources, string subdir,
        ICollection<Diagnostic>? diagnostics = null)
    {
        var pool = new PackagePool();
        foreach (var source in sources) pool.AddChannel(source.Url, source.Load(subdir, diagnostics));
        return pool;
    }

    /// <summary>
    /// Declares something the host provides (an interpreter, an MPI library, a virtual package such as
    /// <c>__glibc</c>) as a record of channel <see cref="HostChannel"/>; returns the record added.
    /// </summary>
    public PackageRecord AddExternal(string name, string version, string build = "external",
        IEnumerable<string>? depends = null, long buildNumber = 0)
    {
        var record = new PackageRecord
        {
            Name = name, Version = version, Build = build, BuildNumber = buildNumber,
            Depends = depends?.ToList() ?? [], Channel = HostChannel,
            FileName = $"{name}-{version}-{build}.external",
        };
        AddExternal(record);
        return record;
    }

    /// <summary>Adds <paramref name="record"/> as a host external (its channel becomes <see cref="HostChannel"/>).</summary>
    public void AddExternal(PackageRecord record)
    {
        if (string.IsNullOrWhiteSpace(record.Name) || record.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
            throw new CondaRecipesException(ChannelErrorCodes.InvalidExternal,
                $"Invalid host external name '{record.Name}'.", hint: "Use a conda package name such as 'python' or 'mpich'.");
        if (!VersionOrder.TryParse(record.Version, out _))
            throw new CondaRecipesException(ChannelErrorCodes.InvalidExternal,
                $"Host external '{record.Name}' has an invalid version '{record.Version}'.",
                hint: "Give the version the host software reports, e.g. 3.11.7.");
        if (string.IsNullOrWhiteSpace(record.Build))
            throw new CondaRecipesException(ChannelErrorCodes.InvalidExternal,
                $"Host external '{record.Name}' needs a build string.", hint: "For example 'external_host'.");
        _hasExternals = true;
        Add(record with { Channel = HostChannel }, 0);
    }

    private void Add(PackageRecord record, int rank)
    {
        if (!_byName.TryGetValue(record.Name, out var list)) _byName[record.Name] = list = [];
        list.Add(new Entry(record, rank));
        Count++;
    }
}
