namespace CondaRecipes.Channels.Solving;

/// <summary>How channel order limits the choice of records (conda's <c>channel_priority</c>).</summary>
public enum ChannelPriority
{
    /// <summary>A package name found in a higher-priority channel is taken only from that channel.</summary>
    Strict,

    /// <summary>Every channel is considered; channel order only breaks ties of equal version and build number.</summary>
    Flexible,
}

/// <summary>Settings of one <see cref="Resolver.Solve"/> call.</summary>
public sealed record SolveOptions
{
    public ChannelPriority ChannelPriority { get; init; } = ChannelPriority.Strict;

    /// <summary>Candidate records tried before the search gives up with CR5201 (a guard, not a tuning knob).</summary>
    public int MaxSteps { get; init; } = 1_000_000;
}
