using CondaRecipes.Channels.Index;

namespace CondaRecipes.Channels.Publishing;

/// <summary>What one <see cref="ChannelPublisher.Publish"/> did.</summary>
/// <param name="Published">The archives' paths in the channel.</param>
/// <param name="Index">The index written under the same lock (its warnings name archives set aside).</param>
/// <param name="LeftoversRemoved">Temporary files of killed writers that were deleted first.</param>
public sealed record PublishResult(IReadOnlyList<string> Published, IndexResult Index, IReadOnlyList<string> LeftoversRemoved);
