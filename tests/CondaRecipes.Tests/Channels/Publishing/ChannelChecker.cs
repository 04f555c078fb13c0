using System.Text.Json.Nodes;
using CondaRecipes.Tests.Pipeline;

namespace CondaRecipes.Tests.Channels.Publishing;

/// <summary>
/// The independent check of a channel after a crash: repodata records against the files (size, md5, sha256,
/// computed by the test's own hashing), every archive read by Debian's cph with its content against paths.json,
/// channeldata naming exactly the packages of the subdirs, and no temporary file left anywhere.
/// </summary>
internal static class ChannelChecker
{
    public static void AssertConsistent(string channel, params string[] subdirs)
    {
        foreach (var subdir in subdirs)
        {
            var dir = Path.Combine(channel, subdir);
            ChannelInspection.AssertRepodataMatchesArchives(dir);
            foreach (var archive in Directory.EnumerateFiles(dir, "*.conda"))
            {
                var extracted = ChannelInspection.ExtractWithCph(archive);
                try { ChannelInspection.AssertMatchesPathsJson(extracted); }
                finally { Directory.Delete(extracted, recursive: true); }
            }
        }
        var names = subdirs.SelectMany(s => JsonNode.Parse(File.ReadAllText(Path.Combine(channel, s, "repodata.json")))!["packages.conda"]!
            .AsObject().Select(p => (string)p.Value!["name"]!)).Distinct().Order().ToList();
        var channelData = JsonNode.Parse(File.ReadAllText(Path.Combine(channel, "channeldata.json")))!["packages"]!.AsObject();
        Assert.That(channelData.Select(p => p.Key).Order(), Is.EqualTo(names), "channeldata.json names the packages of repodata");
        Assert.That(Directory.EnumerateFiles(channel, "*.tmp", SearchOption.AllDirectories), Is.Empty, "temporary files left in the channel");
        Assert.That(Directory.EnumerateDirectories(channel, ".staging-*", SearchOption.AllDirectories), Is.Empty, "staging folders left in the channel");
    }
}
