using CondaRecipes.Tests.Pipeline;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Planning;

/// <summary>A variant value with every separator MSBuild and the variable codec use reaches the build script intact.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class VariableTransportTests
{
    [Test]
    public void A_value_with_separators_percent_spaces_and_quotes_reaches_the_build_script()
    {
        const string value = "a|b=c;d%e, \"q\" 'x' $y";
        using var repo = new TestRepo();
        repo.Write("recipes/demo/meta.yaml", """
            package:
              name: demo
              version: "1.0"
            """);
        repo.Write("recipes/demo/build.sh", """
            mkdir -p "$PREFIX/share/demo"
            printf '%s' "$DEMO_FLAGS" > "$PREFIX/share/demo/flags.txt"
            """);
        // In a Values list, ';' and ',' separate values: a literal one is written %3B / %2C and '%' itself %25,
        // each escaped once more for MSBuild (%253B); '$' is MSBuild's %24; the other characters are written as they are.
        repo.Write("recipes/demo.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup>
                <CondaVariant Include="DEMO_FLAGS" Values="a|b=c%253Bd%2525e%252C &quot;q&quot; 'x' %24y" />
              </ItemGroup>
            </Project>
            """);

        var r = repo.Build("recipes/demo.proj");

        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        var package = Directory.GetFiles(repo.Path_("output", "linux-64"), "demo-1.0-*.conda").Single();
        var extracted = ChannelInspection.ExtractWithCph(package);
        Assert.That(File.ReadAllText(Path.Combine(extracted, "share", "demo", "flags.txt")), Is.EqualTo(value));
        var plan = repo.Build("recipes/demo.proj", "-t:Plan");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(plan.Output, Does.Contain("[up to date]"), "the inner build and Plan read the same value");
    }
}
