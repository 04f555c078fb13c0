using System.Text;
using CondaRecipes.Scheduling;

namespace CondaRecipes.Tests.Scheduling;

public class LogFollowerTests
{
    [Test]
    public void ReturnsOnlyCompleteNewLines_AcrossSplitUtf8()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cr-log-").FullName, "job.log");
        var follower = new LogFollower(path);
        Assert.That(follower.ReadNewLines(), Is.Empty, "missing file is nothing yet");

        var bytes = Encoding.UTF8.GetBytes("first\nsecond é");
        using (var w = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            w.Write(bytes, 0, bytes.Length - 1);   // cut inside the two-byte é
        Assert.That(follower.ReadNewLines(), Is.EqualTo(new[] { "first" }));

        using (var w = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            w.Write([bytes[^1], (byte)'\n', (byte)'t', (byte)'a', (byte)'i', (byte)'l']);
        Assert.That(follower.ReadNewLines(), Is.EqualTo(new[] { "second é" }));
        Assert.That(follower.Flush(), Is.EqualTo(new[] { "tail" }));
        Assert.That(follower.ReadNewLines(), Is.Empty);
    }

    [Test]
    public void Tail_GivesTheLastLines()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cr-log-").FullName, "job.log");
        File.WriteAllLines(path, Enumerable.Range(1, 100).Select(i => $"line {i}"));

        Assert.That(LogFollower.Tail(path, 3), Is.EqualTo(new[] { "line 98", "line 99", "line 100" }));
        Assert.That(LogFollower.Tail(path + ".missing", 3), Is.Empty);
    }
}
