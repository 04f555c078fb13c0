namespace CondaRecipes.Channels;

/// <summary>
/// Error and warning codes of the channel reader, the MatchSpec/version parser and the resolver
/// (range CR5000–CR5899; the index writer under <c>Index/</c> has its own constants).
/// </summary>
public static class ChannelErrorCodes
{
    /// <summary>A version string is not a valid conda version (bad characters, empty component, two epochs...).</summary>
    public const string InvalidVersion = "CR5001";

    /// <summary>A version constraint (<c>&gt;=1.2,&lt;2|3.*</c>) cannot be parsed.</summary>
    public const string InvalidVersionSpec = "CR5002";

    /// <summary>A match specification (<c>name version build</c>, brackets, channel) cannot be parsed.</summary>
    public const string InvalidMatchSpec = "CR5003";

    /// <summary>A build-number constraint (<c>[build_number='&gt;=1000']</c>) cannot be parsed.</summary>
    public const string InvalidBuildNumberSpec = "CR5004";

    /// <summary>A channel has no <c>noarch/repodata.json</c> (conda reports UnavailableInvalidChannel).</summary>
    public const string UnavailableInvalidChannel = "CR5100";

    /// <summary>A channel's <c>repodata.json</c> is not valid JSON or its records lack required fields.</summary>
    public const string InvalidRepodata = "CR5101";

    /// <summary>A channel URL has a scheme other than file, http or https.</summary>
    public const string UnsupportedChannelUrl = "CR5102";

    /// <summary>An http(s) channel could not be reached and nothing is cached for it.</summary>
    public const string ChannelUnreachable = "CR5103";

    /// <summary>Warning: an http(s) channel could not be reached; its cached repodata was used.</summary>
    public const string UsingCachedRepodata = "CR5104";

    /// <summary>Warning: a local channel's platform subdir holds packages but no <c>repodata.json</c>; they cannot be installed from it.</summary>
    public const string SubdirNotIndexed = "CR5105";

    /// <summary>The requested packages cannot be installed together (or one is missing from every channel).</summary>
    public const string Unsatisfiable = "CR5200";

    /// <summary>The search gave up after the configured number of steps.</summary>
    public const string SolveStepLimit = "CR5201";

    /// <summary>A host external was declared with an invalid name, version or build.</summary>
    public const string InvalidExternal = "CR5202";

    /// <summary>An environment file (environment.yml) is not valid YAML or has no mapping.</summary>
    public const string InvalidEnvironmentFile = "CR5300";
}
