using CondaRecipes.Channels.Publishing;

namespace CondaRecipes.Tests.Channels.Publishing;

/// <summary>
/// The child side of the crash tests: publishes archives with <see cref="ChannelPublisher"/>, printing
/// <c>step &lt;name&gt;</c> at each step, and stops for good at the named one so that the parent kills it there
/// with SIGKILL (a deterministic point in the publish, not a guessed delay).
/// </summary>
internal static class PublishChild
{
    internal static int Run(string channel, string holdAt, IReadOnlyList<string> items)
    {
        var publisher = new ChannelPublisher(channel)
        {
            StepReached = step =>
            {
                Console.Out.WriteLine($"step {step}");
                Console.Out.Flush();
                if (step == holdAt) Thread.Sleep(Timeout.Infinite);
            },
        };
        var result = publisher.Publish(items.Select(i => i.Split('=')).Select(p => new PublishItem(p[0], p[1])).ToList());
        Console.Out.WriteLine($"done {result.Index.PackageCount}");
        return 0;
    }
}
