using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Reading;

/// <summary>
/// One channel to read records from: a local directory (plain path or <c>file://</c> URL) or an
/// <c>http(s)://</c> URL. <see cref="Load"/> returns the records of a platform subdir and of <c>noarch</c>;
/// a channel without <c>noarch/repodata.json</c> is rejected (CR5100), as conda rejects it with
/// UnavailableInvalidChannel, while a missing platform subdir just contributes nothing.
/// </summary>
public abstract class ChannelSource
{
    protected ChannelSource(string url)
    {
        Url = url.TrimEnd('/');
        var lastSlash = Url.LastIndexOf('/');
        Name = lastSlash >= 0 ? Url[(lastSlash + 1)..] : Url;
    }

    /// <summary>The channel's URL, normalised (<c>file:///abs/path</c> or <c>https://host/path</c>), without a trailing slash.</summary>
    public string Url { get; }

    /// <summary>The last part of the URL (<c>conda-forge</c>, <c>output</c>): what <c>name::pkg</c> specs refer to.</summary>
    public string Name { get; }

    public override string ToString() => Url;

    /// <summary>
    /// Makes the source for <paramref name="channel"/>: an absolute or relative path, a <c>file://</c> URL or an
    /// <c>http(s)://</c> URL. <paramref name="options"/> matter for http(s) only (cache directory, client, timeout).
    /// </summary>
    public static ChannelSource Create(string channel, HttpChannelOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(channel))
            throw new CondaRecipesException(ChannelErrorCodes.UnsupportedChannelUrl, "Empty channel name.",
                hint: "Give a directory, a file:// URL or an http(s):// URL.");
        if (channel.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            channel.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return new HttpChannelSource(channel, options ?? new HttpChannelOptions());
        if (channel.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return new LocalChannelSource(new Uri(channel).LocalPath);
        if (channel.Contains("://", StringComparison.Ordinal))
            throw new CondaRecipesException(ChannelErrorCodes.UnsupportedChannelUrl,
                $"Channel '{channel}' has an unsupported scheme.", hint: "Use a directory, file://, http:// or https://.");
        // A bare name (conda-forge, bioconda) is a channel on conda's default channel_alias, as conda reads it.
        if (IsChannelName(channel) && !Directory.Exists(channel))
            return new HttpChannelSource(DefaultChannelAlias + channel, options ?? new HttpChannelOptions());
        return new LocalChannelSource(Path.GetFullPath(channel));
    }

    /// <summary>
    /// The folder <paramref name="channel"/> names when <see cref="Create"/> reads it as a local channel (a path or a
    /// <c>file://</c> URL); null for an http(s) URL or a channel name (<c>conda-forge</c>, <c>conda-forge/label/x</c>).
    /// </summary>
    public static string? LocalFolder(string channel)
    {
        var c = channel.Trim();
        if (c.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return Uri.TryCreate(c, UriKind.Absolute, out var uri) ? uri.LocalPath : null;
        if (c.Length == 0 || c.Contains("://", StringComparison.Ordinal)) return null;
        return IsChannelName(c) && !Directory.Exists(c) ? null : Path.GetFullPath(c);
    }

    /// <summary>Where conda looks up channels given by name (its default <c>channel_alias</c>).</summary>
    public const string DefaultChannelAlias = "https://conda.anaconda.org/";

    // A name (conda-forge), or a name with a label (conda-forge/label/mpi-external: the label's packages only,
    // as conda reads it on the channel_alias).
    private static bool IsChannelName(string channel) =>
        channel.Split('/') is var parts && (parts.Length == 1 || (parts.Length == 3 && parts[1] == "label"))
        && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !p.StartsWith('.'));

    /// <summary>Records of <paramref name="subdir"/> (e.g. <c>linux-64</c>) followed by those of <c>noarch</c>.</summary>
    public IReadOnlyList<PackageRecord> Load(string subdir, ICollection<Diagnostic>? diagnostics = null) =>
        LoadAsync(subdir, diagnostics).GetAwaiter().GetResult();

    /// <inheritdoc cref="Load"/>
    public async Task<IReadOnlyList<PackageRecord>> LoadAsync(string subdir, ICollection<Diagnostic>? diagnostics = null,
        CancellationToken cancellationToken = default)
    {
        var records = new List<PackageRecord>();
        if (subdir != "noarch")
        {
            var platform = await ReadSubdirAsync(subdir, diagnostics, cancellationToken).ConfigureAwait(false);
            if (platform is null && HoldsArchives(subdir))
                diagnostics?.Add(Diagnostic.Warning(ChannelErrorCodes.SubdirNotIndexed,
                    $"The channel '{Url}' holds packages in {subdir}/ but no {subdir}/repodata.json; none of them can be installed from it. " +
                    "Index the channel."));
            records.AddRange(platform ?? []);
        }
        var noarch = await ReadSubdirAsync("noarch", diagnostics, cancellationToken).ConfigureAwait(false)
            ?? throw new CondaRecipesException(ChannelErrorCodes.UnavailableInvalidChannel,
                $"UnavailableInvalidChannel: the channel '{Url}' is not accessible or is invalid: " +
                $"it has no noarch/repodata.json.", file: NoarchLocation,
                hint: "Index the channel (every channel needs noarch/repodata.json, even an empty one) or fix its URL.");
        records.AddRange(noarch);
        return records;
    }

    /// <summary>
    /// True for a local channel that holds nothing yet (its folder is missing, or has neither a repodata.json nor a
    /// package archive): the build's own output channel before its first package. Such a channel contributes no
    /// records; any other channel without noarch/repodata.json is invalid (CR5100).
    /// </summary>
    public virtual bool HoldsNothing => false;

    /// <summary>True when the subdir folder of a local channel holds package archives (whether indexed or not).</summary>
    protected virtual bool HoldsArchives(string subdir) => false;

    /// <summary>Where noarch/repodata.json is looked for (named in errors).</summary>
    protected abstract string NoarchLocation { get; }

    /// <summary>The records of one subdir, or null when its repodata.json does not exist.</summary>
    protected abstract Task<List<PackageRecord>?> ReadSubdirAsync(string subdir, ICollection<Diagnostic>? diagnostics,
        CancellationToken cancellationToken);
}
