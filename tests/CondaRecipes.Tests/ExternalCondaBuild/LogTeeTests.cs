using CondaRecipes.ExternalCondaBuild;

namespace CondaRecipes.Tests.CondaBuild;

public class LogTeeTests
{
    [Test]
    public void A_stderr_line_that_arrived_before_the_last_stdout_lines_is_still_quoted()
    {
        var tee = new LogTee(null, null, tailCapacity: 3);
        tee.WriteLine("build line 1");
        tee.WriteErrorLine("build.sh: line 3: make: No rule to make target");
        foreach (var i in Enumerable.Range(2, 5)) tee.WriteLine($"build line {i}");

        var text = tee.FormatTail();
        Assert.That(tee.Tail, Is.EqualTo(new[] { "build line 4", "build line 5", "build line 6" }));
        Assert.That(text, Does.EndWith("and the last lines of stderr:" + Environment.NewLine + "    build.sh: line 3: make: No rule to make target"));
    }
}
